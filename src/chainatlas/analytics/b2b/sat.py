"""Solve by SAT: raise the allowed total of breaks k = 0, 1, 2, … until a schedule exists.

Each refuted k is a proven lower bound, so the first schedule found is optimal. Cardinality
constraints are encoded with python-sat's encodings and the total with an incremental totalizer,
so one solver keeps what it learned from bound to bound (the bound is an assumption).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pysat.card import CardEnc, EncType, ITotalizer  # type: ignore[import-untyped]  # no type stubs
from pysat.solvers import Solver  # type: ignore[import-untyped]

from chainatlas.analytics.b2b.encoding import Formulation, formulate
from chainatlas.analytics.b2b.problem import B2BProblem, total_breaks

SOLVERS = ("cadical195", "glucose4")  # raced one per core (see docs/fair-b2b.md for the measurement)
UP, ANY_THEN_UP, DOWN = "up", "any-then-up", "down"
# up: raise the bound from 0 (lower bounds); any-then-up: first report any schedule, then up;
# down: find a schedule and tighten below it (upper bounds)
_SMALL = 6  # at most this many literals: pairwise at-most-one


@dataclass(frozen=True)
class SatEvent:
    """What a SAT run reports: a proven lower bound, a schedule (optimal), or infeasibility."""

    kind: str  # "bound" | "schedule" | "infeasible" | "error"
    breaks: int  # the proven lower bound, or the schedule's total (optimal once it meets a lower bound)
    slots: tuple[int, ...] = ()
    solver: str = ""
    message: str = ""


def add_cards(solver: Solver, form: Formulation) -> int:
    """Add every cardinality constraint as clauses; return the highest variable used."""
    top = form.n_vars
    for kind, constraints in (("atmost", form.at_most), ("equals", form.exactly)):
        for lits, bound in constraints:
            if bound >= len(lits):
                if kind == "equals" and bound > len(lits):  # cannot hold: a contradiction
                    top += 1
                    solver.append_formula([[top], [-top]])
                elif kind == "equals":
                    solver.append_formula([[lit] for lit in lits])
                continue
            encoding = EncType.pairwise if len(lits) <= _SMALL and bound == 1 else EncType.seqcounter
            if bound == 1 and len(lits) > _SMALL:
                encoding = EncType.ladder
            if len(lits) > 40:
                encoding = EncType.kmtotalizer if kind == "atmost" else EncType.totalizer
            cnf = getattr(CardEnc, kind)(lits=lits, bound=bound, top_id=top, encoding=encoding)
            solver.append_formula(cnf.clauses)
            top = max(top, cnf.nv)
    return top


def raise_bound(
    problem: B2BProblem,
    max_breaks: int,
    solver_name: str,
    report: Callable[[SatEvent], None],
    *,
    any_first: bool = False,
) -> None:
    """Try k = 0, 1, 2, … total breaks; report each refuted k and, at the end, the optimum or infeasibility.

    With `any_first`, first report any schedule (an upper bound to show while the proof goes on),
    found by a separate solver so that the search for the optimum starts unbiased by it.
    """
    form = formulate(problem, max_breaks)
    if any_first:
        _report_any(problem, form, solver_name, report)
    with Solver(name=solver_name, bootstrap_with=form.clauses) as solver:
        top = add_cards(solver, form)
        lits = form.break_literals()
        if not lits:
            _finish(solver, form, problem, [], 0, solver_name, report)
            return
        total = ITotalizer(lits=lits, ubound=min(len(lits), max(8, form.lower_bound + 1)), top_id=top)
        solver.append_formula(total.cnf.clauses)
        if form.lower_bound:
            report(SatEvent("bound", form.lower_bound, (), solver_name))
        for k in range(form.lower_bound, len(lits)):
            if k >= total.ubound:
                total.increase(ubound=min(len(lits), 2 * k), top_id=max(top, total.top_id))
                solver.append_formula(total.cnf.clauses[-total.nof_new :])
            if solver.solve(assumptions=[-total.rhs[k]]):
                report(SatEvent("schedule", k, model_slots(solver, form), solver_name))
                return
            if not solver.get_core():
                report(SatEvent("infeasible", 0, (), solver_name))
                return
            report(SatEvent("bound", k + 1, (), solver_name))
        _finish(solver, form, problem, [], len(lits), solver_name, report)


def _report_any(problem: B2BProblem, form: Formulation, name: str, report: Callable[[SatEvent], None]) -> None:
    with Solver(name=name, bootstrap_with=form.clauses) as solver:
        add_cards(solver, form)
        if solver.solve():
            first = model_slots(solver, form)
            report(SatEvent("schedule", total_breaks(problem, first), first, name))


def _finish(
    solver: Solver,
    form: Formulation,
    problem: B2BProblem,
    assumptions: list[int],
    k: int,
    name: str,
    report: Callable[[SatEvent], None],
) -> None:
    if solver.solve(assumptions=assumptions):
        report(SatEvent("schedule", k, model_slots(solver, form), name))
    else:
        report(SatEvent("infeasible", 0, (), name))


def model_slots(solver: Solver, form: Formulation) -> tuple[int, ...]:
    model = solver.get_model() or []
    return tuple(form.slots_of({lit for lit in model if lit > 0}))


def tighten(problem: B2BProblem, max_breaks: int, solver_name: str, report: Callable[[SatEvent], None]) -> None:
    """Find any schedule, then ask for one with fewer breaks until none exists; report each schedule and the proof."""
    form = formulate(problem, max_breaks)
    with Solver(name=solver_name, bootstrap_with=form.clauses) as solver:
        top = add_cards(solver, form)
        if not solver.solve():
            report(SatEvent("infeasible", 0, (), solver_name))
            return
        best = model_slots(solver, form)
        report(SatEvent("schedule", total_breaks(problem, best), best, solver_name))
        lits = form.break_literals()
        if total_breaks(problem, best) == 0 or not lits:
            report(SatEvent("bound", total_breaks(problem, best), (), solver_name))
            return
        total = ITotalizer(lits=lits, ubound=total_breaks(problem, best), top_id=top)
        solver.append_formula(total.cnf.clauses)
        while total_breaks(problem, best) > 0 and solver.solve(
            assumptions=[-total.rhs[total_breaks(problem, best) - 1]]
        ):
            best = model_slots(solver, form)
            report(SatEvent("schedule", total_breaks(problem, best), best, solver_name))
        report(SatEvent("bound", total_breaks(problem, best), (), solver_name))
