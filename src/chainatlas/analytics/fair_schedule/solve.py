"""Select and schedule with CP-SAT: a greedy warm start, then one model for small fairs, or day by
day (each day's model re-decides that day around the other days' meetings) for large ones."""

from __future__ import annotations

import random
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from chainatlas.analytics.fair_schedule.bound import FlowBound, flow_bound
from chainatlas.analytics.fair_schedule.greedy import busiest_first_order, place_compactly, priority_order
from chainatlas.analytics.fair_schedule.indexed import Indexed, bits, index_problem
from chainatlas.analytics.fair_schedule.model import Scope, build_model
from chainatlas.analytics.fair_schedule.problem import FairProblem
from chainatlas.analytics.fair_schedule.result import Schedule, Status, build_schedule, schedule_value

Progress = Callable[[float, str], None]
MONOLITHIC_PLACEMENTS = 60_000
"""Above this many (candidate, slot) pairs the fair is solved day by day."""
NEIGHBOURHOOD_MEETINGS = 200
"""About this many held meetings are re-decided by one neighbourhood model."""
NEIGHBOURHOOD_SECONDS = 2.0
FLOAT_SLACK = 1e-9


@dataclass
class Run:
    """One call's clock, settings and progress reporting."""

    started: float
    time_limit: float
    workers: int
    seed: int
    progress: Progress | None

    def left(self) -> float:
        """Return the seconds left."""
        return max(0.0, self.time_limit - (time.perf_counter() - self.started))

    def report(self, fraction: float, message: str) -> None:
        """Tell the caller how far along it is."""
        if self.progress is not None:
            self.progress(min(1.0, max(0.0, fraction)), message)


def schedule(
    problem: FairProblem,
    time_limit: float = 120.0,
    workers: int = 2,
    progress: Progress | None = None,
    seed: int = 0,
    *,
    decompose: bool | None = None,
) -> Schedule:
    """Choose which candidate meetings to hold and when, maximising the value (must-meets first).

    `decompose`: None chooses by size (day by day above MONOLITHIC_PLACEMENTS), True or False forces it.
    """
    run = Run(time.perf_counter(), time_limit, workers, seed, progress)
    ix = index_problem(problem)
    run.report(0.0, "upper bound (max-weight flow)")
    bound = flow_bound(ix)
    run.report(0.02, "greedy warm start")
    warm = _warm_start(ix, bound)
    placements = sum(ix.mutual[c].bit_count() for c in range(len(ix.score)))
    if decompose is None:
        decompose = placements > MONOLITHIC_PLACEMENTS
    if decompose:
        held, status, value_bound = _by_neighbourhood(ix, bound, warm, run), "feasible", bound.value
    else:
        held, status, value_bound = _whole(ix, bound, warm, run)
    run.report(1.0, "done")
    seconds = time.perf_counter() - run.started
    method = "cp-sat neighbourhoods" if decompose else "cp-sat"
    return build_schedule(ix, held, upper_bound=value_bound, status=status, seconds=seconds, method=method)


def _warm_start(ix: Indexed, bound: FlowBound) -> dict[int, int]:
    """Return the better of two greedy placements (guided by the flow's choice of meetings)."""
    by_score = place_compactly(ix, priority_order(ix, bound.chosen))
    busiest_first = place_compactly(ix, busiest_first_order(ix, bound.chosen))
    return _better(ix, busiest_first, by_score)


def _solve(ix: Indexed, scope: Scope, seconds: float, run: Run) -> tuple[cp_model.CpSolver, int, dict[int, int]]:
    built = build_model(ix, scope)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(seconds, 0.05)
    solver.parameters.num_workers = run.workers
    solver.parameters.random_seed = run.seed
    code = solver.solve(built.model)
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return solver, code, built.held_slots(solver)
    return solver, code, dict(scope.hint)


def _whole(ix: Indexed, bound: FlowBound, warm: dict[int, int], run: Run) -> tuple[dict[int, int], Status, float]:
    scope = Scope(list(range(len(ix.score))), (1 << ix.slot_count) - 1, hint=warm)
    run.report(0.05, "CP-SAT on the whole fair")
    solver, code, held = _solve(ix, scope, run.left(), run)
    held = _better(ix, held, warm)
    must_held = sum(ix.must[c] for c in held)
    value_bound = bound.value
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        weights = build_model(ix, Scope([], 0)).weights if not scope.candidates else None
        del weights
        value_bound = min(value_bound, _value_bound(ix, scope, solver.best_objective_bound, must_held))
    optimal = code == cp_model.OPTIMAL and schedule_value(ix.problem, _meetings(ix, held)) >= value_bound - 1e-6
    return held, "optimal" if optimal else "feasible", value_bound


