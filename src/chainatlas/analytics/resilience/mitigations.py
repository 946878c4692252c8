"""Ranked mitigations (缓解措施) for the most exposed nodes (exposure = TTR − TTS, ties by PI): each candidate
fix is applied to a copy of the network and scored by the drop in that node's Performance Impact (ΔPI) from a
re-solve of its LPs."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import numpy as np

from chainatlas.analytics.resilience.network import BomLine, Floats, Network, build_network
from chainatlas.analytics.resilience.propagation import impact_cone
from chainatlas.analytics.resilience.scenarios import Scenario
from chainatlas.analytics.resilience.sweep import Analysis, NodeResult, Progress, scenario_pi

ALTERNATIVE, INVENTORY, RECOVERY = "alternative_supplier", "inventory", "faster_recovery"


@dataclass(frozen=True)
class Mitigation:
    """One candidate fix for the disruption of `node`, with the PI before and after it."""

    node: str
    kind: str  # alternative_supplier | inventory | faster_recovery
    description: str
    pi_before: float
    pi_after: float
    customer: str | None = None  # alternative_supplier: who gets the new supplier, for which material
    material: str | None = None
    supplier: str | None = None
    amount: float | None = None  # inventory: units added; faster_recovery: the new TTR in days

    @property
    def delta_pi(self) -> float:
        """Return how much Performance Impact the fix removes."""
        return self.pi_before - self.pi_after

    def to_json(self) -> dict[str, Any]:
        """Return the mitigation as plain values."""
        out = dataclasses.asdict(self)
        out["delta_pi"] = self.delta_pi
        return out


def mitigations(
    network: Network,
    analysis: Analysis,
    top: int = 5,
    inventory_days: float = 14.0,
    ttr_cut: float = 0.5,
    alternatives: int = 3,
    progress: Progress | None = None,
) -> list[Mitigation]:
    """Return candidate fixes for the `top` most exposed nodes, ranked by ΔPI (largest first).

    The nodes to fix: those with PI > 0 (a fix cannot lower a PI of 0), most exposed first (exposure =
    TTR − TTS in days), ties by higher PI, then by id; the first `top` of them (`exposed_nodes`).

    Candidates per node: an alternative supplier for each material it supplies (`alternatives` at most),
    `inventory_days` more days of its daily use in stock, and its TTR cut by the fraction `ttr_cut`.
    `progress(done, total)` is called after each node.
    """
    exposed = exposed_nodes(analysis, top)
    usage = daily_use(network)
    found: list[Mitigation] = []
    for done, result in enumerate(exposed, start=1):
        node = network.index[result.id]
        found += _alternative_suppliers(network, node, result.pi, alternatives, analysis.horizon)
        found.append(_more_inventory(network, node, result.pi, inventory_days, usage[node], analysis.horizon))
        found.append(_faster_recovery(network, node, result.pi, ttr_cut, analysis.horizon))
        if progress:
            progress(done, len(exposed))
    return sorted(found, key=lambda m: (-m.delta_pi, m.node, m.kind))


def exposed_nodes(analysis: Analysis, top: int) -> list[NodeResult]:
    """Return the `top` nodes to look for fixes for: PI > 0, most exposed first, then highest PI, then id."""
    losing = (r for r in analysis.nodes if r.pi > 0)
    return sorted(losing, key=lambda r: (-r.exposure_days, -r.pi, r.id))[:top]


def daily_use(network: Network) -> Floats:
    """Return each node's daily throughput: its demand plus its share of its customers' (alternatives
    split evenly), i.e. the q solving q = d + M·q, found by iteration (exact after the depth on a DAG)."""
    g = network.groups
    sizes = np.diff(g.indptr)
    line_group = network.line_group
    weight = network.group_ratio[line_group] / sizes[line_group]
    q = network.demand.copy()
    for _ in range(max(1, network.size)):
        nxt = network.demand + np.bincount(
            g.indices, weights=weight * q[network.group_customer[line_group]], minlength=network.size
        )
        if np.allclose(nxt, q, rtol=1e-12, atol=0):
            break
        q = nxt
    return np.asarray(q, dtype=np.float64)


def _pi(network: Network, node: int, horizon: float) -> float:
    return scenario_pi(network, Scenario(network.ids[node], (network.ids[node],)), horizon)


def _alternative_suppliers(network: Network, node: int, pi: float, limit: int, horizon: float) -> list[Mitigation]:
    """Return up to `limit` fixes that add a plausible second supplier where `node` supplies a material."""
    out: list[Mitigation] = []
    lines = network.bom_lines()
    for group, candidate in _candidate_pairs(network, node)[:limit]:
        customer, material = network.ids[network.group_customer[group]], network.group_material[group]
        ratio = float(network.group_ratio[group])
        new = build_network(network.node_specs(), [*lines, BomLine(customer, material, network.ids[candidate], ratio)])
        text = (
            f"Add {network.ids[candidate]} as an alternative supplier of {material} to {customer} "
            f"(today from {network.ids[node]})"
        )
        after = _pi(new, node, horizon)
        out.append(
            Mitigation(network.ids[node], ALTERNATIVE, text, pi, after, customer, material, network.ids[candidate])
        )
    return out


def _candidate_pairs(network: Network, node: int) -> list[tuple[int, int]]:
    """Return (group, candidate supplier) pairs, best first: nodes that already supply the same material to
    someone, then nodes of the same tier (same distance to demand); never one that fails with `node` or
    that sits downstream of the customer (no cycles), nor a present supplier."""
    g = network.groups
    groups = np.unique(network.line_group[g.indices == node])
    hit = impact_cone(network, [node])
    tier = _tier(network)
    usage = daily_use(network)
    sellers_of: dict[str, set[int]] = {}
    for k, s in zip(network.line_group.tolist(), network.line_supplier.tolist(), strict=True):
        sellers_of.setdefault(network.group_material[k], set()).add(s)
    peers = sorted(np.flatnonzero(tier == tier[node]).tolist(), key=lambda i: -network.capacity[i])
    pairs: list[tuple[int, int]] = []
    for group in sorted(groups.tolist(), key=lambda x: -usage[network.group_customer[x]]):
        customer = int(network.group_customer[group])
        banned = hit | impact_cone(network, [customer])
        banned[g.indices[g.indptr[group] : g.indptr[group + 1]]] = True
        for candidate in [*sorted(sellers_of[network.group_material[group]]), *peers]:
            if not banned[candidate]:
                pairs.append((group, candidate))
                break
    return pairs


def _tier(network: Network) -> Floats:
    """Return each node's distance (in supply steps) to the nearest demand node (inf when none)."""
    dist = np.where(network.demand > 0, 0.0, np.inf)
    rev_frontier = np.flatnonzero(network.demand > 0)
    step = 0.0
    while rev_frontier.size:
        step += 1
        preds = np.unique(np.concatenate([network.suppliers_of(int(i)) for i in rev_frontier]))
        preds = preds[np.isinf(dist[preds])]
        dist[preds] = step
        rev_frontier = preds
    return dist


def _more_inventory(network: Network, node: int, pi: float, days: float, usage: float, horizon: float) -> Mitigation:
    added = days * usage
    stock = network.inventory.copy()
    stock[node] += added
    after = _pi(dataclasses.replace(network, inventory=stock), node, horizon)
    text = f"Raise the inventory of {network.ids[node]} by {days:g} days of its use (+{added:,.1f} units)"
    return Mitigation(network.ids[node], INVENTORY, text, pi, after, amount=added)


def _faster_recovery(network: Network, node: int, pi: float, cut: float, horizon: float) -> Mitigation:
    ttr = network.ttr.copy()
    before = float(ttr[node])
    ttr[node] = before * (1 - cut)
    after = _pi(dataclasses.replace(network, ttr=ttr), node, horizon)
    text = f"Cut the time to recover of {network.ids[node]} from {before:g} to {ttr[node]:g} days"
    return Mitigation(network.ids[node], RECOVERY, text, pi, after, amount=float(ttr[node]))
