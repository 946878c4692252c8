"""Structural failure: AND/OR propagation of a disruption, impact cones and single points of failure,
vectorised over the CSR arrays (work proportional to the edges touched, no per-edge Python).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from chainatlas.analytics.resilience.network import Bools, Ints, Network


def _positions(indptr: Ints, rows: Ints) -> Ints:
    """Return the storage positions of the CSR rows `rows`, concatenated, without a Python loop."""
    starts = indptr[rows]
    lengths = indptr[rows + 1] - starts
    total = int(lengths.sum())
    if total == 0:
        return np.empty(0, dtype=np.int64)
    return np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(total)


def _gather(indptr: Ints, indices: Ints, rows: Ints) -> Ints:
    """Return the concatenated column indices of the CSR rows `rows`."""
    return np.asarray(indices[_positions(indptr, rows)], dtype=np.int64)


def _as_indices(network: Network, nodes: Sequence[int] | Ints | Bools) -> Ints:
    array = np.asarray(nodes)
    if array.dtype == np.bool_:
        return np.flatnonzero(array).astype(np.int64)
    return array.astype(np.int64).reshape(-1)


def reach(indptr: Ints, indices: Ints, n: int, start: Ints) -> Bools:
    """Return the nodes reachable from `start` (included) along a CSR graph, frontier by frontier
    (a boolean mark per level instead of sorting: O(n) per level, no per-edge Python)."""
    seen = np.zeros(n, dtype=np.bool_)
    seen[start] = True
    frontier = np.flatnonzero(seen)
    while frontier.size:
        fresh = np.zeros(n, dtype=np.bool_)
        fresh[indices[_positions(indptr, frontier)]] = True
        fresh &= ~seen
        frontier = np.flatnonzero(fresh)
        seen |= fresh
    return seen


def _csr64(network: Network, name: str) -> tuple[Ints, Ints]:
    """Return (and cache) int64 indptr/indices of the network's `adjacency` or `_reverse` matrix."""
    key = f"_{name}64"
    cached = network.__dict__.get(key)
    if cached is None:
        matrix = getattr(network, name)
        cached = (matrix.indptr.astype(np.int64), matrix.indices.astype(np.int64))
        object.__setattr__(network, key, cached)
    return cached


