"""The CP-SAT model of one scope: a set of candidates placed in a set of slots around fixed meetings.

x[c, t] = candidate c is held in slot t. At most `staff` meetings per participant per slot, at most
`tables` per slot, availability, max meetings (hard), min meetings (soft: an integer shortfall per
participant), idle gaps per participant and day counted as Σ starts of busy runs − [any meeting that
day]. Objective (integers): Σ (score + W·must)·held − gap penalty·gaps − shortfall penalty·shortfall,
with W larger than everything else can add up to, so more must-meets always win.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from chainatlas.analytics.fair_schedule.bound import integer_scale
from chainatlas.analytics.fair_schedule.indexed import Indexed, bits

MODEL_TOP = 1e5
"""The largest |score| is scaled to about this integer: 5 significant digits, small enough coefficients."""


@dataclass
class Scope:
    """What one model decides: candidates and slots, around meetings fixed elsewhere."""

    candidates: list[int]
    slots: int
    fixed: dict[int, int] = field(default_factory=dict)
    hint: dict[int, int] = field(default_factory=dict)
    hard_musts: bool = False
    """Keep every must-meet the hint holds (sound when the hint is feasible)."""


@dataclass
class Weights:
    """The integer objective: per-candidate weights, penalties and the must-meet weight."""

    scale: float
    score: dict[int, int]
    must: int
    gap: int
    shortfall: int


@dataclass
class ScopeModel:
    """A built model and its handles."""

    model: cp_model.CpModel
    weights: Weights
    x: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    by_participant_slot: dict[tuple[int, int], list[cp_model.IntVar]] = field(default_factory=lambda: defaultdict(list))
    gap_terms: list[cp_model.LinearExpr] = field(default_factory=list)
    shortfall_terms: list[cp_model.LinearExpr] = field(default_factory=list)

    def held_slots(self, solver: cp_model.CpSolver) -> dict[int, int]:
        """Return {candidate: slot} of the solution."""
        return {c: t for (c, t), var in self.x.items() if solver.boolean_value(var)}


def make_weights(ix: Indexed, scope: Scope) -> Weights:
    """Return integer weights: scores rounded up, penalties down, W above every other total."""
    problem = ix.problem
    scale = integer_scale([ix.score[c] for c in scope.candidates] + [problem.penalty_per_missing_meeting], MODEL_TOP)
    score = {c: math.ceil(ix.score[c] * scale) for c in scope.candidates}
    gap = math.floor(problem.idle_gap_penalty * scale)
    shortfall = math.floor(problem.penalty_per_missing_meeting * scale)
    people = {p for c in scope.candidates for p in ix.participants_of(c)}
    worst = sum(abs(w) for w in score.values()) + gap * len(people) * scope.slots.bit_count()
    worst += shortfall * sum(ix.min_meetings[p] for p in people)
    return Weights(scale=scale, score=score, must=worst + 1, gap=gap, shortfall=shortfall)


def build_model(ix: Indexed, scope: Scope) -> ScopeModel:
    """Return the CP-SAT model of a scope, with the hint set."""
    built = ScopeModel(cp_model.CpModel(), make_weights(ix, scope))
    load, count = _fixed_load(ix, scope.fixed)
    _add_placements(ix, scope, built, load)
    _add_capacities(ix, scope, built, load)
    held = _add_counts(ix, scope, built, count)
    if built.weights.gap > 0:
        _add_gaps(ix, scope, built, load)
    w = built.weights
    terms: list[cp_model.LinearExpr] = [*held.values(), *built.gap_terms, *built.shortfall_terms]
    weights = [w.score[c] + w.must * ix.must[c] for c in held]
    weights += [-w.gap] * len(built.gap_terms) + [-w.shortfall] * len(built.shortfall_terms)
    built.model.maximize(cp_model.LinearExpr.weighted_sum(terms, weights))
    return built


def _fixed_load(ix: Indexed, fixed: dict[int, int]) -> tuple[Counter[tuple[int, int]], Counter[int]]:
    load: Counter[tuple[int, int]] = Counter()
    count: Counter[int] = Counter()
    for c, t in fixed.items():
        load[-1, t] += 1
        for p in ix.participants_of(c):
            load[p, t] += 1
            count[p] += 1
    return load, count


def _add_placements(ix: Indexed, scope: Scope, built: ScopeModel, load: Counter[tuple[int, int]]) -> None:
    for c in scope.candidates:
        e, b = ix.participants_of(c)
        for t in bits(ix.mutual[c] & scope.slots):
            if load[e, t] >= ix.staff[e] or load[b, t] >= ix.staff[b] or load[-1, t] >= ix.tables[t]:
                continue
            var = built.model.new_bool_var(f"x{c}_{t}")
            built.x[c, t] = var
            built.by_participant_slot[e, t].append(var)
            built.by_participant_slot[b, t].append(var)
            built.model.add_hint(var, scope.hint.get(c) == t)


def _add_capacities(ix: Indexed, scope: Scope, built: ScopeModel, load: Counter[tuple[int, int]]) -> None:
    per_slot: dict[int, list[cp_model.IntVar]] = defaultdict(list)
    for (_, t), var in built.x.items():
        per_slot[t].append(var)
    for t, held in per_slot.items():
        if len(held) > ix.tables[t] - load[-1, t]:
            built.model.add(sum(held) <= ix.tables[t] - load[-1, t])
    for (p, t), held in built.by_participant_slot.items():
        if len(held) > ix.staff[p] - load[p, t]:
            built.model.add(sum(held) <= ix.staff[p] - load[p, t])


def _add_counts(ix: Indexed, scope: Scope, built: ScopeModel, count: Counter[int]) -> dict[int, cp_model.LinearExpr]:
    placements: dict[int, list[cp_model.IntVar]] = defaultdict(list)
    for (c, _), var in built.x.items():
        placements[c].append(var)
    held: dict[int, cp_model.LinearExpr] = {}
    meetings: dict[int, list[cp_model.LinearExpr]] = defaultdict(list)
    for c, options in placements.items():
        held[c] = cp_model.LinearExpr.sum(options)
        if len(options) > 1:
            built.model.add_at_most_one(options)
        if scope.hard_musts and ix.must[c] and c in scope.hint:
            built.model.add(held[c] == 1)
        for p in ix.participants_of(c):
            meetings[p].append(held[c])
    for p, terms in meetings.items():
        room = ix.max_meetings[p] - count[p]
        if len(terms) > room:
            built.model.add(cp_model.LinearExpr.sum(terms) <= room)
        missing = ix.min_meetings[p] - count[p]
        if missing > 0:
            short = built.model.new_int_var(0, missing, f"short{p}")
            built.model.add(short >= missing - cp_model.LinearExpr.sum(terms))
            built.model.add_hint(short, max(0, missing - sum(1 for c in scope.hint if p in ix.participants_of(c))))
            built.shortfall_terms.append(short)
    return held


def _add_gaps(ix: Indexed, scope: Scope, built: ScopeModel, load: Counter[tuple[int, int]]) -> None:
    hinted_busy = {(p, t) for c, t in scope.hint.items() for p in ix.participants_of(c)}
    hinted_busy |= {key for key, n in load.items() if n > 0}
    slots_of_day = [list(bits(scope.slots & mask)) for mask in ix.day_mask.values()]
    people = {p for p, _ in built.by_participant_slot}
    for p in people:
        for day in slots_of_day:
            if _possible_meetings(built, load, p, day) >= 2:
                _add_day_gaps(ix, built, load, p, day, hinted_busy)


def _possible_meetings(built: ScopeModel, load: Counter[tuple[int, int]], p: int, day: list[int]) -> int:
    return sum(len(built.by_participant_slot.get((p, t), ())) + load[p, t] for t in day)


def _busy(
    ix: Indexed, built: ScopeModel, load: Counter[tuple[int, int]], p: int, t: int, hinted: bool
) -> cp_model.LinearExpr | int:
    held = built.by_participant_slot.get((p, t), [])
    if load[p, t] > 0:
        return 1
    if len(held) <= 1 or ix.staff[p] == 1:
        return cp_model.LinearExpr.sum(held) if held else 0
    busy = built.model.new_bool_var(f"busy{p}_{t}")
    for var in held:
        built.model.add_implication(var, busy)
    built.model.add(busy <= cp_model.LinearExpr.sum(held))
    built.model.add_hint(busy, hinted)
    return busy


def _add_day_gaps(
    ix: Indexed,
    built: ScopeModel,
    load: Counter[tuple[int, int]],
    p: int,
    day: list[int],
    hinted_busy: set[tuple[int, int]],
) -> None:
    model = built.model
    busy = [_busy(ix, built, load, p, t, (p, t) in hinted_busy) for t in day]
    starts: list[cp_model.LinearExpr] = []
    for i, t in enumerate(day):
        now, before = busy[i], busy[i - 1] if i > 0 else 0
        if isinstance(now, int) and (now == 0 or (isinstance(before, int) and before == 1)):
            continue
        start = model.new_bool_var(f"start{p}_{t}")
        model.add(start + before >= now)
        model.add_hint(start, (p, t) in hinted_busy and (i == 0 or (p, day[i - 1]) not in hinted_busy))
        starts.append(start)
    active = model.new_bool_var(f"active{p}_{day[0]}")
    model.add(
        active
        <= sum(b if isinstance(b, int) else 0 for b in busy)
        + cp_model.LinearExpr.sum([b for b in busy if not isinstance(b, int)])
    )
    model.add_hint(active, any((p, t) in hinted_busy for t in day))
    built.gap_terms.append(cp_model.LinearExpr.sum(starts) - active)
