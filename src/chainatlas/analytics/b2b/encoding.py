"""The propositional formulation of the B2B problem, shared by the SAT and the CP-SAT back ends.

Variables (DIMACS numbers): x[m, t] meeting m is held in slot t (only allowed slots get one);
y[p, t] participant p is busy in t; z[p, t] p is busy in some slot ≤ t; h[p, t] a break of p
ends in t (busy in t, idle in t - 1, busy before); f[p, t] p's first meeting is in t; c[p, t, j]
at least j of h[p, 1..t] hold (a sequential counter, capped at the allowed breaks per participant).
The literals `breaks[p][j - 1]` ("p has at least j breaks") sum to the objective.

Implied constraints (`implied=True`, Bofill et al. 2022 and the benchmark's README): p is busy in
exactly |M_p| slots; at most 2 × tables participants are busy per slot; a busy span longer than
|M_p| forces a break; without a break, the first slot pins the busy slots to one block, and the two
participants of a meeting must have blocks that share an allowed slot of the meeting; each
participant has at least the breaks its own meetings force, and identical participants start in
order (`bounds`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from chainatlas.analytics.b2b.bounds import identical_groups, participant_lower_bounds
from chainatlas.analytics.b2b.problem import B2BProblem

Clause = list[int]


@dataclass
class Formulation:
    """Clauses plus cardinality constraints; each back end encodes the cardinalities its own way."""

    n_vars: int = 0
    clauses: list[Clause] = field(default_factory=list)
    at_most: list[tuple[list[int], int]] = field(default_factory=list)
    exactly: list[tuple[list[int], int]] = field(default_factory=list)
    x: dict[tuple[int, int], int] = field(default_factory=dict)  # (meeting 1-based, slot 1-based) → var
    breaks: list[list[int]] = field(default_factory=list)  # per participant: "≥ j breaks", j = 1..max
    break_ends: list[int] = field(default_factory=list)  # every h[p, t]: a break of p ends in t
    lower_bound: int = 0  # the total of breaks every schedule has at least (the participants' own minima)

    def new_var(self) -> int:
        """Return a fresh variable."""
        self.n_vars += 1
        return self.n_vars

    def break_literals(self) -> list[int]:
        """Return every "p has at least j breaks" literal: their sum is the total of breaks."""
        return [lit for per in self.breaks for lit in per]

    def slots_of(self, true_vars: set[int]) -> list[int]:
        """Read each meeting's slot (1-based, by meeting) from the set of variables a model makes true."""
        slots: dict[int, int] = {}
        for (m, t), v in self.x.items():
            if v in true_vars:
                slots[m] = t
        return [slots[m] for m in sorted(slots)]


@dataclass(frozen=True)
class _Participant:
    """The variables of one participant, slots 1..T (index 0 unused; z[0] stands for "false")."""

    n: int  # number of meetings
    y: list[int]
    z: list[int]
    f: list[int]
    h: list[int]  # 0 where no break can end


def formulate(problem: B2BProblem, max_breaks: int, *, implied: bool = True) -> Formulation:
    """Return the formulation of a problem with at most `max_breaks` breaks per participant."""
    form = Formulation()
    _meetings(form, problem)
    people = [_participant(form, problem, p, max_breaks) for p in range(1, problem.n_participants + 1)]
    _precedences(form, problem)
    for person in people:
        form.breaks.append(_break_counter(form, person, max_breaks) if person.n >= 2 else [])
        if implied and person.n >= 1:
            _implied_per_participant(form, problem, person, form.breaks[-1])
    if implied:
        _implied_per_slot(form, problem, people)
        _implied_per_meeting(form, problem, people)
        _own_minima(form, problem, max_breaks)
        _symmetry(form, people, identical_groups(problem))
    return form


def _own_minima(form: Formulation, problem: B2BProblem, max_breaks: int) -> None:
    """Each participant has at least the breaks its own meetings force (`bounds.participant_lower_bounds`)."""
    for per, least in zip(form.breaks, participant_lower_bounds(problem, max_breaks), strict=True):
        form.clauses.extend([per[j]] for j in range(min(least, len(per))))
        form.lower_bound += least


def _symmetry(form: Formulation, people: list[_Participant], groups: list[list[int]]) -> None:
    """Identical participants start in the order of their numbers: z[p, t] ≥ z[q, t] for p < q in a group."""
    for group in groups:
        for p, q in zip(group, group[1:], strict=False):
            first, second = people[p - 1], people[q - 1]
            form.clauses.extend([-second.z[t], first.z[t]] for t in range(1, len(first.z)))


def _meetings(form: Formulation, problem: B2BProblem) -> None:
    for m in range(1, len(problem.meetings) + 1):
        for t in problem.allowed_slots(m):
            form.x[m, t] = form.new_var()
        form.exactly.append(([form.x[m, t] for t in problem.allowed_slots(m)], 1))
    for t in range(1, problem.n_slots + 1):
        in_slot = [v for (_, s), v in form.x.items() if s == t]
        if len(in_slot) > problem.n_tables:
            form.at_most.append((in_slot, problem.n_tables))


