"""An upper bound on a schedule's value that does not look at any schedule: a max-weight flow.

Drop the slot structure and keep, per participant, its total capacity (min of max_meetings and
staff × slots it can meet in) and, for the fair, the total number of tables over all slots.
Choosing meetings under these limits is a max-weight b-matching with one extra cardinality limit —
a min-cost flow, whose LP is integral — and every real schedule is one such choice. The shortfall
penalty is exact in the flow: value = Σ score + penalty × Σ_p min(held_p, min_p) − penalty × Σ_p
min_p, and the concave reward of the first min_p meetings is one cheaper arc per participant. Idle
gaps are left out (they only lower a schedule's value). Scores and the penalty are rounded up to
integers (× a power of ten) so the bound stays ≥ the exact value.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from ortools.graph.python.min_cost_flow import SimpleMinCostFlow

from chainatlas.analytics.fair_schedule.indexed import Indexed


@dataclass(frozen=True)
class FlowBound:
    """The bound and one optimal choice of meetings of the relaxation (candidate positions)."""

    value: float
    chosen: frozenset[int]


def integer_scale(scores: tuple[float, ...] | list[float], top: float = 1e9) -> float:
    """Return a power of ten that maps the largest |score| to at most `top`."""
    largest = max((abs(s) for s in scores), default=0.0)
    if largest == 0:
        return 1.0
    return float(10 ** math.floor(math.log10(top / largest)))


def flow_bound(ix: Indexed) -> FlowBound:
    """Return the max-weight flow bound on Σ score and the meetings it chooses."""
    open_slots = sum(1 << t for t, n in enumerate(ix.tables) if n > 0)
    usable = [c for c in range(len(ix.score)) if ix.mutual[c] & open_slots]
    if not usable:
        return FlowBound(0.0, frozenset())
    penalty = ix.problem.penalty_per_missing_meeting
    scale = integer_scale([ix.score[c] for c in usable] + [penalty])
    people = len(ix.staff)
    source, gather, sink = people, people + 1, people + 2
    tails, heads, caps, costs = [], [], [], []
    for p in range(people):
        ends = (source, p) if ix.problem.participants[p].kind == "exhibitor" else (p, gather)
        rewarded = min(ix.min_meetings[p], ix.max_meetings[p])
        for cap, cost in ((rewarded, -math.ceil(penalty * scale)), (ix.max_meetings[p] - rewarded, 0)):
            tails.append(ends[0]), heads.append(ends[1]), caps.append(cap), costs.append(cost)
    for c in usable:
        tails.append(ix.exhibitor[c]), heads.append(ix.buyer[c])
        caps.append(1), costs.append(-math.ceil(ix.score[c] * scale))
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
        raise RuntimeError("the flow bound could not be solved")
    first = 2 * people
    chosen = frozenset(c for c, a in zip(usable, arcs[first : first + len(usable)], strict=True) if flow.flow(a) > 0)
    return FlowBound(-flow.optimal_cost() / scale - penalty * sum(ix.min_meetings), chosen)
