"""The published B2B benchmark's mode (Bofill et al., JAIR 2022): schedule every requested meeting of a `.dzn`
instance with the fewest breaks (`analytics.b2b`).

Not the fair's own scheduling: a registered fair's meetings are selected and scheduled at fair scale by
`services.fair_schedule`. This mode reads a file and writes nothing, so it needs no session and no user.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from chainatlas.analytics.b2b.problem import B2BProblem
from chainatlas.analytics.b2b.sat import SatEvent
from chainatlas.analytics.b2b.solve import B2BResult, solve_b2b
from chainatlas.domain.fair_results import B2BMeeting, B2BScheduleReport
from chainatlas.interchange.dzn import DznError, read_dzn

__all__ = ["B2BFileError", "B2BProblem", "B2BRun", "SatEvent", "read_b2b_instance", "solve_b2b_instance"]

B2BFileError = DznError
"""A `.dzn` file that is not a B2B instance; its text names the line and the field."""


@dataclass(frozen=True)
class B2BRun:
    """A solved B2B instance: the report, whether a schedule was found, the proven lower bound on breaks, the time
    and the solver that won."""

    report: B2BScheduleReport
    scheduled: bool
    lower_bound: int
    seconds: float
    solver: str


def read_b2b_instance(path: Path) -> B2BProblem:
    """Return the B2B instance of a `.dzn` file; raise B2BFileError (what is wrong, where) or OSError."""
    return read_dzn(path)


def solve_b2b_instance(
    problem: B2BProblem,
    *,
    time_limit: float,
    max_breaks: int,
    on_event: Callable[[SatEvent], None] | None = None,
) -> B2BRun:
    """Schedule every meeting of an instance with the fewest breaks (at most `max_breaks` per participant)."""
    result = solve_b2b(problem, time_limit=time_limit, max_breaks=max_breaks, on_event=on_event)
    found = result.schedule is not None
    return B2BRun(b2b_report(problem, result), found, result.lower_bound, result.seconds, result.solver)


def b2b_report(problem: B2BProblem, result: B2BResult) -> B2BScheduleReport:
    """Return a run's report: status, breaks, optimal and every meeting's slot and table (1-based)."""
    meetings = []
    if result.schedule is not None:
        rows = zip(problem.meetings, result.schedule.slots, result.schedule.tables, strict=True)
        meetings = [
            B2BMeeting(meeting=i, p1=m.p1, p2=m.p2, slot=slot, table=table)
            for i, (m, slot, table) in enumerate(rows, 1)
        ]
    return B2BScheduleReport(status=result.status, breaks=result.breaks, optimal=result.optimal, meetings=meetings)
