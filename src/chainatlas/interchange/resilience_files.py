"""Resilience network folders (nodes.csv + bom.csv, ../shared/formats/resilience-network.md) in and out,
and the Willems (2008) chains turned into such networks (real topology and demand, generated parameters)."""

from __future__ import annotations

import csv
import math
from collections.abc import Iterator
from pathlib import Path

from chainatlas.analytics.resilience import BomLine, Network, NetworkError, NodeSpec, build_network
from chainatlas.interchange.problems import RowProblem

NODE_COLUMNS = ("id", "location", "demand_per_day", "capacity_per_day", "inventory", "margin", "ttr_days")
BOM_COLUMNS = ("customer", "material", "supplier", "units_per_unit")
SOURCE_FILE = "SOURCE.txt"  # where the data come from; `synthetic` parts are named there


class NetworkFileError(ValueError):
    """A network folder that cannot be read; every problem names its file, row and column."""

    def __init__(self, problems: list[RowProblem]) -> None:
        super().__init__("; ".join(p.as_text() for p in problems[:20]) + (" …" if len(problems) > 20 else ""))
        self.problems = problems


def read_network(folder: Path | str) -> Network:
    """Return the network in `folder`; raise NetworkFileError naming every bad file, row and column."""
    folder = Path(folder)
    problems: list[RowProblem] = []
    nodes = _read_nodes(folder / "nodes.csv", problems)
    bom = _read_bom(folder / "bom.csv", {n.id for n in nodes}, problems)
    if problems:
        raise NetworkFileError(problems)
    source = (folder / SOURCE_FILE).read_text(encoding="utf-8").strip() if (folder / SOURCE_FILE).exists() else ""
    try:
        return build_network(nodes, bom, source=source)
    except NetworkError as error:
        raise NetworkFileError([RowProblem(str(folder), None, None, None, str(error))]) from error


def write_network(network: Network, folder: Path | str) -> None:
    """Write `network` as nodes.csv and bom.csv (and SOURCE.txt when it has a source) in `folder`."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "nodes.csv").open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(NODE_COLUMNS)
        for n in network.node_specs():
            capacity = "" if n.capacity_per_day is None else _number(n.capacity_per_day)
            out.writerow(
                [
                    n.id,
                    n.location,
                    _number(n.demand_per_day),
                    capacity,
                    _number(n.inventory),
                    _number(n.margin),
                    _number(n.ttr_days),
                ]
            )
    with (folder / "bom.csv").open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(BOM_COLUMNS)
        for b in network.bom_lines():
            out.writerow([b.customer, b.material, b.supplier, _number(b.units_per_unit)])
    if network.source:
        (folder / SOURCE_FILE).write_text(network.source.strip() + "\n", encoding="utf-8")


def _number(value: float) -> str:
    """Return the shortest text that reads back as the same float (integers without `.0`)."""
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def _rows(path: Path, columns: tuple[str, ...], problems: list[RowProblem]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (row number, cells) of a CSV file with the given columns (header = row 1; extra columns ignored)."""
    if not path.is_file():
        problems.append(RowProblem(path.name, None, None, None, "file not found"))
        return
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = [h.strip() for h in next(reader, [])]
        missing = [c for c in columns if c not in header]
        if missing:
            problems.append(RowProblem(path.name, 1, None, None, f"missing column(s) {', '.join(missing)}"))
            return
        at = {c: header.index(c) for c in columns}
        for number, values in enumerate(reader, start=2):
            if not any(v.strip() for v in values):
                continue
            yield number, {c: (values[i].strip() if i < len(values) else "") for c, i in at.items()}


def _cell(
    file: str, number: int, row: dict[str, str], column: str, problems: list[RowProblem], empty: float | None = 0.0
) -> float | None:
    """Return the number in a cell (`empty` when blank); record a problem when it is not a number ≥ 0."""
    text = row[column]
    if not text:
        return empty
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0:
        problems.append(RowProblem(file, number, column, text, "must be a number ≥ 0"))
        return empty
    return value


_NUMBERS = ("demand_per_day", "inventory", "margin", "ttr_days")


