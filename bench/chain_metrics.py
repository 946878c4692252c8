"""Budget (issue #4 point 7): every chain metric and the gap ranking for a synthetic registry of 100k
enterprises and 1M links in ≤ 5 s, against a straightforward per-node pandas/networkx implementation.

The baseline (networkx taxonomy, one pandas filter + groupby per node, string ids as in the CSV files)
runs in the same process on a sample of nodes spread over the taxonomy levels and is extrapolated
linearly per level to all nodes. Its values must equal the fast ones (rel 1e-9): an independent
cross-check of `node_metrics` and `gap_ranking`.

Run: .venv/bin/python bench/chain_metrics.py [--enterprises N] [--links N] [--sample K]. Prints the ratio last.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import networkx as nx
import numpy as np
import pandas as pd

from chainatlas.analytics.chain import NodeMetrics, node_metrics
from chainatlas.analytics.gaps import KEY_TECHNOLOGY_WEIGHT, gap_ranking
from chainatlas.analytics.snapshot import NO_YEAR, ChainSnapshot, Ints
from chainatlas.domain.chain_results import ChainGap
from chainatlas.interchange.synth import write_synthetic

BUDGET_S = 5.0
RTOL = 1e-9
SEED = 1
T = TypeVar("T")
SHOWN = 5  # differences printed
GAP_FIELDS = ("purchases", "gap", "feasibility", "criticality", "strategic_value", "attractiveness", "score")


@dataclass(frozen=True)
class Tables:
    """The registry's CSV files as DataFrames (ids and codes as text, money as float, NaN when empty)."""

    nodes: pd.DataFrame
    firms: pd.DataFrame
    makes: pd.DataFrame
    links: pd.DataFrame


@dataclass(frozen=True)
class Baseline:
    """What the per-node baseline prepares once: the taxonomy graph and joined, filtered frames."""

    tree: nx.DiGraph
    links: pd.DataFrame
    makes: pd.DataFrame
    makers: dict[str, set[str]]
    present: set[str]
    firm_output: pd.Series
    cluster_output: float


@dataclass(frozen=True)
class Fast:
    """The fast path's results and timings."""

    metrics: NodeMetrics
    gaps: list[ChainGap]
    metrics_s: float
    gaps_s: float


def peak_rss_mb() -> float:
    """Return this process's peak resident set size in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _csv(path: Path, columns: list[str], numeric: tuple[str, ...] = ()) -> pd.DataFrame:
    """Read some columns of an interchange CSV: text kept as is, `numeric` columns as float (NaN when empty)."""
    dtypes = {c: (float if c in numeric else str) for c in columns}
    na = {c: [""] for c in numeric}
    return pd.read_csv(path, encoding="utf-8-sig", usecols=columns, dtype=dtypes, keep_default_na=False, na_values=na)


def load_tables(folder: Path) -> Tables:
    """Load the four CSV files, nodes sorted by code and enterprises by id (as the registry loads them)."""
    nodes = _csv(folder / "chain_nodes.csv", ["code", "parent_code", "name_zh", "key_technology"])
    firm_columns = ["id", "name_zh", "country", "province", "district", "in_cluster", "tags"]
    firms = _csv(folder / "enterprises.csv", firm_columns)
    makes = _csv(
        folder / "enterprise_nodes.csv", ["enterprise_id", "node_code", "annual_output_cny"], ("annual_output_cny",)
    )
    link_columns = ["supplier_id", "customer_id", "node_code", "annual_value_cny", "since", "until"]
    links = _csv(folder / "supply_links.csv", link_columns, ("annual_value_cny", "since", "until"))
    return Tables(
        nodes.sort_values("code", ignore_index=True), firms.sort_values("id", ignore_index=True), makes, links
    )


def _home_country(firms: pd.DataFrame) -> str:
    """Return the most common country of the cluster's enterprises (CN without any)."""
    countries = Counter(firms.loc[firms["in_cluster"] == "true", "country"])
    return countries.most_common(1)[0][0] if countries else "CN"


