"""Budgets (issue #5 point 7), each against its baseline in the same run, ratios printed last:

1. impact cone on a 1M-edge synthetic AND/OR graph ≤ 20 ms (baseline: networkx `descendants`);
2. all single points of failure on it ≤ 10 s (baseline: one networkx knockout search per node on a
   sample, extrapolated to every node; the sampled answers must agree);
3. the full PI + TTS sweep of Willems chain 38 (2,025 stages, 16,225 arcs; generated parameters, seed 38)
   ≤ 120 s on the default process pool (baseline: the unpruned LPs of one node — loss, undisrupted loss,
   survival — over the whole network through PuLP + HiGHS on a sample, extrapolated; values must agree);
   the same sweep on a Dask cluster of this machine (`LocalCluster`, 2 worker processes of 1 thread) against
   the default pool, results equal to the last bit (not budgeted: its ratio is printed before the last line).

Run: .venv/bin/python bench/resilience.py [--lines N] [--sample K] [--lp-sample K]. Note `uptime` with the figures.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import statistics
import sys
import time
from collections import deque
from pathlib import Path

import networkx as nx
import numpy as np
import pulp
from distributed import Client, LocalCluster

from chainatlas.analytics.resilience import (
    Analysis,
    BomLine,
    DaskExecutor,
    Network,
    NodeSpec,
    analyze,
    build_network,
    impact_cone,
    single_points_of_failure,
)
from chainatlas.analytics.resilience.propagation import spof_steps

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.shared_data import shared

from chainatlas.interchange.resilience_files import read_willems

CONE_BUDGET_S, SPOF_BUDGET_S, SWEEP_BUDGET_S = 0.020, 10.0, 120.0
WILLEMS = shared("willems-2008")  # beside the checkout, or CHAINATLAS_SHARED_DATA
TIERS = (6000, 18000, 26000, 24000, 26000)  # ~100k nodes; tier 0 sells, so do 10 % of tier 1


def synthetic(lines: int, seed: int = 1) -> Network:
    """Return a layered AND/OR network with about `lines` BOM lines (half the materials sole-sourced)."""
    rng = np.random.default_rng(seed)
    starts = np.cumsum((0, *TIERS))
    n = int(starts[-1])
    consumers = int(starts[-2])
    per_material = 2.0  # 0.5 * 1 + 0.5 * 3 suppliers on average
    materials = rng.integers(1, max(2, round(2 * lines / consumers / per_material)), size=consumers)
    demand = np.zeros(n)
    demand[: TIERS[0]] = rng.integers(1, 20, TIERS[0])
    demand[TIERS[0] : starts[2]] = np.where(rng.random(TIERS[1]) < 0.1, rng.integers(1, 20, TIERS[1]), 0)
    nodes = [NodeSpec(f"n{i}", f"C{i % 3}/p{i % 50}", float(demand[i]), None, 0.0, 1.0, 10.0) for i in range(n)]
    bom: list[BomLine] = []
    for j in range(consumers):
        tier = int(np.searchsorted(starts, j, side="right")) - 1
        lo, hi = int(starts[tier + 1]), int(starts[tier + 2])
        sizes = np.where(rng.random(materials[j]) < 0.5, 1, rng.integers(2, 5, materials[j]))
        picks = rng.integers(lo, hi, int(sizes.sum()))
        at = 0
        for m, size in enumerate(sizes.tolist()):
            for s in set(picks[at : at + size].tolist()):
                bom.append(BomLine(f"n{j}", f"m{m}", f"n{s}", 1.0))
            at += size
    return build_network(nodes, bom)


def as_networkx(network: Network) -> tuple[nx.DiGraph, dict[int, list[set[int]]]]:
    """Return the supplier → customer graph and, per customer, its materials' supplier sets."""
    graph = nx.DiGraph()
    graph.add_nodes_from(range(network.size))
    coo = network.adjacency.tocoo()
    graph.add_edges_from(zip(coo.row.tolist(), coo.col.tolist(), strict=True))
    materials: dict[int, list[set[int]]] = {}
    g = network.groups
    for k in range(g.shape[0]):
        materials.setdefault(int(network.group_customer[k]), []).append(
            set(g.indices[g.indptr[k] : g.indptr[k + 1]].tolist())
        )
    return graph, materials


