"""Network folders in and out (errors name file, row and column), and the Willems chains as networks."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest
from tests.shared_data import shared

from chainatlas.analytics.resilience import BomLine, NodeSpec, SerialExecutor, analyze, build_network
from chainatlas.interchange.resilience_files import (
    NetworkFileError,
    read_network,
    read_willems,
    write_network,
    write_willems,
)

WILLEMS = shared("willems-2008")


def _write(folder: Path, nodes: str, bom: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "nodes.csv").write_text(nodes, encoding="utf-8")
    (folder / "bom.csv").write_text(bom, encoding="utf-8")
    return folder


HEADER = "id,location,demand_per_day,capacity_per_day,inventory,margin,ttr_days\n"


def test_a_folder_round_trips_exactly(tmp_path: Path) -> None:
    source = shared("resilience-examples") / "random-3-tier"
    network = read_network(source)
    write_network(network, tmp_path / "out")
    again = read_network(tmp_path / "out")
    assert again.ids == network.ids and again.location == network.location
    for name in ("demand", "capacity", "inventory", "margin", "ttr", "group_ratio"):
        assert np.array_equal(getattr(again, name), getattr(network, name)), name
    assert sorted(map(tuple, _csv(source / "bom.csv"))) == sorted(map(tuple, _csv(tmp_path / "out" / "bom.csv")))
    assert _csv(tmp_path / "out" / "nodes.csv")[0] == HEADER.strip().split(",")


def _csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return [rows[0]] + [[c if not _is_number(c) else repr(float(c)) for c in r] for r in rows[1:]]


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_every_problem_names_file_row_and_column(tmp_path: Path) -> None:
    folder = _write(
        tmp_path / "bad",
        HEADER + "A,,5,,x,100,4\nA,,0,,0,0,1\nS,,0,-2,0,0,1\n",
        "customer,material,supplier,units_per_unit\nA,m,Q,1\nA,m,S,0\nA,m,S,1\nA,m,S,1\n",
    )
    with pytest.raises(NetworkFileError) as caught:
        read_network(folder)
    texts = [p.as_text() for p in caught.value.problems]
    assert texts == [
        "nodes.csv row 2, column `inventory`: x: must be a number ≥ 0",
        "nodes.csv row 3, column `id`: A: duplicate (also row 2)",
        "nodes.csv row 4, column `capacity_per_day`: -2: must be a number ≥ 0",
        "bom.csv row 2, column `supplier`: Q: unknown node (not in nodes.csv)",
        "bom.csv row 3, column `units_per_unit`: 0: must be a number > 0",
        "bom.csv row 5: duplicate line (also row 4)",
    ]


def test_missing_files_and_columns_are_named(tmp_path: Path) -> None:
    with pytest.raises(NetworkFileError, match="nodes.csv: file not found"):
        read_network(tmp_path)
    folder = _write(tmp_path / "cols", "id,location\nA,\n", "customer,material,supplier,units_per_unit\n")
    with pytest.raises(NetworkFileError, match="nodes.csv row 1: missing column"):
        read_network(folder)


def test_inconsistent_units_per_unit_is_named(tmp_path: Path) -> None:
    folder = _write(
        tmp_path / "r",
        HEADER + "A,,1,,0,1,1\nS,,0,,0,0,1\nT,,0,,0,0,1\n",
        "customer,material,supplier,units_per_unit\nA,m,S,1\nA,m,T,2\n",
    )
    with pytest.raises(NetworkFileError, match=r"bom.csv row 3, column `units_per_unit`: 2: differs from 1 on row 2"):
        read_network(folder)


def test_source_note_round_trips(tmp_path: Path) -> None:
    network = build_network([NodeSpec("A", demand_per_day=1)], [], source="synthetic")
    write_network(network, tmp_path)
    assert read_network(tmp_path).source == "synthetic"


def test_willems_chain_keeps_the_real_topology_and_demand(tmp_path: Path) -> None:
    stages, arcs = WILLEMS / "chain_07_stages.csv", WILLEMS / "chain_07_arcs.csv"
    network = write_willems(stages, arcs, tmp_path / "w07", seed=3)
    with arcs.open(encoding="utf-8") as handle:
        real = {(r["sourceStage"], r["destinationStage"]) for r in csv.DictReader(handle)}
    with stages.open(encoding="utf-8") as handle:
        demand = {r["Stage Name"]: float(r["avgDemand"] or 0) for r in csv.DictReader(handle)}
    again = read_network(tmp_path / "w07")
    assert {(b.supplier, b.customer) for b in again.bom_lines()} == real
    assert all(b.material == b.supplier and b.units_per_unit == 1 for b in again.bom_lines())
    assert dict(zip(again.ids, again.demand.tolist(), strict=True)) == demand
    assert "synthetic" in again.source.lower() and "10.1287/msom.1070.0176" in again.source
    assert network.ids == again.ids
    # the same seed gives the same parameters, another seed others
    same, other = read_willems(stages, arcs, seed=3), read_willems(stages, arcs, seed=4)
    assert np.array_equal(same.ttr, network.ttr) and not np.array_equal(other.ttr, network.ttr)


def test_willems_errors_name_the_file_row_and_column(tmp_path: Path) -> None:
    arcs = tmp_path / "arcs.csv"
    arcs.write_text("sourceStage,destinationStage\nPart_0001,Nowhere\n", encoding="utf-8")
    with pytest.raises(NetworkFileError, match="arcs.csv row 2, column `destinationStage`: Nowhere"):
        read_willems(WILLEMS / "chain_01_stages.csv", arcs)


def test_a_folder_analyses_end_to_end(tmp_path: Path) -> None:
    nodes = [NodeSpec("S", ttr_days=10), NodeSpec("A", demand_per_day=5, inventory=20, margin=100, ttr_days=4)]
    write_network(build_network(nodes, [BomLine("A", "part", "S", 2)]), tmp_path)
    result = analyze(read_network(tmp_path), executor=SerialExecutor()).to_json()
    assert [(x["id"], x["pi"], x["tts_days"], x["spof"]) for x in result["nodes"]] == [
        ("S", pytest.approx(3000), pytest.approx(4), True),
        ("A", 0, pytest.approx(4), False),
    ]
