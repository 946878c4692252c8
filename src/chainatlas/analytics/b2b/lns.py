"""Anytime schedules: a first schedule in seconds, then large-neighbourhood search inside one SAT solver.

First any schedule (break ends preferred false), then one where most participants have no break
(core-guided: assume "no break" for everyone, drop the participants each core names). Then each
neighbourhood step keeps most of the best schedule (its meetings as assumptions `x[m, slot]`), frees the
meetings of a few participants (a participant with breaks and its neighbours in the meeting graph)
or of a window of slots, and asks for a schedule with fewer breaks than the best, within a conflict
budget. A better answer replaces the best at once (reported); a refutation whose core holds no
fixed meeting proves the best optimal; otherwise the neighbourhood grows after a refutation and
shrinks after a timeout. The same incremental solver keeps its learnt clauses across all steps.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pysat.card import ITotalizer  # type: ignore[import-untyped]  # no type stubs
from pysat.solvers import Solver  # type: ignore[import-untyped]  # no type stubs

from chainatlas.analytics.b2b.encoding import Formulation, formulate
from chainatlas.analytics.b2b.problem import B2BProblem, participant_breaks, total_breaks
from chainatlas.analytics.b2b.sat import SatEvent, add_cards, model_slots

LNS = "lns"  # the strategy name of the anytime search in the race
_BUDGET = 1500  # conflicts per neighbourhood step
_FIRST_BUDGET = 2000  # conflicts per attempt at a schedule where most participants have no break
_MIN_FREE, _GROW, _SHRINK = 3, 1.3, 0.8
_START = 8


@dataclass
class _Step:
    """The search's state: the best schedule, its breaks and the neighbourhood size (participants freed)."""

    best: tuple[int, ...]
    breaks: int
    size: float = _START


def anytime(
    problem: B2BProblem,
    max_breaks: int,
    solver_name: str,
    report: Callable[[SatEvent], None],
    *,
    seed: int = 1,
    budget: int = _BUDGET,
) -> None:
    """Report a first schedule, then every better one found by neighbourhood search; report a bound when optimal.

    Runs until the best schedule is proved optimal, no schedule exists, or it is stopped from outside.
    """
    form = formulate(problem, max_breaks)
    rng = random.Random(seed)  # noqa: S311 - a search heuristic, not a secret
    with Solver(name=solver_name, bootstrap_with=form.clauses) as solver:
        top = add_cards(solver, form)
        solver.set_phases([-v for v in form.break_ends] + [-lit for lit in form.break_literals()])
        if not solver.solve():
            report(SatEvent("infeasible", 0, (), solver_name))
            return
        first = model_slots(solver, form)
        step = _Step(first, total_breaks(problem, first))
        report(SatEvent("schedule", step.breaks, first, solver_name))
        if step.breaks > form.lower_bound:
            _mostly_without_breaks(problem, form, solver, step, _Context(rng, _FIRST_BUDGET, solver_name, report, {}))
        lits = form.break_literals()
        if step.breaks <= form.lower_bound or not lits:
            report(SatEvent("bound", step.breaks, (), solver_name))
            return
        total = ITotalizer(lits=lits, ubound=step.breaks, top_id=top)
        solver.append_formula(total.cnf.clauses)
        ctx = _Context(rng, budget, solver_name, report, _partners(problem))
        _search(problem, form, solver, total.rhs, step, ctx)