def _participant(form: Formulation, problem: B2BProblem, p: int, max_breaks: int) -> _Participant:
    """Define busy, started, first-slot and break-end variables of one participant exactly."""
    T = problem.n_slots  # noqa: N806
    meetings = problem.meetings_of(p)
    y, z, f, h = [0] * (T + 1), [0] * (T + 1), [0] * (T + 1), [0] * (T + 1)
    for t in range(1, T + 1):
        here = [form.x[m, t] for m in meetings if (m, t) in form.x]
        y[t] = form.new_var()
        form.clauses.append([-y[t], *here])
        form.clauses.extend([-v, y[t]] for v in here)
        if len(here) > 1:
            form.at_most.append((here, 1))
        z[t], f[t] = form.new_var(), form.new_var()
        _define_or(form, z[t], [y[t], z[t - 1]] if t > 1 else [y[t]])
        _define_and(form, f[t], [y[t], -z[t - 1]] if t > 1 else [y[t]])
        if t > 1 and len(meetings) >= 2 and max_breaks > 0:
            h[t] = form.new_var()
            form.break_ends.append(h[t])
            _define_and(form, h[t], [y[t], -y[t - 1], z[t - 1]])
        elif t > 1:
            form.clauses.append([-y[t], y[t - 1], -z[t - 1]])
    return _Participant(len(meetings), y, z, f, h)


def _define_or(form: Formulation, out: int, ins: list[int]) -> None:
    form.clauses.append([-out, *ins])
    form.clauses.extend([-i, out] for i in ins)


def _define_and(form: Formulation, out: int, ins: list[int]) -> None:
    form.clauses.append([out, *(-i for i in ins)])
    form.clauses.extend([-out, i] for i in ins)


def _break_counter(form: Formulation, person: _Participant, cap: int) -> list[int]:
    """Count the break ends with a sequential counter: return "≥ j breaks" for j = 1..cap; forbid cap + 1."""
    if cap == 0:
        form.clauses.extend([-v] for v in person.h if v)
        return []
    previous: list[int] = []  # previous[j - 1]: ≥ j among the break ends so far
    for v in (v for v in person.h if v):
        current = [form.new_var() for _ in range(cap)]
        for j in range(cap):
            below = previous[j - 1] if j > 0 and previous else (None if j > 0 else 0)
            same = previous[j] if previous else None
            _counter_step(form, current[j], same, below, v)
        if previous:
            form.clauses.append([-previous[cap - 1], -v])
        previous = current
    return previous


def _counter_step(form: Formulation, out: int, same: int | None, below: int | None, v: int) -> None:
    """out ↔ same ∨ (below ∧ v), where below = 0 means "true" and None means "false"."""
    if same is not None:
        form.clauses.append([-same, out])
    if below == 0:
        form.clauses.append([-v, out])
        form.clauses.append([-out, v] if same is None else [-out, same, v])
    elif below is not None:
        form.clauses.append([-below, -v, out])
        form.clauses.append([-out, below] if same is None else [-out, same, below])
        form.clauses.append([-out, v] if same is None else [-out, same, v])
    elif same is not None:
        form.clauses.append([-out, same])
    else:
        form.clauses.append([-out])


def _implied_per_participant(form: Formulation, problem: B2BProblem, person: _Participant, breaks: list[int]) -> None:
    T, n, y, f = problem.n_slots, person.n, person.y, person.f  # noqa: N806
    form.exactly.append((y[1:], n))
    form.clauses.extend([-f[a]] for a in range(T - n + 2, T + 1))
    no_break = [breaks[0]] if breaks else []
    for a in range(1, T + 1):
        for b in range(a + n, T + 1):
            form.clauses.append([-y[a], -y[b], *no_break])
        if a <= T - n + 1:
            form.clauses.extend([-f[a], *no_break, y[t]] for t in range(a, a + n))
            form.clauses.extend([-f[a], *no_break, -y[t]] for t in range(a + n, T + 1))


def _implied_per_slot(form: Formulation, problem: B2BProblem, people: list[_Participant]) -> None:
    for t in range(1, problem.n_slots + 1):
        busy = [person.y[t] for person in people if person.n]
        if len(busy) > 2 * problem.n_tables:
            form.at_most.append((busy, 2 * problem.n_tables))


def _implied_per_meeting(form: Formulation, problem: B2BProblem, people: list[_Participant]) -> None:
    """Two participants without breaks: their blocks must share an allowed slot of every meeting between them."""
    for m, meeting in enumerate(problem.meetings, 1):
        allowed = problem.allowed_slots(m)
        for p, q in ((meeting.p1, meeting.p2), (meeting.p2, meeting.p1)):
            a_person, b_person = people[p - 1], people[q - 1]
            guard = [form.breaks[p - 1][0]] if form.breaks[p - 1] else []
            guard += [form.breaks[q - 1][0]] if form.breaks[q - 1] else []
            for a in range(1, problem.n_slots - a_person.n + 2):
                window = {t for t in allowed if a <= t < a + a_person.n}
                starts = [
                    b_person.f[b]
                    for b in range(1, problem.n_slots - b_person.n + 2)
                    if any(b <= t < b + b_person.n for t in window)
                ]
                form.clauses.append([-a_person.f[a], *guard, *starts])


def _precedences(form: Formulation, problem: B2BProblem) -> None:
    """A meeting in slot t needs each of its predecessors in a slot before t."""
    for i, before in enumerate(problem.precedences, 1):
        for j in before:
            for t in problem.allowed_slots(i):
                earlier = [form.x[j, s] for s in problem.allowed_slots(j) if s < t]
                form.clauses.append([-form.x[i, t], *earlier])