def multi_source_descendants(graph: nx.DiGraph, sources: list[int]) -> set[int]:
    """The baseline for group cones: one breadth-first search from all sources over networkx successors."""
    seen = set(sources)
    queue = deque(sources)
    while queue:
        for customer in graph.successors(queue.popleft()):
            if customer not in seen:
                seen.add(customer)
                queue.append(customer)
    return seen


def knockout_is_spof(graph: nx.DiGraph, materials: dict[int, list[set[int]]], demand: np.ndarray, node: int) -> bool:
    """The baseline: knock `node` out and search downstream, failing a customer when a material has no supplier left."""
    down = {node}
    queue = deque([node])
    while queue:
        x = queue.popleft()
        for customer in graph.successors(x):
            if customer in down:
                continue
            if any(suppliers <= down for suppliers in materials.get(customer, [])):
                if demand[customer] > 0:
                    return True
                down.add(customer)
                queue.append(customer)
    return False


def bench_graph(lines: int, sample: int) -> dict[str, float]:
    t0 = time.perf_counter()
    network = synthetic(lines)
    graph, materials = as_networkx(network)
    print(
        f"synthetic graph: {network.size:,} nodes, {network.groups.nnz:,} BOM lines, {network.adjacency.nnz:,} edges; "
        f"built in {time.perf_counter() - t0:.1f} s (not budgeted)"
    )
    rng = np.random.default_rng(7)
    sources = rng.integers(0, network.size, 50).tolist()
    sources += np.flatnonzero(network.demand == 0)[-10:].tolist()  # raw tier: the largest cones
    fast, slow, sizes = [], [], []
    impact_cone(network, [0])  # warm the cached arrays
    for s in sources:
        t = time.perf_counter()
        cone = impact_cone(network, [s])
        fast.append(time.perf_counter() - t)
        t = time.perf_counter()
        base = nx.descendants(graph, s) | {s}
        slow.append(time.perf_counter() - t)
        assert set(np.flatnonzero(cone).tolist()) == base
        sizes.append(int(cone.sum()))
    cone_fast, cone_slow = statistics.mean(fast), statistics.mean(slow)
    print(
        f"impact cone, {len(sources)} sources (cone sizes {min(sizes)}..{max(sizes):,} nodes): mean {cone_fast * 1e3:.2f} ms, "
        f"max {max(fast) * 1e3:.2f} ms (budget {CONE_BUDGET_S * 1e3:.0f} ms): "
        f"{'OK' if max(fast) <= CONE_BUDGET_S else 'OVER BUDGET'}; networkx descendants mean {cone_slow * 1e3:.2f} ms"
    )
    for prefix in ("C0/p7", "C1"):  # a park's and a country's nodes at once: the largest cones
        group = [i for i, where in enumerate(network.location) if where == prefix or where.startswith(prefix + "/")]
        t = time.perf_counter()
        cone = impact_cone(network, group)
        group_fast = time.perf_counter() - t
        t = time.perf_counter()
        base = multi_source_descendants(graph, group)
        group_slow = time.perf_counter() - t
        assert set(np.flatnonzero(cone).tolist()) == base
        print(
            f"  group cone location:{prefix} ({len(group):,} nodes -> {int(cone.sum()):,}): {group_fast * 1e3:.1f} ms "
            f"(not budgeted; networkx {group_slow * 1e3:.0f} ms)"
        )
    t = time.perf_counter()
    spof = single_points_of_failure(network)
    spof_fast = time.perf_counter() - t
    _, steps = spof_steps(network)
    print("  SPOF steps, nodes settled: " + ", ".join(f"{k} {v:,}" for k, v in steps.items()))
    picks = rng.choice(network.size, sample, replace=False).tolist()
    t = time.perf_counter()
    base_answers = [knockout_is_spof(graph, materials, network.demand, p) for p in picks]
    spof_slow = (time.perf_counter() - t) / sample * network.size
    assert base_answers == [bool(spof[p]) for p in picks], "SPOF disagrees with the knockout search"
    print(
        f"all SPOF: {spof_fast:.2f} s, {int(spof.sum()):,} found (budget {SPOF_BUDGET_S:.0f} s): "
        f"{'OK' if spof_fast <= SPOF_BUDGET_S else 'OVER BUDGET'}; networkx knockout per node, {sample} sampled "
        f"(answers agree), extrapolated: {spof_slow:.1f} s"
    )
    return {"cone": cone_slow / cone_fast, "spof": spof_slow / spof_fast}


