"""The B2B meeting scheduling problem (B2BSOP, Bofill et al., JAIR 2022) and what a schedule is.

Numbering follows the `.dzn` files: participants 1..n_participants, meetings 1..len(meetings),
slots 1..n_slots, tables 1..n_tables.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum


class Session(IntEnum):
    """When a meeting may be held (the `requested` session code)."""

    MORNING = 1
    AFTERNOON = 2
    ANY = 3


@dataclass(frozen=True)
class Meeting:
    """One requested meeting between two participants."""

    p1: int
    p2: int
    session: Session


@dataclass(frozen=True)
class B2BProblem:
    """Every requested meeting must be held once; the schedule minimises the participants' breaks."""

    n_participants: int
    n_tables: int
    n_slots: int
    n_morning_slots: int
    meetings: tuple[Meeting, ...]
    forbidden: tuple[frozenset[int], ...]  # per participant (index p - 1): slots it cannot meet in
    fixed: tuple[int, ...] = ()  # per meeting: its pinned slot, 0 when free
    precedences: tuple[frozenset[int], ...] = ()  # per meeting: meetings held strictly before it

    def meetings_of(self, participant: int) -> list[int]:
        """Return the meetings (1-based) that involve a participant."""
        return [i for i, m in enumerate(self.meetings, 1) if participant in (m.p1, m.p2)]

    def meeting_counts(self) -> list[int]:
        """Return |M_p| for every participant (index p - 1)."""
        counts = [0] * self.n_participants
        for m in self.meetings:
            counts[m.p1 - 1] += 1
            counts[m.p2 - 1] += 1
        return counts

    def allowed_slots(self, meeting: int) -> list[int]:
        """Return the slots (1-based) a meeting may be held in: its session, neither participant forbidden, fixed."""
        m = self.meetings[meeting - 1]
        slots = range(1, self.n_slots + 1)
        if m.session is Session.MORNING:
            slots = range(1, self.n_morning_slots + 1)
        elif m.session is Session.AFTERNOON:
            slots = range(self.n_morning_slots + 1, self.n_slots + 1)
        banned = self.forbidden[m.p1 - 1] | self.forbidden[m.p2 - 1]
        pinned = self.fixed[meeting - 1] if self.fixed else 0
        return [t for t in slots if t not in banned and pinned in (0, t)]


@dataclass(frozen=True)
class Schedule:
    """A slot and a table for every meeting (index i - 1 for meeting i)."""

    slots: tuple[int, ...]
    tables: tuple[int, ...]


def count_breaks(busy_slots: Iterable[int]) -> int:
    """Return the number of breaks in one participant's agenda: maximal idle runs between two meetings."""
    ordered = sorted(busy_slots)
    return sum(1 for a, b in zip(ordered, ordered[1:], strict=False) if b > a + 1)


def participant_breaks(problem: B2BProblem, slots: Sequence[int]) -> list[int]:
    """Return every participant's number of breaks (index p - 1) under a slot per meeting."""
    busy: list[list[int]] = [[] for _ in range(problem.n_participants)]
    for m, slot in zip(problem.meetings, slots, strict=True):
        busy[m.p1 - 1].append(slot)
        busy[m.p2 - 1].append(slot)
    return [count_breaks(b) for b in busy]


def total_breaks(problem: B2BProblem, slots: Sequence[int]) -> int:
    """Return the objective: the sum of the participants' breaks."""
    return sum(participant_breaks(problem, slots))


def assign_tables(slots: Sequence[int]) -> tuple[int, ...]:
    """Give the meetings of each slot the tables 1, 2, … in meeting order (any assignment within a slot works)."""
    used: dict[int, int] = {}
    tables = []
    for slot in slots:
        used[slot] = used.get(slot, 0) + 1
        tables.append(used[slot])
    return tuple(tables)