def _mostly_without_breaks(problem: B2BProblem, form: Formulation, solver: Solver, step: _Step, ctx: _Context) -> None:
    """Look for a schedule in which most participants have no break; report it if it beats the first one.

    Assume "no break" for every participant; a refutation's core names participants that cannot all
    go without (each loses the assumption); a timeout drops a random quarter of the assumptions.
    """
    wanted = [-per[0] for per in form.breaks if per]
    while True:
        solver.conf_budget(ctx.budget)
        answer = solver.solve_limited(assumptions=wanted)
        if answer:
            slots = model_slots(solver, form)
            if total_breaks(problem, slots) < step.breaks:
                step.best, step.breaks = slots, total_breaks(problem, slots)
                ctx.report(SatEvent("schedule", step.breaks, slots, ctx.name))
            return
        if answer is None:
            ctx.rng.shuffle(wanted)
            wanted = wanted[: len(wanted) * 3 // 4]
        else:
            core = set(solver.get_core() or ())
            wanted = [lit for lit in wanted if lit not in core]


@dataclass(frozen=True)
class _Context:
    rng: random.Random
    budget: int
    name: str
    report: Callable[[SatEvent], None]
    partners: dict[int, list[int]]


def _search(
    problem: B2BProblem, form: Formulation, solver: Solver, rhs: Sequence[int], step: _Step, ctx: _Context
) -> None:
    free: set[int] = set()
    again = False
    while step.breaks > 0:
        if not again:
            free = _neighbourhood(problem, step, ctx)
        fixed = [form.x[m, slot] for m, slot in enumerate(step.best, 1) if m not in free]
        solver.set_phases([v if step.best[m - 1] == t else -v for (m, t), v in form.x.items()])
        solver.conf_budget(ctx.budget)
        answer = solver.solve_limited(assumptions=[*fixed, -rhs[step.breaks - 1]])
        again = bool(answer)
        if answer:
            step.best = model_slots(solver, form)
            step.breaks = total_breaks(problem, step.best)
            ctx.report(SatEvent("schedule", step.breaks, step.best, ctx.name))
        elif answer is False:
            if not set(solver.get_core() or ()) & set(fixed):
                break  # refuted with nothing fixed: the best is optimal
            step.size = min(step.size * _GROW, problem.n_participants)
        else:
            step.size = max(step.size * _SHRINK, _MIN_FREE)
    ctx.report(SatEvent("bound", step.breaks, (), ctx.name))


def _neighbourhood(problem: B2BProblem, step: _Step, ctx: _Context) -> set[int]:
    """Return the meetings (1-based) to free: those of some participants, or those in a window of slots.

    Once the neighbourhood has grown to every participant, every meeting is free (a refutation is then a proof).
    """
    if step.size >= problem.n_participants:
        return set(range(1, len(problem.meetings) + 1))
    if ctx.rng.random() < 0.3:
        return _slot_window(problem, step, ctx.rng)
    return _participants_meetings(problem, step, ctx)


def _participants_meetings(problem: B2BProblem, step: _Step, ctx: _Context) -> set[int]:
    """Free the meetings of a participant with breaks and of its neighbours, breadth first, up to the size."""
    per = participant_breaks(problem, step.best)
    with_breaks = [p for p, b in enumerate(per, 1) if b > 0] or list(range(1, problem.n_participants + 1))
    chosen = {ctx.rng.choice(with_breaks)}
    frontier = list(chosen)
    while frontier and len(chosen) < int(step.size):
        p = frontier.pop(0)
        around = [q for q in ctx.partners[p] if q not in chosen]
        ctx.rng.shuffle(around)
        for q in around[: max(1, int(step.size) - len(chosen))]:
            chosen.add(q)
            frontier.append(q)
    return {m for m, meeting in enumerate(problem.meetings, 1) if meeting.p1 in chosen or meeting.p2 in chosen}


def _slot_window(problem: B2BProblem, step: _Step, rng: random.Random) -> set[int]:
    """Free the meetings held in a window of consecutive slots (wider as the neighbourhood grows)."""
    width = min(problem.n_slots, max(2, round(step.size / 2)))
    start = rng.randint(1, problem.n_slots - width + 1)
    return {m for m, slot in enumerate(step.best, 1) if start <= slot < start + width}


def _partners(problem: B2BProblem) -> dict[int, list[int]]:
    """Return each participant's meeting partners."""
    partners: dict[int, list[int]] = {p: [] for p in range(1, problem.n_participants + 1)}
    for meeting in problem.meetings:
        partners[meeting.p1].append(meeting.p2)
        partners[meeting.p2].append(meeting.p1)
    return partners
