"""`chainatlas fair schedule-b2b FILE.dzn`: the published B2B benchmark mode (schedule all, minimise breaks).

Not `chainatlas fair schedule`, which selects and schedules a registered fair's meetings at fair scale.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from chainatlas.cli.output import EXIT_FAILURE, EXIT_INVALID, EXIT_OK, err, fail, out, print_json
from chainatlas.services.fair_b2b import (
    B2BFileError,
    B2BProblem,
    B2BRun,
    SatEvent,
    read_b2b_instance,
    solve_b2b_instance,
)


def schedule_b2b(
    file: Annotated[Path, typer.Argument(help="A B2B instance in MiniZinc data format (.dzn, Bofill et al. 2022).")],
    time_limit: Annotated[
        float, typer.Option("--time-limit", min=0.1, help="Seconds before giving up on a proof.")
    ] = 120.0,
    max_breaks: Annotated[
        int, typer.Option("--max-breaks", min=0, help="At most this many breaks per participant.")
    ] = 2,
    json_out: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")] = False,
) -> None:
    """Schedule every requested meeting of a B2B benchmark file with the fewest breaks (not a registered fair's
    selection: that is `chainatlas fair schedule`); exit 0 with a schedule, 1 without one."""
    problem = _read(file)
    if json_out:
        run = solve_b2b_instance(problem, time_limit=time_limit, max_breaks=max_breaks)
        print_json(run.report.model_dump(mode="json"))
    else:
        run = _solve_with_status(problem, file.name, time_limit, max_breaks)
        _print(problem, run, max_breaks)
    raise typer.Exit(EXIT_OK if run.scheduled else EXIT_FAILURE)


def _read(file: Path) -> B2BProblem:
    try:
        return read_b2b_instance(file)
    except B2BFileError as error:
        fail(str(error), EXIT_INVALID)
    except OSError as error:
        fail(f"cannot read {file}: {error.strerror or error}", EXIT_INVALID)


def _solve_with_status(problem: B2BProblem, name: str, time_limit: float, max_breaks: int) -> B2BRun:
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task(f"{name}: {len(problem.meetings)} meetings, trying 0 breaks", total=None)

        proved, best = [0], [""]

        def show(event: SatEvent) -> None:
            if event.kind == "bound":
                proved[0] = max(proved[0], event.breaks)
            elif event.kind == "schedule":
                best[0] = f"; best schedule so far {event.breaks} breaks"
            progress.update(task, description=f"{name}: no schedule with fewer than {proved[0]} breaks{best[0]}")

        return solve_b2b_instance(problem, time_limit=time_limit, max_breaks=max_breaks, on_event=show)


def _print(problem: B2BProblem, run: B2BRun, max_breaks: int) -> None:
    report = run.report
    if not run.scheduled:
        why = "no schedule exists" if report.status == "infeasible" else "no schedule found within the time limit"
        err.print(
            f"{report.status}: {why} with at most {max_breaks} breaks per participant "
            f"(proven lower bound {run.lower_bound} breaks in total, {run.seconds:.1f} s)"
        )
        return
    table = Table("meeting", "p1", "p2", "slot", "table", title=f"{len(problem.meetings)} meetings")
    for row in report.meetings:
        table.add_row(*(str(value) for value in (row.meeting, row.p1, row.p2, row.slot, row.table)))
    out.print(table)
    proof = "proved optimal" if report.optimal else f"not proved optimal (lower bound {run.lower_bound})"
    out.print(f"{report.status}: {report.breaks} breaks in total, {proof}, {run.seconds:.1f} s ({run.solver})")
