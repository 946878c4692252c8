"""Solve the same formulation with OR-Tools CP-SAT (minimise the total of breaks directly).

Kept as the measured alternative to the SAT race (docs/fair-b2b.md) and, without the implied
constraints, as the naive baseline of the benchmark.
"""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from chainatlas.analytics.b2b.encoding import Formulation, formulate
from chainatlas.analytics.b2b.problem import B2BProblem


@dataclass(frozen=True)
class CpSatOutcome:
    """CP-SAT's answer: the best schedule's total and slots (empty without one), and the proven bound."""

    status: str  # "optimal" | "feasible" | "infeasible" | "unknown"
    breaks: int | None
    lower_bound: int
    slots: tuple[int, ...]


def _model(form: Formulation) -> tuple[cp_model.CpModel, list[cp_model.IntVar]]:
    model = cp_model.CpModel()
    var = [model.new_constant(0)] + [model.new_bool_var(f"v{i}") for i in range(1, form.n_vars + 1)]

    def lit(x: int) -> cp_model.LiteralT:
        return var[x] if x > 0 else var[-x].negated()

    for clause in form.clauses:
        model.add_bool_or([lit(x) for x in clause])
    for lits, bound in form.at_most:
        if bound == 1:
            model.add_at_most_one([lit(x) for x in lits])
        else:
            model.add(sum(lit(x) for x in lits) <= bound)
    for lits, bound in form.exactly:
        if bound == 1:
            model.add_exactly_one([lit(x) for x in lits])
        else:
            model.add(sum(lit(x) for x in lits) == bound)
    model.minimize(sum(lit(x) for x in form.break_literals()))
    return model, var


def solve_cpsat(
    problem: B2BProblem, max_breaks: int, *, time_limit: float, workers: int = 2, implied: bool = True
) -> CpSatOutcome:
    """Minimise the total of breaks with CP-SAT (`implied=False`: the naive model without implied constraints)."""
    form = formulate(problem, max_breaks, implied=implied)
    model, var = _model(form)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    status = solver.solve(model)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        true_vars = {i for i in range(1, form.n_vars + 1) if solver.boolean_value(var[i])}
        return CpSatOutcome(
            "optimal" if status == cp_model.OPTIMAL else "feasible",
            round(solver.objective_value),
            round(solver.best_objective_bound),
            tuple(form.slots_of(true_vars)),
        )
    name = "infeasible" if status == cp_model.INFEASIBLE else "unknown"
    return CpSatOutcome(name, None, 0, ())