def _years(column: pd.Series) -> Ints:
    """Return a year column as int64, NO_YEAR where empty."""
    years: Ints = column.fillna(NO_YEAR).to_numpy(dtype=np.int64)
    return years


def _text_or_none(column: pd.Series) -> tuple[str | None, ...]:
    """Return a text column as a tuple, None where empty."""
    return tuple(v or None for v in column)


def build_snapshot(t: Tables) -> ChainSnapshot:
    """Build the snapshot as `services.chain.snapshot_from_rows` does, straight from the frames."""
    codes, ids = pd.Index(t.nodes["code"]), pd.Index(t.firms["id"])
    links, makes = t.links, t.makes
    return ChainSnapshot(
        node_codes=tuple(codes),
        node_parent=codes.get_indexer(t.nodes["parent_code"]).astype(np.int64),
        node_key_technology=(t.nodes["key_technology"] == "true").to_numpy(),
        firm_ids=tuple(ids),
        firm_in_cluster=(t.firms["in_cluster"] == "true").to_numpy(),
        firm_foreign=(t.firms["country"] != _home_country(t.firms)).to_numpy(),
        makes_firm=ids.get_indexer(makes["enterprise_id"]).astype(np.int64),
        makes_node=codes.get_indexer(makes["node_code"]).astype(np.int64),
        makes_output=makes["annual_output_cny"].to_numpy(dtype=np.float64),
        link_supplier=ids.get_indexer(links["supplier_id"]).astype(np.int64),
        link_customer=ids.get_indexer(links["customer_id"]).astype(np.int64),
        link_node=codes.get_indexer(links["node_code"]).astype(np.int64),
        link_value=links["annual_value_cny"].to_numpy(dtype=np.float64),
        link_since=_years(links["since"]),
        link_until=_years(links["until"]),
        firm_tags=tuple(tuple(tags.split(";")) if tags else () for tags in t.firms["tags"]),
        firm_province=_text_or_none(t.firms["province"]),
        firm_district=_text_or_none(t.firms["district"]),
        firm_names=tuple(t.firms["name_zh"]),
        node_names=tuple(t.nodes["name_zh"]),
    )


def run_fast(snapshot: ChainSnapshot) -> Fast:
    """Time node_metrics (all links) and gap_ranking once each."""
    started = time.perf_counter()
    metrics = node_metrics(snapshot, year=None)
    middle = time.perf_counter()
    gaps = gap_ranking(snapshot, metrics)
    return Fast(metrics, gaps, middle - started, time.perf_counter() - middle)


def taxonomy_graph(nodes: pd.DataFrame) -> nx.DiGraph:
    """Return the taxonomy as a parent → child DiGraph, nodes carrying key_technology."""
    tree = nx.DiGraph()
    for code, parent, key in nodes[["code", "parent_code", "key_technology"]].itertuples(index=False):
        tree.add_node(code, key=key == "true")
        if parent:
            tree.add_edge(parent, code)
    return tree


def prepare_metrics(t: Tables) -> tuple[nx.DiGraph, pd.DataFrame, pd.DataFrame]:
    """Join enterprise attributes onto links and makers; keep the links bought by the cluster."""
    firms = t.firms.assign(
        in_cluster=t.firms["in_cluster"] == "true", foreign=t.firms["country"] != _home_country(t.firms)
    ).set_index("id")[["in_cluster", "foreign"]]
    links = t.links.join(firms.add_prefix("customer_"), on="customer_id")
    links = links[links["customer_in_cluster"]].join(firms.add_prefix("supplier_"), on="supplier_id")
    links = links.assign(value=links["annual_value_cny"].fillna(0.0))
    makes = t.makes.join(firms["in_cluster"], on="enterprise_id")
    return taxonomy_graph(t.nodes), links, makes


