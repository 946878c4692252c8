"""Schedules: the meetings held, their value against an upper bound, idle gaps, tables and a validator."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from chainatlas.analytics.fair_schedule.indexed import Indexed
from chainatlas.analytics.fair_schedule.problem import Candidate, FairProblem

Status = Literal["optimal", "feasible"]
PROVED = 1e-9
"""A relative gap this small counts as proved optimal."""


@dataclass(frozen=True)
class ScheduledMeeting:
    """A held meeting: who, in which slot position and at which table (both 0-based)."""

    exhibitor: str
    buyer: str
    slot_index: int
    table: int
    score: float
    must: bool


@dataclass(frozen=True)
class Schedule:
    """The meetings held and how good they are.

    `objective` is the schedule's value (Σ score − idle-gap and shortfall penalties);
    `upper_bound` bounds the value of every schedule holding at least as many must-meets
    (`gap` = (upper_bound − objective) / upper_bound); `status` is "optimal" when that is proved.
    """

    meetings: tuple[ScheduledMeeting, ...]
    objective: float
    upper_bound: float
    gap: float
    status: Status
    seconds: float
    unmet_must: tuple[Candidate, ...]
    method: str
    score_total: float
    idle_gaps: int
    shortfall: int

    @property
    def must_held(self) -> int:
        """Return how many must-meets are held."""
        return sum(m.must for m in self.meetings)


def relative_gap(objective: float, upper_bound: float) -> float:
    """Return (upper_bound − objective) / |upper_bound|, 0 when both are 0."""
    if upper_bound == objective:
        return 0.0
    return (upper_bound - objective) / max(abs(upper_bound), 1e-12)


def idle_gaps(problem: FairProblem, meetings: Iterable[ScheduledMeeting]) -> dict[str, int]:
    """Return per participant its idle gaps: runs of free slots between two of its meetings on one day."""
    busy: dict[str, set[int]] = defaultdict(set)
    for m in meetings:
        busy[m.exhibitor].add(m.slot_index)
        busy[m.buyer].add(m.slot_index)
    day = [s.day for s in problem.slots]
    return {who: _gaps_in(sorted(slots), day) for who, slots in busy.items()}


def _gaps_in(positions: list[int], day: list[int]) -> int:
    return sum(1 for a, b in zip(positions, positions[1:], strict=False) if day[a] == day[b] and b - a > 1)


def shortfall(problem: FairProblem, meetings: Iterable[ScheduledMeeting]) -> int:
    """Return the meetings missing below participants' minimum, summed over participants."""
    held = Counter[str]()
    for m in meetings:
        held[m.exhibitor] += 1
        held[m.buyer] += 1
    return sum(max(0, p.min_meetings - held[p.id]) for p in problem.participants)


def schedule_value(problem: FairProblem, meetings: tuple[ScheduledMeeting, ...]) -> float:
    """Return Σ score − idle_gap_penalty × idle gaps − shortfall_penalty × shortfall."""
    gaps = sum(idle_gaps(problem, meetings).values())
    missing = shortfall(problem, meetings)
    return (
        sum(m.score for m in meetings) - problem.idle_gap_penalty * gaps - problem.penalty_per_missing_meeting * missing
    )


def held_value(ix: Indexed, held: Mapping[int, int]) -> float:
    """Return the value of a placement {candidate: slot} (tables play no part in it)."""
    problem = ix.problem
    meetings = tuple(
        ScheduledMeeting(problem.candidates[c].exhibitor, problem.candidates[c].buyer, t, 0, ix.score[c], ix.must[c])
        for c, t in held.items()
    )
    return schedule_value(problem, meetings)


def build_schedule(
    ix: Indexed,
    held: Mapping[int, int],
    *,
    upper_bound: float,
    status: Status,
    seconds: float,
    method: str,
) -> Schedule:
    """Return the Schedule of held candidates {candidate: slot position}, with tables assigned."""
    problem = ix.problem
    tables = assign_tables(ix, held)
    meetings = tuple(
        ScheduledMeeting(
            exhibitor=problem.candidates[c].exhibitor,
            buyer=problem.candidates[c].buyer,
            slot_index=t,
            table=tables[c],
            score=problem.candidates[c].score,
            must=problem.candidates[c].must,
        )
        for c, t in sorted(held.items(), key=lambda item: (item[1], tables[item[0]]))
    )
    value = schedule_value(problem, meetings)
    bound = max(upper_bound, value)
    if status == "feasible" and relative_gap(value, bound) <= PROVED:
        status = "optimal"
    return Schedule(
        meetings=meetings,
        objective=value,
        upper_bound=bound,
        gap=relative_gap(value, bound),
        status=status,
        seconds=seconds,
        unmet_must=tuple(c for i, c in enumerate(problem.candidates) if c.must and i not in held),
        method=method,
        score_total=sum(m.score for m in meetings),
        idle_gaps=sum(idle_gaps(problem, meetings).values()),
        shortfall=shortfall(problem, meetings),
    )


def assign_tables(ix: Indexed, held: Mapping[int, int]) -> dict[int, int]:
    """Return a table per held candidate; an exhibitor keeps the table it had in the slot before."""
    by_slot: dict[int, list[int]] = defaultdict(list)
    for c, t in held.items():
        by_slot[t].append(c)
    last_tables: dict[int, list[int]] = {}
    table: dict[int, int] = {}
    for t in sorted(by_slot):
        meetings = sorted(by_slot[t], key=lambda c: (ix.exhibitor[c], ix.buyer[c]))
        free = set(range(ix.tables[t]))
        waiting = []
        now: dict[int, list[int]] = defaultdict(list)
        for c in meetings:
            kept = [k for k in last_tables.get(ix.exhibitor[c], []) if k in free]
            if kept:
                table[c] = kept[0]
                free.discard(kept[0])
                now[ix.exhibitor[c]].append(kept[0])
            else:
                waiting.append(c)
        for c, k in zip(waiting, sorted(free), strict=False):
            table[c] = k
            now[ix.exhibitor[c]].append(k)
        last_tables.update(now)
    return table