def _read_nodes(path: Path, problems: list[RowProblem]) -> list[NodeSpec]:
    nodes: list[NodeSpec] = []
    seen: dict[str, int] = {}
    file = path.name
    for number, row in _rows(path, NODE_COLUMNS, problems):
        node_id = row["id"]
        if not node_id:
            problems.append(RowProblem(file, number, "id", None, "empty"))
            continue
        if node_id in seen:
            problems.append(RowProblem(file, number, "id", node_id, f"duplicate (also row {seen[node_id]})"))
            continue
        seen[node_id] = number
        value = [_cell(file, number, row, c, problems) or 0.0 for c in _NUMBERS]
        capacity = _cell(file, number, row, "capacity_per_day", problems, empty=None)
        nodes.append(NodeSpec(node_id, row["location"], value[0], capacity, value[1], value[2], value[3]))
    return nodes


def _read_bom(path: Path, ids: set[str], problems: list[RowProblem]) -> list[BomLine]:
    lines: list[BomLine] = []
    ratio: dict[tuple[str, str], tuple[float, int]] = {}
    seen: dict[tuple[str, str, str], int] = {}
    for number, row in _rows(path, BOM_COLUMNS, problems):
        line = _bom_line(path.name, number, row, ids, problems)
        if line is None:
            continue
        key = (line.customer, line.material, line.supplier)
        if key in seen:
            problems.append(RowProblem(path.name, number, None, None, f"duplicate line (also row {seen[key]})"))
            continue
        seen[key] = number
        first, where = ratio.setdefault(key[:2], (line.units_per_unit, number))
        if first != line.units_per_unit:
            message = f"differs from {_number(first)} on row {where} (same customer and material)"
            problems.append(RowProblem(path.name, number, "units_per_unit", row["units_per_unit"], message))
            continue
        lines.append(line)
    return lines


def _bom_line(file: str, number: int, row: dict[str, str], ids: set[str], problems: list[RowProblem]) -> BomLine | None:
    """Return one BOM row as a line, or None after recording what is wrong with it."""
    before = len(problems)
    for column in ("customer", "material", "supplier"):
        if not row[column]:
            problems.append(RowProblem(file, number, column, None, "empty"))
        elif column != "material" and row[column] not in ids:
            problems.append(RowProblem(file, number, column, row[column], "unknown node (not in nodes.csv)"))
    units = _cell(file, number, row, "units_per_unit", problems, empty=None)
    if len(problems) == before and (units is None or units <= 0):
        problems.append(RowProblem(file, number, "units_per_unit", row["units_per_unit"], "must be a number > 0"))
    if len(problems) == before and row["customer"] == row["supplier"]:
        problems.append(RowProblem(file, number, "supplier", row["supplier"], "a node cannot supply itself"))
    if len(problems) > before or units is None:
        return None
    return BomLine(row["customer"], row["material"], row["supplier"], units)


# --- Willems (2008) chains ---------------------------------------------------------------------------------

WILLEMS_CITATION = (
    "Willems, S. P. (2008). Data Set: Real-World Multiechelon Supply Chains Used for Inventory Optimization. "
    "M&SOM 10(1):19-23, doi:10.1287/msom.1070.0176"
)
_STAGE_COLUMNS = ("Stage Name", "stageCost", "avgDemand", "stageTime")
_ARC_COLUMNS = ("sourceStage", "destinationStage")
SITES = 10  # generated locations: synthetic/site0 .. synthetic/site9


def read_willems(stages_csv: Path | str, arcs_csv: Path | str, seed: int = 0) -> Network:
    """Return a Willems chain as a network: the topology (each arc one material, one unit per unit) and the
    demand (`avgDemand`) are real; location, capacity, inventory, margin and TTR are generated from `seed`
    (see docs/resilience.md) and the network's `source` says so."""
    stages_csv, arcs_csv = Path(stages_csv), Path(arcs_csv)
    problems: list[RowProblem] = []
    stages = _read_stages(stages_csv, problems)
    arcs = _read_arcs(arcs_csv, set(stages), problems)
    if problems:
        raise NetworkFileError(problems)
    nodes = _generated_nodes(stages, arcs, seed)
    bom = [BomLine(customer, supplier, supplier, 1.0) for supplier, customer in arcs]
    source = (
        f"{WILLEMS_CITATION}; files {stages_csv.name} and {arcs_csv.name}. Real: topology (bom.csv) and "
        f"demand_per_day (avgDemand). Synthetic (generated, seed {seed}): location, capacity_per_day, inventory, "
        "margin, ttr_days."
    )
    try:
        return build_network(nodes, bom, source=source)
    except NetworkError as error:
        raise NetworkFileError([RowProblem(arcs_csv.name, None, None, None, str(error))]) from error