def pulp_unpruned(network: Network, node: int, horizon: float) -> tuple[float, float]:
    """The baseline: (PI, TTS) of one node from three LPs over the whole network, modelled in PuLP."""
    t = float(network.ttr[node])
    loss = _pulp_loss(network, {node}, t) - _pulp_loss(network, set(), t)
    return loss, _pulp_survival(network, {node}, horizon)


def _pulp_vars(
    network: Network, disrupted: set[int], cap: float | None
) -> tuple[list[pulp.LpVariable], dict[tuple[int, int], pulp.LpVariable]]:
    u = []
    for i in range(network.size):
        upper = (
            0.0
            if i in disrupted
            else (None if cap is None or np.isinf(network.capacity[i]) else network.capacity[i] * cap)
        )
        u.append(pulp.LpVariable(f"u{i}", 0, upper))
    coo = network.adjacency.tocoo()
    y = {(int(i), int(j)): pulp.LpVariable(f"y{i}_{j}", 0) for i, j in zip(coo.row, coo.col, strict=True)}
    return u, y


def _pulp_common(
    model: pulp.LpProblem, network: Network, u: list[pulp.LpVariable], y: dict[tuple[int, int], pulp.LpVariable]
) -> None:
    g = network.groups
    for k in range(g.shape[0]):
        j = int(network.group_customer[k])
        suppliers = g.indices[g.indptr[k] : g.indptr[k + 1]].tolist()
        model += network.group_ratio[k] * u[j] <= pulp.lpSum(y[(s, j)] for s in suppliers)


def _shipments(network: Network, y: dict[tuple[int, int], pulp.LpVariable], i: int) -> pulp.LpAffineExpression:
    return pulp.lpSum(y[(i, int(j))] for j in network.customers_of(i).tolist())


def _pulp_loss(network: Network, disrupted: set[int], t: float) -> float:
    model = pulp.LpProblem("loss", pulp.LpMinimize)
    u, y = _pulp_vars(network, disrupted, t)
    sellers = np.flatnonzero(network.demand > 0).tolist()
    lost = {i: pulp.LpVariable(f"l{i}", 0, network.demand[i] * t) for i in sellers}
    model += pulp.lpSum(network.margin[i] * lost[i] for i in sellers)
    _pulp_common(model, network, u, y)
    for i in range(network.size):
        sold = network.demand[i] * t - lost[i] if i in lost else 0
        model += _shipments(network, y, i) + sold <= u[i] + network.inventory[i]
    model.solve(pulp.HiGHS(msg=False))
    return float(pulp.value(model.objective) or 0.0)


def _pulp_survival(network: Network, disrupted: set[int], horizon: float) -> float:
    model = pulp.LpProblem("survival", pulp.LpMaximize)
    u, y = _pulp_vars(network, disrupted, None)
    t = pulp.LpVariable("t", 0, horizon)
    model += t
    _pulp_common(model, network, u, y)
    for i in range(network.size):
        model += _shipments(network, y, i) + network.demand[i] * t <= u[i] + network.inventory[i]
        if not np.isinf(network.capacity[i]):
            model += u[i] <= network.capacity[i] * t
    model.solve(pulp.HiGHS(msg=False))
    return float(t.value())


