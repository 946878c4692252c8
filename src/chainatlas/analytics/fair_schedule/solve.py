"""Select and schedule: bounds and a constructive start, then CP-SAT.

1. the max-weight flow relaxation (the bound, and a choice of meetings with must-meets first);
2. starts: exhibitor blocks packed into table rows (blocks.py, then buyer-gap swaps and a greedy
   refill) and the score-ordered greedy; the better one (more must-meets, then value) is kept;
3. CP-SAT: one model of the whole fair when it is small, else large neighbourhoods (one day's
   meetings of a cluster of exhibitors sharing buyers) re-decided around the rest, each hinted
   with the current placement, until the time limit or a run of neighbourhoods without gain;
4. the bound for schedules with as many must-meets (Lagrangian on the flow, and CP-SAT's own
   bound when one model covered the whole fair).
"""

from __future__ import annotations

import random
import time
from collections import defaultdict, deque
from collections.abc import Callable

from ortools.sat.python import cp_model

from chainatlas.analytics.fair_schedule.blocks import close_buyer_gaps, idle_gap_count, place_in_blocks
from chainatlas.analytics.fair_schedule.bound import FlowBound, flow_bound, must_bound
from chainatlas.analytics.fair_schedule.greedy import place_compactly, priority_order
from chainatlas.analytics.fair_schedule.indexed import Indexed, index_problem
from chainatlas.analytics.fair_schedule.model import Scope, build_model, make_weights
from chainatlas.analytics.fair_schedule.problem import FairProblem
from chainatlas.analytics.fair_schedule.result import Schedule, Status, build_schedule, held_value

Progress = Callable[[float, str], None]
MONOLITHIC_PLACEMENTS = 60_000
"""Above this many (candidate, slot) pairs the fair is improved by neighbourhoods, not one model."""
NEIGHBOURHOOD_MEETINGS = 120
"""About this many held meetings are re-decided by one neighbourhood model."""
NEIGHBOURHOOD_SECONDS = 2.0
POOL_SHARE = 4
"""A neighbourhood also offers its exhibitors' best unheld candidates, one per this many held meetings."""
STALL = 12
"""Stop after this many neighbourhoods in a row without a meaningful gain."""
MEANINGFUL_GAIN = 1e-5
"""A neighbourhood gaining less than this share of the value counts towards the stall (still kept)."""
FLOAT_SLACK = 1e-7
RESERVE_SECONDS = 2.0
"""Kept back from the time limit to assemble the schedule."""


class Run:
    """One call's clock, settings and progress reporting."""

    def __init__(self, time_limit: float, workers: int, seed: int, progress: Progress | None) -> None:
        self.started = time.perf_counter()
        self.time_limit, self.workers, self.seed, self.progress = time_limit, workers, seed, progress

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
    """Choose which candidate meetings to hold, when and where, maximising the value, must-meets first.

    `decompose`: None decides by size (neighbourhoods above MONOLITHIC_PLACEMENTS (candidate, slot)
    pairs), True or False forces it. The constructive start runs whatever the time limit.
    """
    run = Run(time_limit, workers, seed, progress)
    ix = index_problem(problem)
    run.report(0.0, "upper bound (max-weight flow)")
    plain = flow_bound(ix)
    run.report(0.02, "constructive start")
    current = _start(ix, flow_bound(ix, musts_first=True))
    if decompose is None:
        decompose = sum(ix.mutual[c].bit_count() for c in range(len(ix.score))) > MONOLITHIC_PLACEMENTS
    run.report(0.04, "upper bound for as many must-meets")
    bound = must_bound(ix, sum(ix.must[c] for c in current), plain)
    run.time_limit -= RESERVE_SECONDS
    if decompose:
        current = _by_neighbourhood(ix, current, run)
    else:
        current, cp_bound = _whole(ix, current, run)
        bound = bound if cp_bound is None else min(bound, cp_bound)
    value = held_value(ix, current)
    status: Status = "optimal" if value >= bound - FLOAT_SLACK * max(1.0, abs(bound)) else "feasible"
    run.report(1.0, "done")
    method = "cp-sat neighbourhoods" if decompose else "cp-sat"
    seconds = time.perf_counter() - run.started
    return build_schedule(ix, current, upper_bound=bound, status=status, seconds=seconds, method=method)


def _start(ix: Indexed, choice: FlowBound) -> dict[int, int]:
    """Return the better of the block construction and the score-ordered greedy."""
    order = priority_order(ix, choice.chosen)
    blocks = place_in_blocks(ix, [c for c in order if c in choice.chosen])
    blocks = place_compactly(ix, order, start=close_buyer_gaps(ix, blocks))
    return better(ix, blocks, place_compactly(ix, order))


def better(ix: Indexed, new: dict[int, int], old: dict[int, int]) -> dict[int, int]:
    """Return the better of two placements: more must-meets, then the higher value."""

    return new if _key(ix, new) > _key(ix, old) else old


