"""Exact answers from the downstream cone alone, when they can be proved (else the region LP decides).

Dropping every constraint outside the cone D of a disruption (and every material group of a cone node
that has a supplier outside D) relaxes the region's LP: the cone LP gives an upper bound on the time to
survive and a lower bound on the loss. When the rest of the region can keep its undisrupted solution
while its suppliers also ship what the cone's solution asks of them, the two combine into a feasible
point of the full LP with the same value — so the bound is the answer. That check is a few vector
operations; the cone LP is usually far smaller than the region's.
"""

from __future__ import annotations

import numpy as np

from chainatlas.analytics.resilience.lp import Region, RegionModel, line_pairs
from chainatlas.analytics.resilience.network import Bools, Floats, Ints

MAX_CONE_SHARE = 0.5  # larger cones go straight to the region's LP
_SLACK = 1e-9


def cone_impact(model: RegionModel, cone: Bools, disrupted: Ints, t: float) -> tuple[float, float] | None:
    """Return (loss minus undisrupted loss, survival time) of the region from the cone's LPs, or None when
    they do not prove it (a large cone, the rest cannot keep up, or the undisrupted region loses demand)."""
    if cone.sum() > MAX_CONE_SHARE * len(model.region.nodes):
        return None
    u0, y0 = model.baseline_rates()
    undisrupted = model.baseline_survival()
    relaxed = RegionModel(model.network, Region.of(model.network, cone), model.horizon)
    # survival: at most the cone's (a relaxation) and the undisrupted region's; at least their minimum
    # when the rest keeps its undisrupted rates (feasible at any τ ≥ 1/undisrupted) and meets the cone's asks
    survival = min(relaxed.solve_survival(disrupted), undisrupted)
    if survival > 0 and not _rest_keeps_up(model, cone, relaxed, u0, y0, 1.0 / survival, 1.0):
        return None
    if t <= survival:
        return 0.0, survival
    if t > undisrupted:  # the undisrupted region loses demand over t: its rates × t are no solution
        return None
    loss = relaxed.loss(disrupted, t)
    if not _rest_keeps_up(model, cone, relaxed, u0, y0, 1.0, t):
        return None
    return loss, survival


def _rest_keeps_up(
    model: RegionModel, cone: Bools, relaxed: RegionModel, u0: Floats, y0: Floats, stock: float, scale: float
) -> bool:
    """Whether the region's suppliers outside the cone can ship what the cone's solution needs from them
    on top of their undisrupted shipments to the rest (undisrupted rates × `scale`, inventory × `stock`)."""
    net = model.network
    inside = np.zeros(net.size, dtype=np.bool_)
    inside[model.region.nodes] = True
    u = np.zeros(net.size)
    u[relaxed.region.nodes] = relaxed.production()
    g = net.groups
    line_group = net.line_group
    supplier = g.indices
    outside_line = ~cone[supplier] & cone[net.group_customer[line_group]]
    dropped = np.unique(line_group[outside_line])
    if dropped.size == 0:
        return True
    pair_supplier = np.searchsorted(net.adjacency.indptr, np.arange(net.adjacency.nnz), side="right") - 1
    pair_customer = net.adjacency.indices
    keep_shipping = np.bincount(pair_supplier, weights=y0 * ~cone[pair_customer], minlength=net.size)
    available = net.inventory * stock + scale * (u0 - net.demand - keep_shipping)
    available[~inside] = np.inf  # outside the region: unlimited
    # each dropped group is met by its outside supplier with the most room (a sufficient choice)
    lines = np.flatnonzero(outside_line)
    room = available[supplier[lines]]
    order = np.lexsort((-room, line_group[lines]))
    first = lines[order][np.r_[True, line_group[lines][order][1:] != line_group[lines][order][:-1]]]
    need = net.group_ratio[line_group[first]] * u[net.group_customer[line_group[first]]]
    pair_need = np.zeros(net.adjacency.nnz)
    np.maximum.at(pair_need, line_pairs(net)[first], need)
    asked = np.bincount(pair_supplier, weights=pair_need, minlength=net.size)
    ok = asked <= available + _SLACK * np.maximum(1.0, np.abs(available))
    return bool(ok[inside & ~cone].all())
