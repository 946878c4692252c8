"""An independent, brute-force statement of the format doc's LPs and failure rule, for cross-checks.

Dense matrices, scipy.optimize.linprog, the whole network in every LP, one shipment variable y_ij per
(supplier, customer) pair as the doc writes it; nothing from the engine except the plain input records.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog

from chainatlas.analytics.resilience import BomLine, NodeSpec


@dataclass(frozen=True)
class Plain:
    """A network as plain Python lists."""

    nodes: list[NodeSpec]
    bom: list[BomLine]

    @property
    def ids(self) -> list[str]:
        return [n.id for n in self.nodes]

    def groups(self) -> dict[tuple[str, str], tuple[float, list[str]]]:
        out: dict[tuple[str, str], tuple[float, list[str]]] = {}
        for b in self.bom:
            out.setdefault((b.customer, b.material), (b.units_per_unit, []))[1].append(b.supplier)
        return out

    def pairs(self) -> list[tuple[str, str]]:
        return sorted({(b.supplier, b.customer) for b in self.bom})


def _rows(net: Plain, disrupted: set[str], t: float | None) -> tuple[list[list[float]], list[float], int, int, int]:
    """Return (A_ub rows, b_ub, #u, #y, #l) of the loss LP at t (t=None: the survival LP, last column t)."""
    nu, ny = len(net.ids), len(net.pairs())
    sellers = [i for i, n in enumerate(net.nodes) if n.demand_per_day > 0]
    nl = len(sellers) if t is not None else 0
    width = nu + ny + nl + (1 if t is None else 0)
    a, b = _bom_rows(net, width)
    for i, node in enumerate(net.nodes):
        row = _flow_row(net, i, width)
        if t is None:
            row[-1] += node.demand_per_day
            b.append(node.inventory)
        else:
            if i in sellers:
                row[nu + ny + sellers.index(i)] = -1.0
            b.append(node.inventory - node.demand_per_day * t)
        a.append(row)
    if t is None:
        for i, node in enumerate(net.nodes):
            if node.capacity_per_day is not None:
                row = [0.0] * width
                row[i], row[-1] = 1.0, -node.capacity_per_day
                a.append(row)
                b.append(0.0)
    return a, b, nu, ny, nl


def _bom_rows(net: Plain, width: int) -> tuple[list[list[float]], list[float]]:
    """r·u_j − Σ_{i supplying k to j} y_ij ≤ 0 for every material k of every j."""
    ids, pairs = net.ids, net.pairs()
    a, b = [], []
    for (customer, _), (ratio, suppliers) in net.groups().items():
        row = [0.0] * width
        row[ids.index(customer)] = ratio
        for s in suppliers:
            row[len(ids) + pairs.index((s, customer))] -= 1.0
        a.append(row)
        b.append(0.0)
    return a, b


def _flow_row(net: Plain, i: int, width: int) -> list[float]:
    """Σ_k y_ik − u_i (the sales term is added by the caller)."""
    row = [0.0] * width
    for p, (s, _) in enumerate(net.pairs()):
        if s == net.ids[i]:
            row[len(net.ids) + p] += 1.0
    row[i] -= 1.0
    return row


def min_loss(net: Plain, disrupted: set[str], t: float) -> float:
    """Return min Σ margin·lost demand over t days with `disrupted` stopped."""
    a, b, nu, ny, nl = _rows(net, disrupted, t)
    sellers = [n for n in net.nodes if n.demand_per_day > 0]
    cost = [0.0] * (nu + ny) + [n.margin for n in sellers]
    bounds = []
    for n in net.nodes:
        cap = math.inf if n.capacity_per_day is None else n.capacity_per_day * t
        bounds.append((0.0, 0.0 if n.id in disrupted else cap))
    bounds += [(0.0, None)] * ny + [(0.0, n.demand_per_day * t) for n in sellers]
    res = linprog(cost, A_ub=np.array(a), b_ub=np.array(b), bounds=bounds, method="highs")
    assert res.status == 0, res.message
    return float(res.fun)


def performance_impact(net: Plain, disrupted: set[str]) -> float:
    """Return PI: the loss over t = the largest TTR in the set, minus the undisrupted loss over the same t."""
    t = max(n.ttr_days for n in net.nodes if n.id in disrupted)
    return min_loss(net, disrupted, t) - min_loss(net, set(), t)


def time_to_survive(net: Plain, disrupted: set[str], horizon: float = 365.0) -> float:
    """Return the largest t ≤ horizon with no lost demand (an LP maximising t)."""
    a, b, nu, ny, _ = _rows(net, disrupted, None)
    cost = [0.0] * (nu + ny) + [-1.0]
    bounds = [(0.0, 0.0 if n.id in disrupted else None) for n in net.nodes] + [(0.0, None)] * ny + [(0.0, horizon)]
    res = linprog(cost, A_ub=np.array(a), b_ub=np.array(b), bounds=bounds, method="highs")
    assert res.status == 0, res.message
    return float(-res.fun)


def failed(net: Plain, disrupted: set[str]) -> set[str]:
    """Return the nodes that fail: repeat 'a node fails when one of its materials has no working supplier'."""
    down = set(disrupted)
    groups = net.groups()
    changed = True
    while changed:
        changed = False
        for (customer, _), (_, suppliers) in groups.items():
            if customer not in down and all(s in down for s in suppliers):
                down.add(customer)
                changed = True
    return down


def is_spof(net: Plain, node: str) -> bool:
    """Return whether the failure of `node` alone stops some other node with demand."""
    demand = {n.id for n in net.nodes if n.demand_per_day > 0}
    return bool((failed(net, {node}) - {node}) & demand)


def close(a: float, b: float) -> bool:
    """The format doc's tolerance: 1e-6 relative, or 1e-6 absolute below 1 (a little slack for linprog)."""
    return abs(a - b) <= 2e-6 * max(1.0, abs(b))
