"""Facts about every schedule that the solvers get for free: per-participant lower bounds and symmetries.

- A participant's own minimum of breaks, looking at its meetings alone (each meeting in one of its
  allowed slots, one meeting per slot, the busy slots in as few runs as possible), is a lower bound
  on its breaks in any schedule; their sum bounds the total, so the k-descent starts there.
- Identical participants (the same partners with the same session codes, the same forbidden slots,
  no fixed or ordered meetings) can swap agendas: any schedule stays valid with the same breaks,
  so their first slots may be required to be in order (symmetry breaking).
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from chainatlas.analytics.b2b.problem import B2BProblem


def participant_lower_bounds(problem: B2BProblem, max_breaks: int) -> list[int]:
    """Return, per participant (index p - 1), the fewest breaks its own meetings allow (at most max_breaks + 1)."""
    return [_own_minimum(problem, p, max_breaks) for p in range(1, problem.n_participants + 1)]


def _own_minimum(problem: B2BProblem, p: int, max_breaks: int) -> int:
    meetings = problem.meetings_of(p)
    if len(meetings) < 2:
        return 0
    allowed = [set(problem.allowed_slots(m)) for m in meetings]
    for breaks in range(min(max_breaks, 1) + 1):
        if any(_fits(allowed, busy) for busy in _agendas(problem.n_slots, len(meetings), breaks)):
            return breaks
    return min(max_breaks, 1) + 1


def _agendas(n_slots: int, n: int, breaks: int) -> list[set[int]]:
    """Return every set of n busy slots in 1..n_slots made of exactly breaks + 1 runs (breaks ≤ 1)."""
    if breaks == 0:
        return [set(range(a, a + n)) for a in range(1, n_slots - n + 2)]
    found = []
    for first in range(1, n):  # the first run's length
        for a in range(1, n_slots + 1):
            for b in range(a + first + 1, n_slots - (n - first) + 2):
                found.append(set(range(a, a + first)) | set(range(b, b + n - first)))
    return found


def _fits(allowed: list[set[int]], busy: set[int]) -> bool:
    """Whether every meeting gets its own busy slot among its allowed ones (a bipartite matching, Kuhn)."""
    holder: dict[int, int] = {}

    def place(i: int, seen: set[int]) -> bool:
        for t in allowed[i] & busy:
            if t not in seen:
                seen.add(t)
                if t not in holder or place(holder[t], seen):
                    holder[t] = i
                    return True
        return False

    return all(place(i, set()) for i in range(len(allowed)))


def identical_groups(problem: B2BProblem) -> list[list[int]]:
    """Return the groups (two or more, ascending) of participants that can swap agendas in any schedule."""
    if any(problem.fixed) or any(problem.precedences):
        return []
    partners: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for meeting in problem.meetings:
        partners[meeting.p1].append((meeting.p2, int(meeting.session)))
        partners[meeting.p2].append((meeting.p1, int(meeting.session)))
    groups: dict[tuple[tuple[tuple[int, int], ...], frozenset[int]], list[int]] = defaultdict(list)
    for p in range(1, problem.n_participants + 1):
        if partners[p]:
            groups[tuple(sorted(partners[p])), problem.forbidden[p - 1]].append(p)
    return [group for group in groups.values() if len(group) > 1 and not _meet_each_other(problem, group)]


def _meet_each_other(problem: B2BProblem, group: list[int]) -> bool:
    pairs = {frozenset(pair) for pair in combinations(group, 2)}
    return any(frozenset((m.p1, m.p2)) in pairs for m in problem.meetings)
