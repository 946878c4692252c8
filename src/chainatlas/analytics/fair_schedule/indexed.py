"""The problem as integer indices and slot bitsets, shared by the greedy, the bound and the CP-SAT model."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from chainatlas.analytics.fair_schedule.problem import FairProblem, check_problem


@dataclass(frozen=True)
class Indexed:
    """Participants 0..P-1, candidates 0..C-1, slots 0..S-1; a bitset has bit t set for slot t."""

    problem: FairProblem
    staff: tuple[int, ...]
    available: tuple[int, ...]
    """Per participant: bitset of the slots it can meet in."""
    max_meetings: tuple[int, ...]
    """Per participant: the hard limit, capped by what its slots and staff allow."""
    min_meetings: tuple[int, ...]
    exhibitor: tuple[int, ...]
    buyer: tuple[int, ...]
    score: tuple[float, ...]
    must: tuple[bool, ...]
    mutual: tuple[int, ...]
    """Per candidate: bitset of the slots both sides can meet in."""
    candidates_of: tuple[tuple[int, ...], ...]
    """Per participant: its candidates."""
    tables: tuple[int, ...]
    slot_day: tuple[int, ...]
    day_mask: dict[int, int]
    """Per day: bitset of its slots."""
    first_of_day: int
    """Bitset of the first slot of every day."""
    last_of_day: int
    """Bitset of the last slot of every day."""

    @property
    def slot_count(self) -> int:
        """Return the number of slots."""
        return len(self.slot_day)

    def participants_of(self, candidate: int) -> tuple[int, int]:
        """Return the exhibitor's and the buyer's participant positions."""
        return self.exhibitor[candidate], self.buyer[candidate]


def bits(mask: int) -> list[int]:
    """Return the positions of the set bits of a bitset, lowest first."""
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


def index_problem(problem: FairProblem) -> Indexed:
    """Validate the problem and return it as indices and bitsets."""
    check_problem(problem)
    position = {p.id: i for i, p in enumerate(problem.participants)}
    available = tuple(_bitset(problem.available_slots(p)) for p in problem.participants)
    staff = tuple(p.staff for p in problem.participants)
    capacity = (bin(a).count("1") * s for a, s in zip(available, staff, strict=True))
    maxima = tuple(
        cap if p.max_meetings is None else min(cap, p.max_meetings)
        for p, cap in zip(problem.participants, capacity, strict=True)
    )
    exhibitor = tuple(position[c.exhibitor] for c in problem.candidates)
    buyer = tuple(position[c.buyer] for c in problem.candidates)
    days = tuple(s.day for s in problem.slots)
    return Indexed(
        problem=problem,
        staff=staff,
        available=available,
        max_meetings=maxima,
        min_meetings=tuple(p.min_meetings for p in problem.participants),
        exhibitor=exhibitor,
        buyer=buyer,
        score=tuple(c.score for c in problem.candidates),
        must=tuple(c.must for c in problem.candidates),
        mutual=tuple(available[e] & available[b] for e, b in zip(exhibitor, buyer, strict=True)),
        candidates_of=_candidates_of(len(problem.participants), exhibitor, buyer),
        tables=problem.tables,
        slot_day=days,
        day_mask={d: _bitset(t for t, day in enumerate(days) if day == d) for d in problem.days},
        first_of_day=_bitset(t for t, day in enumerate(days) if t == 0 or days[t - 1] != day),
        last_of_day=_bitset(t for t, day in enumerate(days) if t + 1 == len(days) or days[t + 1] != day),
    )


def next_to(ix: Indexed, busy: int) -> int:
    """Return the bitset of slots right before or after a busy slot on the same day."""
    return ((busy << 1) & ~ix.first_of_day) | ((busy >> 1) & ~ix.last_of_day)


def _bitset(positions: Iterable[int]) -> int:
    mask = 0
    for t in positions:
        mask |= 1 << t
    return mask


def _candidates_of(people: int, exhibitor: tuple[int, ...], buyer: tuple[int, ...]) -> tuple[tuple[int, ...], ...]:
    lists: list[list[int]] = [[] for _ in range(people)]
    for c, (e, b) in enumerate(zip(exhibitor, buyer, strict=True)):
        lists[e].append(c)
        lists[b].append(c)
    return tuple(tuple(cs) for cs in lists)
