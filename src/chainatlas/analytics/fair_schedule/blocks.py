"""A placement built the way hosted-buyer desks work: each exhibitor sits at a table for a block of
consecutive slots and buyers come to it, so exhibitors have no idle gaps by construction.

1. day assignment: every chosen meeting gets a day, spreading each buyer's meetings over days (a
   buyer with one meeting a day has no gap) and each exhibitor's in proportion to its capacity;
2. per day, each exhibitor's meetings become blocks (one per staff member in use), packed into
   the table rows (a row is one table across the day's slots) best-fit, longest first;
3. per exhibitor, its meetings are matched to its block's slots (scipy's assignment), avoiding
   buyer double-booking and placing a buyer's same-day meetings next to each other.
Meetings that find no place are dropped; the caller refills the free tables greedily.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linear_sum_assignment

from chainatlas.analytics.fair_schedule.indexed import Indexed, bits

NO = 1e6
"""Cost of an impossible (meeting, slot) pair in the assignment."""


def place_in_blocks(ix: Indexed, chosen: Sequence[int]) -> dict[int, int]:
    """Return {candidate: slot} for as many of the chosen candidates as fit in exhibitor blocks."""
    days = assign_days(ix, chosen)
    held: dict[int, int] = {}
    buyer_busy: dict[int, set[int]] = defaultdict(set)
    for day, meetings in days.items():
        rows = pack_blocks(ix, day, meetings)
        for e, slots in sorted(rows.items(), key=lambda item: -len(item[1])):
            mine = [c for c in meetings if ix.exhibitor[c] == e]
            held.update(_match(ix, mine, slots, buyer_busy))
    return held


def assign_days(ix: Indexed, chosen: Sequence[int]) -> dict[int, list[int]]:
    """Return per day the meetings given to it (meetings that fit no day, or would pass a
    participant's maximum, are left out)."""
    days = list(ix.day_mask)
    room = {d: sum(ix.tables[t] for t in bits(ix.day_mask[d])) for d in days}
    load: dict[tuple[int, int], int] = defaultdict(int)
    total: dict[int, int] = defaultdict(int)
    for c in chosen:
        total[ix.exhibitor[c]] += 1
    out: dict[int, list[int]] = {d: [] for d in days}
    order = sorted(chosen, key=lambda c: (not ix.must[c], _day_options(ix, c), -total[ix.exhibitor[c]]))
    given: dict[int, int] = defaultdict(int)
    for c in order:
        e, b = ix.participants_of(c)
        if given[e] >= ix.max_meetings[e] or given[b] >= ix.max_meetings[b]:
            continue
        best = None
        for d in days:
            if not ix.mutual[c] & ix.day_mask[d] or room[d] == 0:
                continue
            if load[e, d] >= _day_capacity(ix, e, d) or load[b, d] >= _day_capacity(ix, b, d):
                continue
            share = _day_capacity(ix, e, d) / max(1, sum(_day_capacity(ix, e, x) for x in days))
            key = (load[b, d], load[e, d] - total[e] * share, -room[d])
            if best is None or key < best[0]:
                best = (key, d)
        if best is not None:
            d = best[1]
            out[d].append(c)
            room[d] -= 1
            for p in (e, b):
                load[p, d] += 1
                given[p] += 1
    return out


def _day_options(ix: Indexed, c: int) -> int:
    return sum(1 for mask in ix.day_mask.values() if ix.mutual[c] & mask)


def _day_capacity(ix: Indexed, p: int, d: int) -> int:
    return ix.staff[p] * (ix.available[p] & ix.day_mask[d]).bit_count()


@dataclass
class Rows:
    """The free intervals [start, end) of slot positions of one day, and which table rows have each."""

    slots: list[int]
    free: dict[tuple[int, int], list[int]] = field(default_factory=lambda: defaultdict(list))

    def take(self, interval: tuple[int, int], start: int, length: int) -> int:
        """Take `length` positions from `start` in one row having `interval` free; return the row."""
        row = self.free[interval].pop()
        if not self.free[interval]:
            del self.free[interval]
        low, high = interval
        for piece in ((low, start), (start + length, high)):
            if piece[1] > piece[0]:
                self.free[piece].append(row)
        return row


def pack_blocks(ix: Indexed, day: int, meetings: Sequence[int]) -> dict[int, list[int]]:
    """Return per exhibitor the slots (with repeats for parallel staff) of its blocks on the day."""
    slots = bits(ix.day_mask[day])
    rows = Rows(slots)
    for r in range(max(ix.tables[t] for t in slots)):
        for run in _runs([i for i, t in enumerate(slots) if r < ix.tables[t]]):
            rows.free[run].append(r)
    count: dict[int, int] = defaultdict(int)
    for c in meetings:
        count[ix.exhibitor[c]] += 1
    pieces = [(e, n) for e, total in count.items() for n in _split(total, ix.staff[e])]
    placed: dict[int, list[int]] = defaultdict(list)
    queue = sorted(pieces, key=lambda item: -item[1])
    while queue:
        e, length = queue.pop(0)
        in_use = Counter(placed[e])  # a split block must not put more meetings in a slot than staff
        free = [i for i, t in enumerate(slots) if ix.available[e] >> t & 1 and in_use[t] < ix.staff[e]]
        spot = _best_fit(rows, _runs(free), length)
        if spot is not None:
            interval, start = spot
            rows.take(interval, start, length)
            placed[e].extend(slots[start : start + length])
        elif length > 1:
            queue += [(e, length // 2), (e, length - length // 2)]
            queue.sort(key=lambda item: -item[1])
    return placed


def _split(total: int, staff: int) -> list[int]:
    parts = min(staff, total)
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def _runs(positions: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for i in positions:
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs


def _best_fit(rows: Rows, windows: list[tuple[int, int]], length: int) -> tuple[tuple[int, int], int] | None:
    best: tuple[int, tuple[int, int], int] | None = None
    for low, high in rows.free:
        for w_low, w_high in windows:
            start = max(low, w_low)
            if start + length <= min(high, w_high):
                waste = (high - low) - length
                if best is None or waste < best[0]:
                    best = (waste, (low, high), start)
    return None if best is None else (best[1], best[2])


def _match(ix: Indexed, meetings: list[int], slots: list[int], buyer_busy: dict[int, set[int]]) -> dict[int, int]:
    """Match an exhibitor's meetings of one day to its block slots; return {candidate: slot}."""
    cost = np.full((len(meetings), len(slots)), NO)
    for i, c in enumerate(meetings):
        b = ix.buyer[c]
        for j, t in enumerate(slots):
            if ix.mutual[c] >> t & 1 and t not in buyer_busy[b]:
                cost[i, j] = _buyer_gap_change(ix, buyer_busy[b], t) + j * 1e-3
    rows, cols = linear_sum_assignment(cost)
    held = {}
    for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
        if cost[i, j] < NO:
            held[meetings[i]] = slots[j]
            buyer_busy[ix.buyer[meetings[i]]].add(slots[j])
    return held


def _buyer_gap_change(ix: Indexed, busy: set[int], t: int) -> float:
    day = ix.slot_day[t]
    same_day = [s for s in busy if ix.slot_day[s] == day]
    if not same_day:
        return 0.0
    neighbours = sum(1 for s in (t - 1, t + 1) if s in same_day)
    return 1.0 - neighbours


def idle_gap_count(ix: Indexed, busy: int) -> int:
    """Return the idle gaps of a participant busy in the slots of a bitset."""
    runs = (busy & ~((busy << 1) & ~ix.first_of_day)).bit_count()
    return runs - sum(1 for mask in ix.day_mask.values() if busy & mask)


def close_buyer_gaps(ix: Indexed, held: dict[int, int], rounds: int = 3) -> dict[int, int]:
    """Swap two meetings of one exhibitor where that lowers their buyers' idle gaps; return the placement.

    The exhibitor's slots, the tables and everyone else stay as they are.
    """
    slot_of = dict(held)
    busy = [0] * len(ix.staff)
    at: dict[tuple[int, int], list[int]] = defaultdict(list)
    for c, t in slot_of.items():
        busy[ix.buyer[c]] |= 1 << t
        at[ix.exhibitor[c], t].append(c)
    for _ in range(rounds):
        swaps = 0
        for c in sorted(slot_of, key=lambda c: ix.buyer[c]):
            if idle_gap_count(ix, busy[ix.buyer[c]]) > 0:
                swaps += _swap_towards(ix, c, slot_of, busy, at)
        if swaps == 0:
            break
    return slot_of


def _swap_towards(
    ix: Indexed, c: int, slot_of: dict[int, int], busy: list[int], at: dict[tuple[int, int], list[int]]
) -> int:
    e, b = ix.participants_of(c)
    t = slot_of[c]
    others = busy[b] & ~(1 << t)
    targets = ((others << 1) & ~ix.first_of_day | (others >> 1) & ~ix.last_of_day) & ~busy[b] & ix.mutual[c]
    for target in bits(targets):
        for other in at.get((e, target), []):
            b2 = ix.buyer[other]
            if busy[b2] >> t & 1 or not ix.mutual[other] >> t & 1 or max(ix.staff[b], ix.staff[b2]) > 1:
                continue
            new_b = (busy[b] & ~(1 << t)) | 1 << target
            new_b2 = (busy[b2] & ~(1 << target)) | 1 << t
            before = idle_gap_count(ix, busy[b]) + idle_gap_count(ix, busy[b2])
            if idle_gap_count(ix, new_b) + idle_gap_count(ix, new_b2) < before:
                busy[b], busy[b2] = new_b, new_b2
                slot_of[c], slot_of[other] = target, t
                at[e, t].remove(c)
                at[e, target].remove(other)
                at[e, t].append(other)
                at[e, target].append(c)
                return 1
    return 0
