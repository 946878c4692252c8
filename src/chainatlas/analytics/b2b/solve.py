"""Schedule every meeting with the fewest breaks: SAT solvers race, one process per solver.

Each process raises the allowed total of breaks from 0 (`sat.raise_bound`); the first schedule
any of them finds is optimal, and every refuted bound is a proven lower bound. The processes are
stopped at the time limit, when one finds a schedule, or when one proves the problem infeasible.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess

from chainatlas.analytics.b2b.problem import B2BProblem, Schedule, assign_tables, total_breaks
from chainatlas.analytics.b2b.sat import ANY_THEN_UP, DOWN, UP, SatEvent, improve, raise_bound, tighten

_POLL_S = 0.1
# One process per core, both raising the bound from 0 (the first schedule is then optimal); Glucose
# first reports any schedule, so a time limit rarely leaves the organiser without one. Measured in
# docs/fair-b2b.md (tightening below a schedule instead, `sat.DOWN`, proved optima more slowly).
RACE: tuple[tuple[str, str], ...] = (("cadical195", UP), ("glucose4", ANY_THEN_UP))
# For the last IMPROVE_SHARE of the time limit, if the race is undecided, a third process improves
# the best schedule so far (`sat.improve`, CaDiCaL with that schedule as its phases), so that a
# time limit leaves a good schedule rather than the first one found (measured in docs/fair-b2b.md).
IMPROVE_SHARE = 0.2
IMPROVER = "cadical195"
IMPROVE = "improve"  # the strategy name of the improving process (started by the race, not listed in RACE)


@dataclass(frozen=True)
class B2BResult:
    """The outcome: a status, the best schedule (None without one) and the proven lower bound."""

    status: str  # "optimal" | "feasible" | "infeasible" | "unknown"
    breaks: int | None
    lower_bound: int
    schedule: Schedule | None
    seconds: float
    solver: str = ""

    @property
    def optimal(self) -> bool:
        """Whether the schedule is proven to have the fewest breaks."""
        return self.status == "optimal"


def _worker(
    problem: B2BProblem, max_breaks: int, solver: str, strategy: str, events: Connection, start: tuple[int, ...] = ()
) -> None:
    # A pipe written synchronously: a solver holds the GIL while it searches, so a queue's feeder
    # thread would hold the events back until the search ends.
    try:
        if strategy == IMPROVE:
            improve(problem, max_breaks, solver, start, events.send)
        elif strategy == DOWN:
            tighten(problem, max_breaks, solver, events.send)
        else:
            raise_bound(problem, max_breaks, solver, events.send, any_first=strategy == ANY_THEN_UP)
    except Exception as error:  # reported to the parent, which decides
        events.send(SatEvent("error", 0, (), solver, f"{error.__class__.__name__}: {error}"))
    finally:
        events.close()


def solve_b2b(
    problem: B2BProblem,
    *,
    time_limit: float,
    max_breaks: int = 2,
    solvers: Sequence[tuple[str, str]] = RACE,
    on_event: Callable[[SatEvent], None] | None = None,
    improve_share: float = IMPROVE_SHARE,
) -> B2BResult:
    """Return a schedule of every meeting with the fewest total breaks and at most `max_breaks` per participant.

    `solvers` lists (python-sat solver name, `sat.UP`, `sat.ANY_THEN_UP` or `sat.DOWN`), one process each;
    for the last `improve_share` of `time_limit` (0: never) a further process improves the best schedule.
    """
    started = time.monotonic()
    context = multiprocessing.get_context("spawn")
    workers: list[BaseProcess] = []

    def spawn(solver: str, strategy: str, start: tuple[int, ...] = ()) -> Connection:
        reader, writer = context.Pipe(duplex=False)
        args = (problem, max_breaks, solver, strategy, writer, start)
        workers.append(context.Process(target=_worker, args=args, daemon=True))
        workers[-1].start()
        writer.close()
        return reader

    def improver(best: SatEvent) -> Connection:
        return spawn(IMPROVER, IMPROVE, best.slots)

    readers = [spawn(name, strategy) for name, strategy in solvers]
    improve_at = started + time_limit * (1 - improve_share) if improve_share > 0 else None
    try:
        race = _collect(readers, started + time_limit, on_event, (improve_at, improver))
    finally:
        _stop(workers)
    return _result(problem, race, time.monotonic() - started)


@dataclass
class _Race:
    """What the workers proved so far."""

    lower: int = 0
    best: SatEvent | None = None
    infeasible: bool = False

    def take(self, event: SatEvent) -> bool:
        """Record an event; return whether the race is decided."""
        if event.kind == "infeasible":
            self.infeasible = True
        elif event.kind == "bound":
            self.lower = max(self.lower, event.breaks)
        elif event.kind == "schedule" and (self.best is None or event.breaks < self.best.breaks):
            self.best = event
        return self.infeasible or (self.best is not None and self.best.breaks <= self.lower)


_Improver = tuple[float | None, Callable[[SatEvent], Connection]]


def _collect(
    readers: list[Connection],
    deadline: float,
    on_event: Callable[[SatEvent], None] | None,
    improver: _Improver | None = None,
) -> _Race:
    """Read events until the race is decided, the deadline, or every worker ended.

    `improver` is (when, start): from that time on, once there is a schedule, `start(best)` is
    called once and its pipe is read like the others.
    """
    race, errors, open_readers = _Race(), [], list(readers)
    improve_at, start_improver = improver if improver is not None else (None, None)
    while open_readers and time.monotonic() < deadline:
        if (
            improve_at is not None
            and start_improver is not None
            and race.best is not None
            and time.monotonic() >= improve_at
        ):
            open_readers.append(start_improver(race.best))
            improve_at = None
        for reader in wait(open_readers, timeout=min(_POLL_S, max(0.0, deadline - time.monotonic()))):
            assert isinstance(reader, Connection)  # noqa: S101 - wait() returns the objects it was given
            try:
                event: SatEvent = reader.recv()
            except EOFError:
                open_readers.remove(reader)
                continue
            if on_event is not None:
                on_event(event)
            if event.kind == "error":
                errors.append(event.message)
            elif race.take(event):
                return race
    if errors and len(errors) >= len(readers) and race.best is None:  # the improver may fail too
        raise RuntimeError("every SAT solver failed: " + "; ".join(errors))
    return race


def _stop(workers: Sequence[BaseProcess]) -> None:
    for worker in workers:
        if worker.is_alive():
            worker.terminate()
    for worker in workers:
        worker.join(timeout=5)


def _result(problem: B2BProblem, race: _Race, seconds: float) -> B2BResult:
    best, lower = race.best, race.lower
    if race.infeasible:
        return B2BResult("infeasible", None, lower, None, seconds)
    if best is None:
        return B2BResult("unknown", None, lower, None, seconds)
    breaks = total_breaks(problem, best.slots)
    if breaks != best.breaks:
        raise RuntimeError(f"{best.solver} reported {best.breaks} breaks but the schedule has {breaks}")
    schedule = Schedule(slots=best.slots, tables=assign_tables(best.slots))
    return B2BResult("optimal" if breaks <= lower else "feasible", breaks, lower, schedule, seconds, best.solver)