def impact_cone(network: Network, nodes: Sequence[int] | Ints | Bools) -> Bools:
    """Return the nodes downstream of `nodes` (included): everything their failure could touch.

    A level whose frontier has many out-edges is taken by one sparse product (customers × suppliers)·x in
    C instead of gathering the edges (a park's or a country's nodes at once).
    """
    indptr, indices = _csr64(network, "adjacency")
    n = network.size
    seen = np.zeros(n, dtype=np.bool_)
    seen[_as_indices(network, nodes)] = True
    frontier = np.flatnonzero(seen)
    dense = max(1, network.adjacency.nnz // 16)
    while frontier.size:
        if int((indptr[frontier + 1] - indptr[frontier]).sum()) > dense:
            x = np.zeros(n)
            x[frontier] = 1.0
            fresh = np.asarray(network._reverse @ x > 0, dtype=np.bool_)
        else:
            fresh = np.zeros(n, dtype=np.bool_)
            fresh[indices[_positions(indptr, frontier)]] = True
        fresh &= ~seen
        frontier = np.flatnonzero(fresh)
        seen |= fresh
    return seen


def upstream_cone(network: Network, nodes: Sequence[int] | Ints | Bools) -> Bools:
    """Return the nodes upstream of `nodes` (included)."""
    return reach(*_csr64(network, "_reverse"), network.size, _as_indices(network, nodes))


class _Lines:
    """Supplier-ordered view of the BOM lines (built once per network and cached on it)."""

    def __init__(self, network: Network) -> None:
        line_group = network.line_group
        order = np.argsort(network.line_supplier, kind="stable")
        self.group_of_line = line_group[order]
        self.ptr = np.searchsorted(network.line_supplier[order], np.arange(network.size + 1)).astype(np.int64)
        self.group_size = np.diff(network.groups.indptr).astype(np.int64)


def lines_by_supplier(network: Network) -> _Lines:
    """Return (and cache) the supplier-ordered view of a network's BOM lines."""
    cached = network.__dict__.get("_lines_by_supplier")
    if cached is None:
        cached = _Lines(network)
        object.__setattr__(network, "_lines_by_supplier", cached)
    return cached


def failed_nodes(network: Network, disrupted: Sequence[int] | Ints | Bools) -> Bools:
    """Return the nodes that fail when `disrupted` stop: a node fails when any of its material types has
    no working supplier, repeated until nothing changes (which also settles supply cycles)."""
    lines = lines_by_supplier(network)
    failed = np.zeros(network.size, dtype=np.bool_)
    new = np.unique(_as_indices(network, disrupted))
    failed[new] = True
    down = np.zeros(len(lines.group_size), dtype=np.int64)
    while new.size:
        hit = lines.group_of_line[_positions(lines.ptr, new)]
        np.add.at(down, hit, 1)
        dead = np.unique(hit[down[hit] == lines.group_size[hit]])
        customers = np.unique(network.group_customer[dead])
        new = customers[~failed[customers]]
        failed[new] = True
    return failed


def single_points_of_failure(network: Network) -> Bools:
    """Return, per node, whether its failure alone leaves some *other* node with demand unable to produce.

    Three exact steps, cheapest first (see docs/resilience.md): nodes whose downstream cone holds no other
    demand node are not; nodes that reach another demand node through sole-source lines are; the rest,
    only those that are the sole source of something, get an early-terminating propagation each.
    """
    return spof_steps(network)[0]


def spof_steps(network: Network) -> tuple[Bools, dict[str, int]]:
    """Return the single points of failure and how many nodes each step settled (for the benchmark)."""
    n = network.size
    has_demand = network.demand > 0
    candidates = _reach_other_demand(network, has_demand)
    sole = _sole_source_graph(network)
    via_sole = _reach_other_demand_along(sole, n, has_demand)
    spof = candidates & via_sole
    undecided = np.flatnonzero(candidates & ~via_sole & (np.diff(sole.indptr) > 0))
    for node in undecided.tolist():
        spof[node] = _kills_other_demand(network, node, has_demand)
    counts = {
        "no other demand downstream": int((~candidates).sum()),
        "sole-source path to demand": int(spof.sum() - spof[undecided].sum()),
        "sole source of nothing": int((candidates & ~via_sole).sum() - len(undecided)),
        "propagated": len(undecided),
    }
    return spof, counts


def _reach_other_demand(network: Network, has_demand: Bools) -> Bools:
    """Return nodes with some demand node other than themselves strictly downstream."""
    adj = network.adjacency
    return _reach_other_demand_along(adj, network.size, has_demand)


def _reach_other_demand_along(graph: sp.csr_matrix, n: int, has_demand: Bools) -> Bools:
    """Return nodes with a path of ≥ 1 edge in `graph` to a demand node other than themselves."""
    rev = graph.T.tocsr()
    rev_ptr, rev_idx = rev.indptr.astype(np.int64), rev.indices.astype(np.int64)
    demand_nodes = np.flatnonzero(has_demand)
    # predecessors of demand nodes, then everything upstream of them: a path of >= 1 edge to demand
    preds = np.unique(_gather(rev_ptr, rev_idx, demand_nodes))
    upstream = reach(rev_ptr, rev_idx, n, preds) if preds.size else np.zeros(n, dtype=np.bool_)
    # a demand node whose only such path returns to itself (a cycle) is settled exactly
    doubtful = np.flatnonzero(upstream & has_demand & _on_cycle(graph))
    if doubtful.size:
        ptr, idx = graph.indptr.astype(np.int64), graph.indices.astype(np.int64)
        for node in doubtful.tolist():
            succ = _gather(ptr, idx, np.asarray([node]))
            down = reach(ptr, idx, n, succ) if succ.size else np.zeros(n, dtype=np.bool_)
            down[node] = False
            upstream[node] = bool((down & has_demand).any())
    return upstream


def _on_cycle(graph: sp.csr_matrix) -> Bools:
    """Return the nodes that lie on a directed cycle (a strong component of two or more nodes)."""
    from scipy.sparse.csgraph import connected_components

    _, labels = connected_components(graph, directed=True, connection="strong")
    sizes = np.bincount(labels)
    return np.asarray(sizes[labels] > 1, dtype=np.bool_)


def _sole_source_graph(network: Network) -> sp.csr_matrix:
    """Return the graph (supplier → customer) of lines that are the only supplier of their group."""
    sizes = np.diff(network.groups.indptr)
    only = np.flatnonzero(sizes == 1)
    suppliers = network.groups.indices[network.groups.indptr[only]]
    customers = network.group_customer[only]
    graph = sp.csr_matrix((np.ones(len(only)), (suppliers, customers)), shape=(network.size, network.size))
    graph.sum_duplicates()
    return graph


def _kills_other_demand(network: Network, node: int, has_demand: Bools) -> bool:
    """Propagate the failure of one node, stopping at the first other demand node that fails."""
    lines = lines_by_supplier(network)
    down: dict[int, int] = {}
    failed = {node}
    stack = [node]
    while stack:
        x = stack.pop()
        for g in lines.group_of_line[lines.ptr[x] : lines.ptr[x + 1]].tolist():
            down[g] = down.get(g, 0) + 1
            if down[g] < lines.group_size[g]:
                continue
            customer = int(network.group_customer[g])
            if customer in failed:
                continue
            if has_demand[customer]:
                return True
            failed.add(customer)
            stack.append(customer)
    return False


def failures_by_location(network: Network, failed: Bools, depth: int | None = None) -> dict[str, list[str]]:
    """Group failed nodes by location (cut to its first `depth` path parts), sorted by location."""
    groups: dict[str, list[str]] = {}
    for i in np.flatnonzero(failed).tolist():
        parts = network.location[i].split("/")
        key = "/".join(parts if depth is None else parts[:depth])
        groups.setdefault(key, []).append(network.ids[i])
    return dict(sorted(groups.items()))