def prepare_gaps(makes: pd.DataFrame) -> tuple[dict[str, set[str]], set[str], pd.Series, float]:
    """Return who makes each node directly, what the cluster makes, each enterprise's output and the cluster's."""
    makers = {code: set(group) for code, group in makes.groupby("node_code")["enterprise_id"]}
    present = set(makes.loc[makes["in_cluster"], "node_code"])
    firm_output = makes.groupby("enterprise_id")["annual_output_cny"].sum()
    return makers, present, firm_output, float(makes.loc[makes["in_cluster"], "annual_output_cny"].sum())


def _ratio(numerator: float, denominator: float) -> float:
    """Return numerator / denominator, NaN when the denominator is not positive."""
    return numerator / denominator if denominator > 0 else float("nan")


def _link_metrics(links: pd.DataFrame) -> dict[str, float]:
    """Return the purchase-based metrics of one subtree's links."""
    value = links["value"]
    purchases = float(value.sum())
    local_value = float(value[links["supplier_in_cluster"]].sum())
    suppliers = links["supplier_id"].nunique()
    local_suppliers = links.loc[links["supplier_in_cluster"], "supplier_id"].nunique()
    by_supplier = links.groupby("supplier_id")["value"].sum()
    hhi = float(((by_supplier / purchases) ** 2).sum()) if purchases > 0 else float("nan")
    return {
        "purchases": purchases,
        "local_value": local_value,
        "local_rate_value": _ratio(local_value, purchases),
        "suppliers": suppliers,
        "local_suppliers": local_suppliers,
        "local_rate_count": _ratio(local_suppliers, suppliers),
        "hhi": hhi,
        "foreign_share": _ratio(float(value[links["supplier_foreign"]].sum()), purchases),
    }


def _customer_metrics(links: pd.DataFrame) -> dict[str, float]:
    """Return single-source and all (customer, node) pairs and the value-weighted customer HHI."""
    pairs = links.assign(square=links["value"] ** 2).groupby(["customer_id", "node_code"])
    per_pair = pairs.agg(count=("value", "size"), total=("value", "sum"), square=("square", "sum"))
    positive = per_pair[per_pair["total"] > 0]
    weighted = float((positive["square"] / positive["total"]).sum())
    return {
        "single_source_links": int((per_pair["count"] == 1).sum()),
        "customer_node_pairs": len(per_pair),
        "customer_hhi": _ratio(weighted, float(per_pair["total"].sum())),
    }


def _maker_metrics(makes: pd.DataFrame) -> dict[str, float]:
    """Return the distinct makers in and outside the cluster and the cluster's output."""
    inside = makes["in_cluster"]
    return {
        "enterprises_in_cluster": makes.loc[inside, "enterprise_id"].nunique(),
        "enterprises_outside": makes.loc[~inside, "enterprise_id"].nunique(),
        "output_in_cluster": float(makes.loc[inside, "annual_output_cny"].sum()),
    }


def baseline_metrics(b: Baseline, code: str) -> dict[str, float]:
    """Return one node's metrics over its subtree, the straightforward way."""
    subtree = {code} | nx.descendants(b.tree, code)
    links = b.links[b.links["node_code"].isin(subtree)]
    makes = b.makes[b.makes["node_code"].isin(subtree)]
    return _link_metrics(links) | _customer_metrics(links) | _maker_metrics(makes)


def _density(b: Baseline, code: str) -> float:
    """Return the relatedness density of one node with a loop over co-made nodes."""
    mine, near, weight = b.makers.get(code, set()), 0.0, 0.0
    for other, theirs in b.makers.items():
        both = len(mine & theirs) if other != code else 0
        if both:
            phi = both / max(len(mine), len(theirs))
            near += phi * (other in b.present)
            weight += phi
    return near / weight if weight > 0 else 0.0