def write_willems(stages_csv: Path | str, arcs_csv: Path | str, out_dir: Path | str, seed: int = 0) -> Network:
    """Read a Willems chain (see `read_willems`), write it as a network folder and return it."""
    network = read_willems(stages_csv, arcs_csv, seed)
    write_network(network, out_dir)
    return network


def _read_stages(path: Path, problems: list[RowProblem]) -> dict[str, tuple[float, float, float]]:
    """Return stage -> (stageCost, avgDemand or 0, stageTime)."""
    stages: dict[str, tuple[float, float, float]] = {}
    for number, row in _rows(path, _STAGE_COLUMNS, problems):
        name = row["Stage Name"]
        if not name or name in stages:
            problems.append(RowProblem(path.name, number, "Stage Name", name, "empty or duplicate"))
            continue
        cost, demand, time = (_cell(path.name, number, row, c, problems) or 0.0 for c in _STAGE_COLUMNS[1:])
        stages[name] = (cost, demand, time)
    return stages


def _read_arcs(path: Path, stages: set[str], problems: list[RowProblem]) -> list[tuple[str, str]]:
    arcs: list[tuple[str, str]] = []
    for number, row in _rows(path, _ARC_COLUMNS, problems):
        bad = [c for c in _ARC_COLUMNS if row[c] not in stages]
        for column in bad:
            problems.append(RowProblem(path.name, number, column, row[column], "not a stage of the stages file"))
        if not bad:
            arcs.append((row["sourceStage"], row["destinationStage"]))
    return arcs


def _generated_nodes(
    stages: dict[str, tuple[float, float, float]], arcs: list[tuple[str, str]], seed: int
) -> list[NodeSpec]:
    """Return the nodes with real demand and generated parameters sized on each stage's daily throughput."""
    import numpy as np

    rng = np.random.default_rng(seed)
    flow = _throughput(stages, arcs)
    value = _rolled_up_cost(stages, arcs)
    nodes = []
    for name, (_, demand, time) in stages.items():
        q = flow[name]
        site = int(rng.integers(SITES))
        capacity = round(q * float(rng.uniform(1.1, 1.8)), 4) if q > 0 else None
        stock_days = 0.0 if rng.random() < 0.3 else float(rng.uniform(0.0, 3.0)) * max(time, 1.0)
        margin = round(value[name] * float(rng.uniform(0.1, 0.4)), 2) if demand > 0 else 0.0
        ttr = round(max(time, 1.0) * float(rng.uniform(1.5, 4.0)), 2)
        nodes.append(NodeSpec(name, f"synthetic/site{site}", demand, capacity, round(q * stock_days, 4), margin, ttr))
    return nodes


def _topological(stages: dict[str, tuple[float, float, float]], arcs: list[tuple[str, str]]) -> list[str]:
    """Return the stages upstream first (Kahn); stages on a cycle (none in the data set) come last."""
    indegree = dict.fromkeys(stages, 0)
    out: dict[str, list[str]] = {s: [] for s in stages}
    for supplier, customer in arcs:
        indegree[customer] += 1
        out[supplier].append(customer)
    ready = [s for s, k in indegree.items() if k == 0]
    order: list[str] = []
    while ready:
        s = ready.pop()
        order.append(s)
        for c in out[s]:
            indegree[c] -= 1
            if indegree[c] == 0:
                ready.append(c)
    return order + [s for s in stages if s not in set(order)]


def _throughput(stages: dict[str, tuple[float, float, float]], arcs: list[tuple[str, str]]) -> dict[str, float]:
    """Return each stage's daily throughput: its own demand plus one unit per unit of each customer's."""
    customers: dict[str, list[str]] = {s: [] for s in stages}
    for supplier, customer in arcs:
        customers[supplier].append(customer)
    flow: dict[str, float] = {}
    for s in reversed(_topological(stages, arcs)):
        flow[s] = stages[s][1] + sum(flow.get(c, 0.0) for c in customers[s])
    return flow


def _rolled_up_cost(stages: dict[str, tuple[float, float, float]], arcs: list[tuple[str, str]]) -> dict[str, float]:
    """Return each stage's cost rolled up its bill of materials (its stageCost plus its inputs')."""
    suppliers: dict[str, list[str]] = {s: [] for s in stages}
    for supplier, customer in arcs:
        suppliers[customer].append(supplier)
    cost: dict[str, float] = {}
    for s in _topological(stages, arcs):
        cost[s] = stages[s][0] + sum(cost.get(x, 0.0) for x in suppliers[s])
    return cost