def bench_sweep(lp_sample: int) -> dict[str, float]:
    network = read_willems(WILLEMS / "chain_38_stages.csv", WILLEMS / "chain_38_arcs.csv", seed=38)
    t = time.perf_counter()
    analysis = analyze(network)
    fast = time.perf_counter() - t
    positive = sum(r.pi > 0 for r in analysis.nodes)
    print(
        f"Willems chain 38 ({network.size:,} stages, {network.groups.nnz:,} arcs): full PI + TTS sweep {fast:.1f} s on "
        f"{os.cpu_count()} cores, default pool (budget {SWEEP_BUDGET_S:.0f} s): {'OK' if fast <= SWEEP_BUDGET_S else 'OVER BUDGET'}; "
        f"{positive} nodes with PI > 0"
    )
    on_dask = dask_sweep(network, analysis)
    picks = np.random.default_rng(3).choice(network.size, lp_sample, replace=False).tolist()
    t = time.perf_counter()
    base = [pulp_unpruned(network, p, analysis.horizon) for p in picks]
    slow = (time.perf_counter() - t) / lp_sample * network.size
    worst = max(
        max(
            abs(b[0] - analysis.nodes[p].pi) / max(1.0, abs(b[0])),
            abs(b[1] - analysis.nodes[p].tts_days) / max(1.0, abs(b[1])),
        )
        for p, b in zip(picks, base, strict=True)
    )
    print(
        f"baseline: unpruned loss + undisrupted loss + survival LPs per node through PuLP (HiGHS), {lp_sample} sampled, "
        f"extrapolated: {slow:.0f} s; largest relative difference from the engine {worst:.1e}"
    )
    assert worst <= 1e-6, "PI/TTS disagree with the PuLP baseline"
    return {"sweep": slow / fast, "dask": on_dask / fast}


def dask_sweep(network: Network, expected: Analysis) -> float:
    """Return the seconds of the same sweep on a two-worker Dask cluster of this machine (started, and the
    engine imported in its workers as a forked pool inherits it, before the clock starts)."""
    t = time.perf_counter()
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR
        ) as cluster,
        Client(cluster, set_as_default=False) as client,
    ):
        client.run(importlib.import_module, "chainatlas.analytics.resilience.sweep")
        started = time.perf_counter() - t
        t = time.perf_counter()
        analysis = analyze(network, executor=DaskExecutor(client))
        seconds = time.perf_counter() - t
    assert analysis.to_json() == expected.to_json(), "the Dask sweep differs from the pool's"
    print(
        f"  the same sweep on Dask (LocalCluster, 2 worker processes x 1 thread): {seconds:.1f} s, results equal "
        f"to the pool's to the last bit (cluster started in {started:.1f} s, not counted)"
    )
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1_050_000, help="BOM lines of the synthetic graph")
    parser.add_argument("--sample", type=int, default=300, help="nodes for the networkx knockout baseline")
    parser.add_argument("--lp-sample", type=int, default=6, help="nodes for the PuLP baseline")
    args = parser.parse_args()
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} (1/5/15 min)")
    ratios = bench_graph(args.lines, args.sample)
    ratios |= bench_sweep(args.lp_sample)
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} (1/5/15 min)")
    print(f"ratio networkx/fast, impact cone: {ratios['cone']:.1f}")
    print(f"ratio networkx knockout/fast, all SPOF (extrapolated): {ratios['spof']:.1f}")
    print(f"ratio Dask (2 local workers)/default pool, chain 38 sweep: {ratios['dask']:.2f}")
    print(f"ratio PuLP unpruned/fast, chain 38 sweep (extrapolated): {ratios['sweep']:.1f}")


if __name__ == "__main__":
    sys.exit(main())