def _value_bound(ix: Indexed, scope: Scope, best_bound: float, must_held: int) -> float:
    """Bound the value of schedules holding ≥ must_held must-meets, from CP-SAT's objective bound."""
    from chainatlas.analytics.fair_schedule.model import make_weights

    weights = make_weights(ix, scope)
    return (best_bound - weights.must * must_held) / weights.scale + FLOAT_SLACK


def _by_neighbourhood(ix: Indexed, bound: FlowBound, current: dict[int, int], run: Run) -> dict[int, int]:
    """Improve by large neighbourhoods: re-decide one day's meetings of a cluster of exhibitors."""
    rng = random.Random(run.seed)
    total = run.left()
    rounds = 0
    while run.left() > NEIGHBOURHOOD_SECONDS / 2:
        run.report(0.05 + 0.95 * (1 - run.left() / total), f"CP-SAT neighbourhood {rounds + 1}")
        day = rng.choice(list(ix.day_mask))
        scope = _neighbourhood(ix, bound, current, day, rng)
        _, _, held = _solve(ix, scope, min(NEIGHBOURHOOD_SECONDS, run.left()), run)
        current = _better(ix, {**scope.fixed, **held}, current)
        rounds += 1
    return current


def _neighbourhood(ix: Indexed, bound: FlowBound, current: dict[int, int], day: int, rng: random.Random) -> Scope:
    mask = ix.day_mask[day]
    inside = [c for c, t in current.items() if mask >> t & 1]
    cluster = _exhibitor_cluster(ix, inside, rng)
    free = {c: current[c] for c in inside if ix.exhibitor[c] in cluster}
    fixed = {c: t for c, t in current.items() if c not in free}
    counts = [0] * len(ix.staff)
    for c in current:
        for p in ix.participants_of(c):
            counts[p] += 1
    short = {p for p, n in enumerate(counts) if n < ix.min_meetings[p]}
    pool = [
        c
        for e in cluster
        for c in ix.candidates_of[e]
        if c not in current
        and ix.mutual[c] & mask
        and (ix.must[c] or c in bound.chosen or short.intersection(ix.participants_of(c)))
    ]
    return Scope(list(free) + pool, mask, fixed=fixed, hint=free, hard_musts=True)


def _exhibitor_cluster(ix: Indexed, inside: list[int], rng: random.Random) -> set[int]:
    """Return exhibitors that share buyers on the day, grown breadth-first from a random one."""
    by_exhibitor: dict[int, list[int]] = defaultdict(list)
    by_buyer: dict[int, list[int]] = defaultdict(list)
    for c in inside:
        by_exhibitor[ix.exhibitor[c]].append(ix.buyer[c])
        by_buyer[ix.buyer[c]].append(ix.exhibitor[c])
    cluster: set[int] = set()
    queue: deque[int] = deque()
    budget = NEIGHBOURHOOD_MEETINGS
    while budget > 0 and len(cluster) < len(by_exhibitor):
        if not queue:
            queue.append(rng.choice([e for e in by_exhibitor if e not in cluster]))
        e = queue.popleft()
        if e in cluster:
            continue
        cluster.add(e)
        budget -= len(by_exhibitor[e])
        queue.extend(other for b in by_exhibitor[e] for other in by_buyer[b] if other not in cluster)
    return cluster


def _meetings(ix: Indexed, held: dict[int, int]) -> tuple:  # type: ignore[type-arg]
    return build_schedule(ix, held, upper_bound=0.0, status="feasible", seconds=0.0, method="").meetings


def _better(ix: Indexed, new: dict[int, int], old: dict[int, int]) -> dict[int, int]:
    """Return the better of two placements: more must-meets, then the higher value."""
    def key(held: dict[int, int]) -> tuple[int, float]:
        return sum(ix.must[c] for c in held), schedule_value(ix.problem, _meetings(ix, held))

    return new if key(new) >= key(old) else old


__all__ = ["schedule", "bits"]
