"""Schedule every meeting with the fewest breaks: two SAT searches race, one process per core.

One raises the allowed total of breaks from the participants' own minima (`sat.raise_bound`): every
refuted bound is a proven lower bound and its first schedule is optimal. The other finds a schedule
in seconds and improves it continuously (`lns.anytime`). The race is decided when the best schedule
meets the best lower bound or a process proves infeasibility; at the time limit the answer is the
best schedule so far.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess

from chainatlas.analytics.b2b.lns import LNS, anytime
from chainatlas.analytics.b2b.problem import B2BProblem, Schedule, assign_tables, total_breaks
from chainatlas.analytics.b2b.sat import ANY_THEN_UP, DOWN, UP, SatEvent, raise_bound, tighten

_POLL_S = 0.1
# One process per core: Glucose raises the lower bound (it refutes bounds much faster than CaDiCaL
# here), CaDiCaL finds and improves schedules (it finds them much faster than Glucose); measured in
# docs/fair-b2b.md against the earlier race of CaDiCaL and Glucose both raising the bound.
RACE: tuple[tuple[str, str], ...] = (("glucose4", UP), ("cadical195", LNS))


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


def _worker(problem: B2BProblem, max_breaks: int, solver: str, strategy: str, events: Connection) -> None:
    # A pipe written synchronously: a solver holds the GIL while it searches, so a queue's feeder
    # thread would hold the events back until the search ends.
    try:
        if strategy == LNS:
            anytime(problem, max_breaks, solver, events.send)
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
) -> B2BResult:
    """Return a schedule of every meeting with the fewest total breaks and at most `max_breaks` per participant.

    `solvers` lists (python-sat solver name, `sat.UP`, `sat.ANY_THEN_UP`, `sat.DOWN` or `lns.LNS`), one
    process each. At the time limit the result is the best schedule any process found.
    """
    started = time.monotonic()
    context = multiprocessing.get_context("spawn")
    workers: list[BaseProcess] = []

    def spawn(solver: str, strategy: str) -> Connection:
        reader, writer = context.Pipe(duplex=False)
        workers.append(
            context.Process(target=_worker, args=(problem, max_breaks, solver, strategy, writer), daemon=True)
        )
        workers[-1].start()
        writer.close()
        return reader

    readers = [spawn(name, strategy) for name, strategy in solvers]
    try:
        race = _collect(readers, started + time_limit, on_event)
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


def _collect(readers: list[Connection], deadline: float, on_event: Callable[[SatEvent], None] | None) -> _Race:
    """Read events until the race is decided, the deadline, or every worker ended."""
    race, errors, open_readers = _Race(), [], list(readers)
    while open_readers and time.monotonic() < deadline:
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
    if errors and len(errors) >= len(readers) and race.best is None:
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
