"""The select-and-schedule problem of a fair (洽谈会排程): slots, participants, candidate meetings.

Pure value types and their validation. Slot positions (`available`, `slot_index`) are positions in
`FairProblem.slots`, which are sorted by (day, index); tables are numbered 0..tables-1 per slot.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

Kind = Literal["exhibitor", "buyer"]
KINDS: tuple[Kind, ...] = ("exhibitor", "buyer")


class FairProblemError(ValueError):
    """A fair problem that cannot be scheduled as given; `problems` lists every reason."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True, order=True)
class Slot:
    """One meeting slot: the day (0-based) and its index within the day; ordered by (day, index)."""

    day: int
    index: int


@dataclass(frozen=True)
class Participant:
    """An exhibitor or buyer: how many meetings it can hold per slot, when, and how many in all."""

    id: str
    kind: Kind
    staff: int = 1
    """Meetings it can hold in one slot (an exhibitor's stand staff; buyers usually 1)."""
    available: frozenset[int] | None = None
    """Slot positions it can meet in; None means every slot."""
    min_meetings: int = 0
    """Soft: each missing meeting costs `FairProblem.shortfall_penalty`."""
    max_meetings: int | None = None
    """Hard: never more meetings than this; None means no limit."""


@dataclass(frozen=True)
class Candidate:
    """A meeting that may be held: its match score, and whether one side marked it must-meet."""

    exhibitor: str
    buyer: str
    score: float
    must: bool = False


@dataclass(frozen=True)
class FairProblem:
    """Slots, tables per slot, participants, candidate meetings and the penalties of the objective.

    The value of a schedule is Σ score of held meetings − idle_gap_penalty × idle gaps −
    shortfall_penalty × meetings missing below participants' minimum. Must-meets come first: a
    schedule holding more of them is always preferred (see docs/fair-scheduling.md).
    """

    slots: tuple[Slot, ...]
    tables_per_slot: int | tuple[int, ...]
    participants: tuple[Participant, ...]
    candidates: tuple[Candidate, ...]
    idle_gap_penalty: float = 0.0
    shortfall_penalty: float | None = None
    """Per meeting missing below a participant's minimum; None means the largest candidate score."""

    @property
    def tables(self) -> tuple[int, ...]:
        """Return the number of tables of every slot."""
        if isinstance(self.tables_per_slot, int):
            return (self.tables_per_slot,) * len(self.slots)
        return self.tables_per_slot

    @property
    def days(self) -> tuple[int, ...]:
        """Return the distinct days, in order."""
        return tuple(sorted({s.day for s in self.slots}))

    @cached_property
    def participant_by_id(self) -> dict[str, Participant]:
        """Return the participants by id."""
        return {p.id: p for p in self.participants}

    @property
    def penalty_per_missing_meeting(self) -> float:
        """Return the shortfall penalty in force (the largest candidate score when not given)."""
        if self.shortfall_penalty is not None:
            return self.shortfall_penalty
        return max((max(c.score, 0.0) for c in self.candidates), default=0.0)

    def available_slots(self, participant: Participant) -> frozenset[int]:
        """Return the slot positions a participant can meet in."""
        everything = frozenset(range(len(self.slots)))
        return everything if participant.available is None else participant.available & everything


def check_problem(problem: FairProblem) -> None:
    """Raise FairProblemError listing every problem of the input, or return None when it is valid."""
    problems = _slot_problems(problem) + _participant_problems(problem) + _candidate_problems(problem)
    if not math.isfinite(problem.idle_gap_penalty) or problem.idle_gap_penalty < 0:
        problems.append(f"idle_gap_penalty: {problem.idle_gap_penalty} must be a finite number ≥ 0")
    penalty = problem.shortfall_penalty
    if penalty is not None and (not math.isfinite(penalty) or penalty < 0):
        problems.append(f"shortfall_penalty: {penalty} must be a finite number ≥ 0")
    if problems:
        raise FairProblemError(problems)


def _slot_problems(problem: FairProblem) -> list[str]:
    problems: list[str] = []
    slots = problem.slots
    if list(slots) != sorted(set(slots)):
        problems.append("slots: must be distinct and sorted by (day, index)")
    if any(s.day < 0 or s.index < 0 for s in slots):
        problems.append("slots: day and index must be ≥ 0")
    tables = problem.tables_per_slot
    if isinstance(tables, tuple) and len(tables) != len(slots):
        problems.append(f"tables_per_slot: {len(tables)} values for {len(slots)} slots")
    elif any(t < 0 for t in problem.tables):
        problems.append("tables_per_slot: must be ≥ 0")
    return problems


def _participant_problems(problem: FairProblem) -> list[str]:
    problems: list[str] = []
    seen: set[str] = set()
    for p in problem.participants:
        where = f"participant {p.id!r}"
        if p.id in seen:
            problems.append(f"{where}: id appears twice")
        seen.add(p.id)
        if p.kind not in KINDS:
            problems.append(f"{where}, kind: {p.kind!r} is neither 'exhibitor' nor 'buyer'")
        if p.staff < 1:
            problems.append(f"{where}, staff: {p.staff} must be ≥ 1")
        if p.available is not None and any(not 0 <= t < len(problem.slots) for t in p.available):
            problems.append(f"{where}, available: slot positions must be in 0..{len(problem.slots) - 1}")
        if p.min_meetings < 0:
            problems.append(f"{where}, min_meetings: {p.min_meetings} must be ≥ 0")
        if p.max_meetings is not None and p.max_meetings < max(p.min_meetings, 0):
            problems.append(f"{where}, max_meetings: {p.max_meetings} is below min_meetings {p.min_meetings}")
    return problems


def _candidate_problems(problem: FairProblem) -> list[str]:
    problems: list[str] = []
    kinds = {p.id: p.kind for p in problem.participants}
    seen: set[tuple[str, str]] = set()
    for number, c in enumerate(problem.candidates):
        where = f"candidate {number} ({c.exhibitor!r}–{c.buyer!r})"
        if kinds.get(c.exhibitor) != "exhibitor":
            problems.append(f"{where}, exhibitor: {c.exhibitor!r} is not an exhibitor of this fair")
        if kinds.get(c.buyer) != "buyer":
            problems.append(f"{where}, buyer: {c.buyer!r} is not a buyer of this fair")
        if (c.exhibitor, c.buyer) in seen:
            problems.append(f"{where}: the pair appears twice")
        seen.add((c.exhibitor, c.buyer))
        if not math.isfinite(c.score):
            problems.append(f"{where}, score: {c.score} is not a finite number")
    return problems