def baseline_gap(b: Baseline, code: str, metrics: dict[str, float]) -> dict[str, float] | None:
    """Return one node's gap-ranking numbers (None when the cluster does not buy it directly)."""
    direct = b.links[b.links["node_code"] == code]
    if not (direct["value"] > 0).any():
        return None
    buyers = direct["customer_id"].unique()
    criticality = float(b.firm_output.reindex(buyers).fillna(0.0).sum()) / b.cluster_output
    key = any(b.tree.nodes[n]["key"] for n in {code} | nx.ancestors(b.tree, code))
    strategic = (1 + criticality) * (KEY_TECHNOLOGY_WEIGHT if key else 1.0)
    gap = metrics["purchases"] * (1 - np.nan_to_num(metrics["local_rate_value"]))
    feasibility = _density(b, code)
    return {
        "purchases": metrics["purchases"],
        "gap": gap,
        "feasibility": feasibility,
        "criticality": criticality,
        "strategic_value": strategic,
        "attractiveness": gap * strategic,
        "score": gap * strategic * feasibility,
    }


def sample_nodes(tree: nx.DiGraph, k: int, seed: int) -> list[str]:
    """Pick k nodes with a fixed seed, round-robin over the taxonomy levels (all of a level if it is small)."""
    rng = np.random.default_rng(seed)
    levels: dict[int, list[str]] = {}
    for code in sorted(tree.nodes):
        levels.setdefault(len(nx.ancestors(tree, code)), []).append(code)
    queues = [list(rng.permutation(levels[d])) for d in sorted(levels)]
    picked: list[str] = []
    while len(picked) < k and any(queues):
        for queue in queues:
            if queue and len(picked) < k:
                picked.append(str(queue.pop()))
    return picked


def _timed(function: Callable[..., T], *args: Any) -> tuple[T, float]:
    """Return a call's result and its wall time."""
    started = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - started


def extrapolate(tree: nx.DiGraph, seconds: dict[str, float]) -> float:
    """Return Σ over levels of (mean sampled time of the level × nodes of the level)."""
    depth = {code: len(nx.ancestors(tree, code)) for code in tree.nodes}
    total = 0.0
    for level in set(depth.values()):
        sampled = [s for code, s in seconds.items() if depth[code] == level]
        size = sum(d == level for d in depth.values())
        total += float(np.mean(sampled)) * size if sampled else float("nan")
    return total


def _differences(code: str, fast: dict[str, float], base: dict[str, float]) -> list[str]:
    """Return a line per field where the fast and baseline values differ (rel 1e-9, NaN equal)."""
    return [
        f"{code} {name}: fast {float(fast[name])!r} baseline {float(expected)!r}"
        for name, expected in base.items()
        if not np.isclose(float(fast[name]), float(expected), rtol=RTOL, atol=0.0, equal_nan=True)
    ]


def cross_check(fast: Fast, code: str, metrics: dict[str, float], gap: dict[str, float] | None) -> list[str]:
    """Compare one sampled node's baseline metrics and gap numbers with the fast results."""
    i = fast.metrics.codes.index(code)
    problems = _differences(code, {name: getattr(fast.metrics, name)[i] for name in metrics}, metrics)
    row = next((r for r in fast.gaps if r.code == code), None)
    if (row is None) != (gap is None):
        return [*problems, f"{code}: ranked by the fast path {row is not None}, by the baseline {gap is not None}"]
    if row is not None and gap is not None:
        problems += _differences(code, {name: getattr(row, name) for name in GAP_FIELDS}, gap)
    return problems


@dataclass
class BaselineRun:
    """The baseline's timings per sampled node and the cross-check's findings."""

    prep_metrics_s: float = 0.0
    prep_gaps_s: float = 0.0
    metrics_s: dict[str, float] = field(default_factory=dict)
    gaps_s: dict[str, float] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def run_baseline(t: Tables, fast: Fast, sample: int) -> tuple[BaselineRun, nx.DiGraph]:
    """Prepare the baseline, then time and cross-check it node by node on a sample."""
    run = BaselineRun()
    (tree, links, makes), run.prep_metrics_s = _timed(prepare_metrics, t)
    gaps, run.prep_gaps_s = _timed(prepare_gaps, makes)
    b = Baseline(tree, links, makes, *gaps)
    for code in sample_nodes(tree, sample, SEED):
        metrics, run.metrics_s[code] = _timed(baseline_metrics, b, code)
        gap, run.gaps_s[code] = _timed(baseline_gap, b, code, metrics)
        run.problems += cross_check(fast, code, metrics, gap)
    return run, tree


