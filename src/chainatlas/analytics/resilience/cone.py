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

from chainatlas.analytics.resilience.lp import Region, RegionModel, _ranges, line_pairs, pair_suppliers
from chainatlas.analytics.resilience.network import Bools, Floats, Ints

MAX_CONE_SHARE = 0.5  # larger cones go straight to the region's LP
MIN_REGION = 1000  # smaller regions re-solve warm about as fast as a cone LP is built (measured)
_SLACK = 1e-9


def cone_impact(model: RegionModel, cone: Bools, disrupted: Ints, t: float) -> tuple[float, float] | None:
    """Return (loss minus undisrupted loss, survival time) of the region from the cone's LPs, or None when
    they do not prove it (a large cone, the rest cannot keep up, or the undisrupted region loses demand)."""
    size = len(model.region.nodes)
    if size < MIN_REGION or cone.sum() > MAX_CONE_SHARE * size:
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
    members = relaxed.region.nodes
    groups = _ranges(net.group_ptr, members)
    g = net.groups
    lines = _ranges(g.indptr.astype(np.int64), groups)
    supplier = g.indices[lines].astype(np.int64)
    outside = ~cone[supplier]
    if not outside.any():
        return True
    lines, supplier = lines[outside], supplier[outside]
    line_group = net.line_group[lines]
    u = np.zeros(net.size)
    u[members] = relaxed.production()
    pairs = line_pairs(net)[lines]
    released = np.unique(pairs)  # undisrupted shipments into the cone stop
    freed = np.bincount(pair_suppliers(net)[released], weights=y0[released], minlength=net.size)
    available = net.inventory * stock + scale * (u0 - net.demand - model.shipping + freed)
    available[model.local < 0] = np.inf  # outside the region: unlimited
    # each dropped group is met by its outside supplier with the most room (a sufficient choice)
    order = np.lexsort((-available[supplier], line_group))
    first = order[np.r_[True, line_group[order][1:] != line_group[order][:-1]]]
    need = net.group_ratio[line_group[first]] * u[net.group_customer[line_group[first]]]
    pair_need = np.zeros(net.adjacency.nnz)
    np.maximum.at(pair_need, pairs[first], need)
    asked_pairs = np.flatnonzero(pair_need)
    asked = np.bincount(pair_suppliers(net)[asked_pairs], weights=pair_need[asked_pairs], minlength=net.size)
    return bool((asked <= available + _SLACK * np.maximum(1.0, np.abs(available))).all())