def _solve(
    ix: Indexed, scope: Scope, seconds: float, run: Run
) -> tuple[cp_model.CpSolver, cp_model.CpSolverStatus, dict[int, int]]:
    built = build_model(ix, scope)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(seconds, 0.05)
    solver.parameters.num_workers = run.workers
    solver.parameters.random_seed = run.seed
    code = solver.solve(built.model)
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return solver, code, built.held_slots(solver)
    return solver, code, dict(scope.hint)


def _whole(ix: Indexed, warm: dict[int, int], run: Run) -> tuple[dict[int, int], float | None]:
    """Solve one model of the whole fair; return the placement and CP-SAT's bound for as many must-meets.

    Must-meets never decrease from the start (CP-SAT's hint is feasible and W dominates), so the
    flow bound computed for the start's count stays valid (it covers a larger set of schedules).
    """
    scope = Scope(list(range(len(ix.score))), (1 << ix.slot_count) - 1, hint=warm)
    run.report(0.05, "CP-SAT on the whole fair")
    solver, code, held = _solve(ix, scope, run.left(), run)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return warm, None
    held = better(ix, held, warm)
    weights = make_weights(ix, scope)
    must_held = sum(ix.must[c] for c in held)
    bound = (solver.best_objective_bound - weights.must * must_held) / weights.scale
    return held, bound + FLOAT_SLACK * max(1.0, abs(bound))


def _by_neighbourhood(ix: Indexed, current: dict[int, int], run: Run) -> dict[int, int]:
    """Improve by large neighbourhoods: re-decide one day's meetings of a cluster of exhibitors.

    A round starts only when the time left covers its solve plus the slowest round's overhead so far
    (building the model, checking the result), so the time limit holds on a loaded machine.
    """
    rng = random.Random(run.seed)  # noqa: S311 - reproducible neighbourhoods, not secrets
    total, stall, rounds, overhead = run.left(), 0, 0, 1.0
    key = _key(ix, current)
    while run.left() > NEIGHBOURHOOD_SECONDS + overhead and stall < STALL:
        began = time.perf_counter()
        rounds += 1
        run.report(0.05 + 0.9 * (1 - run.left() / max(total, 1e-9)), f"CP-SAT neighbourhood {rounds}")
        scope = _neighbourhood(ix, current, rng.choice(list(ix.day_mask)), rng)
        solver, _, held = _solve(ix, scope, NEIGHBOURHOOD_SECONDS, run)
        candidate = {**scope.fixed, **held}
        candidate_key = _key(ix, candidate)
        worth_it = candidate_key[0] > key[0] or candidate_key[1] > key[1] + MEANINGFUL_GAIN * abs(key[1])
        stall = 0 if worth_it else stall + 1
        if candidate_key > key:
            current, key = candidate, candidate_key
        overhead = max(overhead, time.perf_counter() - began - solver.wall_time)
    return current


def _key(ix: Indexed, held: dict[int, int]) -> tuple[int, float]:
    return sum(ix.must[c] for c in held), held_value(ix, held)


def _neighbourhood(ix: Indexed, current: dict[int, int], day: int, rng: random.Random) -> Scope:
    mask = ix.day_mask[day]
    cluster = _exhibitor_cluster(ix, {c: t for c, t in current.items() if mask >> t & 1}, rng)
    free = {c: t for c, t in current.items() if mask >> t & 1 and ix.exhibitor[c] in cluster}
    fixed = {c: t for c, t in current.items() if c not in free}
    unheld = [c for e in cluster for c in ix.candidates_of[e] if c not in current and ix.mutual[c] & mask]
    pool = sorted(unheld, key=lambda c: (not ix.must[c], -ix.score[c]))[: len(free) // POOL_SHARE]
    return Scope(list(free) + pool, mask, fixed=fixed, hint=free, hard_musts=True)


def _exhibitor_cluster(ix: Indexed, inside: dict[int, int], rng: random.Random) -> set[int]:
    """Return exhibitors that share buyers on the day, grown breadth-first from random exhibitors
    whose agenda, or one of whose buyers' agenda, has an idle gap that day (any, when none has)."""
    buyers_of: dict[int, list[int]] = defaultdict(list)
    exhibitors_of: dict[int, list[int]] = defaultdict(list)
    busy: dict[int, int] = defaultdict(int)
    for c, t in inside.items():
        e, b = ix.participants_of(c)
        buyers_of[e].append(b)
        exhibitors_of[b].append(e)
        busy[e] |= 1 << t
        busy[b] |= 1 << t
    gappy = sorted(
        {e for e in buyers_of if idle_gap_count(ix, busy[e])}
        | {e for b in exhibitors_of if idle_gap_count(ix, busy[b]) for e in exhibitors_of[b]}
    )
    cluster: set[int] = set()
    queue: deque[int] = deque()
    budget = NEIGHBOURHOOD_MEETINGS
    while budget > 0 and len(cluster) < len(buyers_of):
        if not queue:
            seeds = [e for e in gappy if e not in cluster] or [e for e in buyers_of if e not in cluster]
            queue.append(rng.choice(seeds))
        e = queue.popleft()
        if e not in cluster:
            cluster.add(e)
            budget -= len(buyers_of[e])
            queue.extend(other for b in buyers_of[e] for other in exhibitors_of[b] if other not in cluster)
    return cluster