def _levels(tree: nx.DiGraph, codes: list[str]) -> str:
    """Return how many of the codes sit on each taxonomy level, e.g. 4/6/5/5."""
    depth = Counter(len(nx.ancestors(tree, code)) for code in codes)
    return "/".join(str(depth[d]) for d in sorted(depth))


def report(t: Tables, load_s: float, fast: Fast, run: BaselineRun, tree: nx.DiGraph) -> bool:
    """Print every measurement (the metrics ratio last); return whether the budget and the cross-check hold."""
    total = fast.metrics_s + fast.gaps_s
    base_metrics = run.prep_metrics_s + extrapolate(tree, run.metrics_s)
    base_gaps = run.prep_gaps_s + extrapolate(tree, run.gaps_s)
    sampled = list(run.metrics_s)
    print(
        f"registry: {len(t.nodes)} chain nodes, {len(t.firms):,} enterprises, {len(t.makes):,} enterprise-node rows, "
        f"{len(t.links):,} links; year=None (all links)"
    )
    print(f"load CSV + build snapshot: {load_s:.2f} s (not budgeted)")
    print(
        f"fast node_metrics: {fast.metrics_s:.3f} s; gap_ranking: {fast.gaps_s:.3f} s ({len(fast.gaps)} ranked nodes)"
    )
    print(f"fast total: {total:.3f} s (budget {BUDGET_S:.0f} s): {'OK' if total <= BUDGET_S else 'OVER BUDGET'}")
    print(
        f"baseline (networkx taxonomy + per-node pandas filter/groupby, string ids), same process, "
        f"{len(sampled)} nodes sampled (seed {SEED}, per level {_levels(tree, sampled)}):"
    )
    print(
        f"  metrics: prep {run.prep_metrics_s:.2f} s + sampled {sum(run.metrics_s.values()):.2f} s; "
        f"extrapolated linearly per level to {tree.number_of_nodes()} nodes: {base_metrics:.1f} s"
    )
    print(
        f"  gaps (density by loops over co-made nodes, criticality, strategic value; no medians/quadrants): "
        f"prep {run.prep_gaps_s:.2f} s + sampled {sum(run.gaps_s.values()):.2f} s; extrapolated: {base_gaps:.1f} s"
    )
    print(
        f"cross-check on {len(sampled)} sampled nodes (every NodeMetrics field, gap numbers; rel {RTOL:g}, NaN equal): "
        f"{'passed' if not run.problems else f'FAILED, {len(run.problems)} differences'}"
    )
    for line in run.problems[:SHOWN]:
        print(f"  {line}")
    print(f"peak RSS: {peak_rss_mb():.0f} MB")
    print(f"ratio baseline/fast (extrapolated, metrics + gaps): {(base_metrics + base_gaps) / total:.1f}")
    print(f"ratio baseline/fast (extrapolated, metrics): {base_metrics / fast.metrics_s:.1f}")
    return total <= BUDGET_S and not run.problems


def main() -> None:
    """Generate the registry, time the fast path, then the sampled baseline; exit 1 if over budget or different."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--enterprises", type=int, default=100_000)
    parser.add_argument("--links", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=20, help="nodes the baseline runs on")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        write_synthetic(Path(tmp), enterprises=args.enterprises, links=args.links, seed=SEED)
        started = time.perf_counter()
        tables = load_tables(Path(tmp))
    snapshot = build_snapshot(tables)
    load_s = time.perf_counter() - started
    fast = run_fast(snapshot)
    run, tree = run_baseline(tables, fast, args.sample)
    sys.exit(0 if report(tables, load_s, fast, run, tree) else 1)


if __name__ == "__main__":
    main()
