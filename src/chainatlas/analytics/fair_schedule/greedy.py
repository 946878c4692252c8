"""Greedy schedules: the "first free mutual slot" rule of self-service platforms, and a score-ordered
greedy that puts must-meets first and places meetings next to ones already held (the warm start)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from chainatlas.analytics.fair_schedule.bound import flow_bound, must_bound
from chainatlas.analytics.fair_schedule.indexed import Indexed, index_problem, next_to
from chainatlas.analytics.fair_schedule.problem import FairProblem
from chainatlas.analytics.fair_schedule.result import Schedule, build_schedule

Rule = Literal["first_free", "best_score"]


@dataclass
class Occupancy:
    """What is taken so far: per participant its free slots, load and count; per slot the tables left."""

    ix: Indexed
    free: list[int] = field(default_factory=list)
    busy: list[int] = field(default_factory=list)
    load: dict[tuple[int, int], int] = field(default_factory=dict)
    count: list[int] = field(default_factory=list)
    tables_left: list[int] = field(default_factory=list)
    open_slots: int = 0

    def __post_init__(self) -> None:
        self.free = list(self.ix.available)
        self.busy = [0] * len(self.free)
        self.count = [0] * len(self.free)
        self.tables_left = list(self.ix.tables)
        self.open_slots = sum(1 << t for t, n in enumerate(self.tables_left) if n > 0)

    def slots_for(self, c: int) -> int:
        """Return the bitset of slots where candidate c could still be held."""
        e, b = self.ix.participants_of(c)
        if self.count[e] >= self.ix.max_meetings[e] or self.count[b] >= self.ix.max_meetings[b]:
            return 0
        return self.free[e] & self.free[b] & self.open_slots

    def hold(self, c: int, t: int) -> None:
        """Hold candidate c in slot t."""
        for p in self.ix.participants_of(c):
            self.count[p] += 1
            self.busy[p] |= 1 << t
            self.load[p, t] = self.load.get((p, t), 0) + 1
            if self.load[p, t] >= self.ix.staff[p]:
                self.free[p] &= ~(1 << t)
        self.tables_left[t] -= 1
        if self.tables_left[t] == 0:
            self.open_slots &= ~(1 << t)


def lowest(mask: int) -> int:
    """Return the position of the lowest set bit."""
    return (mask & -mask).bit_length() - 1


def place_first_free(ix: Indexed, order: Sequence[int]) -> dict[int, int]:
    """Hold each candidate in turn in the first slot free for both sides with a table left."""
    occupancy = Occupancy(ix)
    held = {}
    for c in order:
        mask = occupancy.slots_for(c)
        if mask:
            held[c] = lowest(mask)
            occupancy.hold(c, held[c])
    return held


def place_compactly(ix: Indexed, order: Sequence[int], start: dict[int, int] | None = None) -> dict[int, int]:
    """Hold each candidate in turn in the slot that adds the fewest idle gaps for both sides.

    Ties go to slots next to either side's meetings (a day left empty stays open for later
    meetings), then to the earliest. `start` are meetings already placed (kept).
    """
    occupancy = Occupancy(ix)
    held = dict(start or {})
    for c, t in held.items():
        occupancy.hold(c, t)
    for c in order:
        if c in held:
            continue
        mask = occupancy.slots_for(c)
        if not mask:
            continue
        e, b = ix.participants_of(c)
        best = _fewest_gaps(mask, gap_change(ix, occupancy.busy[e]), gap_change(ix, occupancy.busy[b]))
        near = best & (next_to(ix, occupancy.busy[e]) | next_to(ix, occupancy.busy[b]))
        held[c] = lowest(near or best)
        occupancy.hold(c, held[c])
    return held


def gap_change(ix: Indexed, busy: int) -> tuple[int, int, int]:
    """Return the bitsets of slots where one more meeting removes a gap, changes none, adds one."""
    before = (busy << 1) & ~ix.first_of_day
    after = (busy >> 1) & ~ix.last_of_day
    days = 0
    for mask in ix.day_mask.values():
        if busy & mask:
            days |= mask
    removes = before & after & ~busy
    adds = days & ~(before | after) & ~busy
    return removes, ~(removes | adds), adds


def _fewest_gaps(mask: int, first: tuple[int, int, int], second: tuple[int, int, int]) -> int:
    for total in range(5):
        tier = 0
        for i in range(3):
            if 0 <= total - i < 3:
                tier |= first[i] & second[total - i]
        if tier & mask:
            return tier & mask
    return mask


def priority_order(ix: Indexed, preferred: frozenset[int] = frozenset()) -> list[int]:
    """Return candidates must-meets first, then `preferred` ones, those of participants with a
    minimum first; then by score (highest first)."""

    def key(c: int) -> tuple[bool, bool, bool, float, int, int]:
        return not ix.must[c], c not in preferred, not _promised(ix, c), -ix.score[c], ix.mutual[c].bit_count(), c

    return sorted(range(len(ix.score)), key=key)


def busiest_first_order(ix: Indexed, preferred: frozenset[int]) -> list[int]:
    """Return candidates must-meets first, then `preferred` ones, those of participants with a
    minimum first, then those whose busier side has least room to spare (by the share of its
    capacity the preferred meetings take); then by score."""
    demand = [0] * len(ix.staff)
    for c in preferred:
        for p in ix.participants_of(c):
            demand[p] += 1
    use = [d / max(1, cap) for d, cap in zip(demand, ix.max_meetings, strict=True)]

    def key(c: int) -> tuple[bool, bool, bool, float, float, int]:
        busiest = max(use[p] for p in ix.participants_of(c))
        return not ix.must[c], c not in preferred, not _promised(ix, c), -busiest, -ix.score[c], c

    return sorted(range(len(ix.score)), key=key)


def _promised(ix: Indexed, c: int) -> bool:
    return any(ix.min_meetings[p] > 0 for p in ix.participants_of(c))


def greedy_schedule(problem: FairProblem, *, rule: Rule = "first_free") -> Schedule:
    """Return a greedy schedule with the flow upper bound (for as many must-meets as it holds).

    "first_free": candidates in the order given, each in the first free mutual slot (the baseline);
    "best_score": must-meets first, then by score, each next to meetings already held.
    """
    started = time.perf_counter()
    ix = index_problem(problem)
    if rule == "first_free":
        held = place_first_free(ix, range(len(ix.score)))
    else:
        held = place_compactly(ix, priority_order(ix))
    bound = must_bound(ix, sum(ix.must[c] for c in held), flow_bound(ix))
    seconds = time.perf_counter() - started
    return build_schedule(ix, held, upper_bound=bound, status="feasible", seconds=seconds, method=f"greedy:{rule}")
