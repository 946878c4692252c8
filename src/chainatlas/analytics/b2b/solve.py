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
from chainatlas.analytics.b2b.sat import SOLVERS, SatEvent, raise_bound

_POLL_S = 0.1


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


def _worker(problem: B2BProblem, max_breaks: int, solver: str, events: Connection) -> None:
    # A pipe written synchronously: a solver holds the GIL while it searches, so a queue's feeder
    # thread would hold the events back until the search ends.
    try:
        raise_bound(problem, max_breaks, solver, events.send)
    except Exception as error:  # reported to the parent, which decides
        events.send(SatEvent("error", 0, (), solver, f"{error.__class__.__name__}: {error}"))
    finally:
        events.close()


def solve_b2b(
    problem: B2BProblem,
    *,
    time_limit: float,
    max_breaks: int = 2,
    solvers: Sequence[str] = SOLVERS,
    on_event: Callable[[SatEvent], None] | None = None,
) -> B2BResult:
    """Return a schedule of every meeting with the fewest total breaks and at most `max_breaks` per participant."""
    started = time.monotonic()
    context = multiprocessing.get_context("spawn")
    readers, workers = [], []
    for name in solvers:
        reader, writer = context.Pipe(duplex=False)
        workers.append(context.Process(target=_worker, args=(problem, max_breaks, name, writer), daemon=True))
        workers[-1].start()
        writer.close()
        readers.append(reader)
    try:
        final, lower = _collect(readers, started + time_limit, on_event)
    finally:
        _stop(workers)
    return _result(problem, final, lower, time.monotonic() - started)


def _collect(readers: list[Connection], deadline: float,
             on_event: Callable[[SatEvent], None] | None) -> tuple[SatEvent | None, int]:  # fmt: skip
    """Read events until a final one, the deadline, or every worker ended; return it and the best lower bound."""
    lower, errors, open_readers = 0, [], list(readers)
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
            if event.kind == "bound":
                lower = max(lower, event.breaks)
            elif event.kind == "error":
                errors.append(event.message)
            else:
                return event, lower
    if errors and len(errors) == len(readers):
        raise RuntimeError("every SAT solver failed: " + "; ".join(errors))
    return None, lower


def _stop(workers: Sequence[BaseProcess]) -> None:
    for worker in workers:
        if worker.is_alive():
            worker.terminate()
    for worker in workers:
        worker.join(timeout=5)


def _result(problem: B2BProblem, final: SatEvent | None, lower: int, seconds: float) -> B2BResult:
    if final is None:
        return B2BResult("unknown", None, lower, None, seconds)
    if final.kind == "infeasible":
        return B2BResult("infeasible", None, lower, None, seconds, final.solver)
    breaks = total_breaks(problem, final.slots)
    if breaks != final.breaks:
        raise RuntimeError(f"{final.solver} reported {final.breaks} breaks but the schedule has {breaks}")
    schedule = Schedule(slots=final.slots, tables=assign_tables(final.slots))
    return B2BResult("optimal", breaks, breaks, schedule, seconds, final.solver)
