"""An upper bound on a schedule's value that does not look at any schedule: a max-weight flow.

Drop the slot structure and keep, per participant, its total capacity (min of max_meetings and
staff × slots it can meet in) and, for the fair, the total number of tables over all slots.
Choosing meetings under these limits is a max-weight b-matching with one extra cardinality limit —
a min-cost flow, whose LP is integral — and every real schedule is one such choice. The shortfall
penalty is exact in the flow: value = Σ score + penalty × Σ_p min(held_p, min_p) − penalty × Σ_p
min_p, and the concave reward of the first min_p meetings is one cheaper arc per participant. Idle
gaps are left out (they only lower a schedule's value). Scores and the penalty are rounded up to
integers (× a power of ten) so the bound stays ≥ the exact value.

Must-meets come first, so a schedule is compared with those holding at least as many must-meets
(m). The bound for them is Lagrangian: for every λ ≥ 0, max over the relaxation of (value + λ ×
must-meets) − λ × m bounds them; `must_bound` searches λ (the function is convex in λ) and keeps
the least value found. With λ = 0 it is the plain flow bound above.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from ortools.graph.python.min_cost_flow import SimpleMinCostFlow  # type: ignore[import-untyped]

from chainatlas.analytics.fair_schedule.indexed import Indexed


@dataclass(frozen=True)
class FlowBound:
    """The relaxation's optimum of value + bonus × must-meets, and the meetings it chooses."""

    value: float
    """Upper bound on max(value + bonus × must-meets) over all schedules."""
    chosen: frozenset[int]
    musts: int
    bonus: float


def integer_scale(scores: list[float], top: float = 1e9) -> float:
    """Return a power of ten that maps the largest |score| to at most `top`."""
    largest = max((abs(s) for s in scores), default=0.0)
    if largest == 0:
        return 1.0
    return float(10 ** math.floor(math.log10(top / largest)))


def flow_bound(ix: Indexed, *, musts_first: bool = False, bonus: float = 0.0) -> FlowBound:
    """Return the max-weight flow relaxation with `bonus` per must-meet (or, with `musts_first`, a
    bonus larger than every other weight together: the most must-meets the relaxation can hold)."""
    open_slots = sum(1 << t for t, n in enumerate(ix.tables) if n > 0)
    usable = [c for c in range(len(ix.score)) if ix.mutual[c] & open_slots]
    penalty = ix.problem.penalty_per_missing_meeting
    if not usable:
        return FlowBound(-penalty * sum(ix.min_meetings), frozenset(), 0, bonus)
    scale = integer_scale([ix.score[c] for c in usable] + [penalty, bonus], 1e6 if musts_first else 1e9)
    weights = [math.ceil(ix.score[c] * scale) for c in usable]
    extra = math.ceil(bonus * scale)
    if musts_first:
        extra = sum(abs(w) for w in weights) + math.ceil(penalty * scale) * sum(ix.min_meetings) + 1
    flow, arcs = _network(ix, usable, [w + extra * ix.must[c] for c, w in zip(usable, weights, strict=True)], scale)
    first = 2 * len(ix.staff)
    chosen = frozenset(c for c, a in zip(usable, arcs[first : first + len(usable)], strict=True) if flow.flow(a) > 0)
    value = -flow.optimal_cost() / scale - penalty * sum(ix.min_meetings)
    return FlowBound(value, chosen, sum(ix.must[c] for c in chosen), extra / scale)


def _network(ix: Indexed, usable: list[int], weights: list[int], scale: float) -> tuple[SimpleMinCostFlow, Any]:
    people = len(ix.staff)
    source, gather, sink = people, people + 1, people + 2
    tails, heads, caps, costs = [], [], [], []
    reward = math.ceil(ix.problem.penalty_per_missing_meeting * scale)
    for p in range(people):
        ends = (source, p) if ix.problem.participants[p].kind == "exhibitor" else (p, gather)
        rewarded = min(ix.min_meetings[p], ix.max_meetings[p])
        for cap, cost in ((rewarded, -reward), (ix.max_meetings[p] - rewarded, 0)):
            tails.append(ends[0])
            heads.append(ends[1])
            caps.append(cap)
            costs.append(cost)
    for c, weight in zip(usable, weights, strict=True):
        tails.append(ix.exhibitor[c])
        heads.append(ix.buyer[c])
        caps.append(1)
        costs.append(-weight)
    supply = min(len(usable), sum(ix.tables))
    tails += [gather, source]
    heads += [sink, sink]
    caps += [supply, supply]
    costs += [0, 0]
    flow = SimpleMinCostFlow()
    arcs = flow.add_arcs_with_capacity_and_unit_cost(
        np.array(tails), np.array(heads), np.array(caps), np.array(costs, dtype=np.int64)
    )
    flow.set_node_supply(source, supply)
    flow.set_node_supply(sink, -supply)
    if flow.solve() != flow.OPTIMAL:
        raise RuntimeError("the flow relaxation could not be solved")
    return flow, arcs


def must_bound(ix: Indexed, must_held: int, plain: FlowBound, steps: int = 8) -> float:
    """Return a bound on the value of every schedule holding ≥ must_held must-meets (Lagrangian in λ)."""
    best = plain.value
    if plain.musts >= must_held:
        return best
    top = max([abs(s) for s in ix.score] + [ix.problem.penalty_per_missing_meeting, 1e-9])
    low, high = math.log2(top) - 4, math.log2(top) + 12
    for _ in range(steps):
        middle = (low + high) / 2
        relaxed = flow_bound(ix, bonus=2.0**middle)
        best = min(best, relaxed.value - relaxed.bonus * must_held)
        if relaxed.musts >= must_held:
            high = middle
        else:
            low = middle
    return best
