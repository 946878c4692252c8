"""`chainatlas fair schedule-b2b FILE.dzn`: the published B2B benchmark mode (schedule all, minimise breaks)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from chainatlas.analytics.b2b.problem import B2BProblem
from chainatlas.analytics.b2b.sat import SatEvent
from chainatlas.analytics.b2b.solve import B2BResult, solve_b2b
from chainatlas.cli.output import EXIT_FAILURE, EXIT_INVALID, EXIT_OK, err, fail, out, print_json
from chainatlas.interchange.dzn import DznError, read_dzn


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
    """Schedule every requested meeting with the fewest breaks; exit 0 with a schedule, 1 without one."""
    problem = _read(file)
    if json_out:
        result = solve_b2b(problem, time_limit=time_limit, max_breaks=max_breaks)
        print_json(result_json(problem, result))
    else:
        result = _solve_with_status(problem, file.name, time_limit, max_breaks)
        _print(problem, result, max_breaks)
    raise typer.Exit(EXIT_OK if result.schedule is not None else EXIT_FAILURE)


def _read(file: Path) -> B2BProblem:
    try:
        return read_dzn(file)
    except DznError as error:
        fail(str(error), EXIT_INVALID)
    except OSError as error:
        fail(f"cannot read {file}: {error.strerror or error}", EXIT_INVALID)


def result_json(problem: B2BProblem, result: B2BResult) -> dict[str, Any]:
    """Return the command's JSON: status, breaks, optimal and every meeting's slot and table (1-based)."""
    meetings = []
    if result.schedule is not None:
        for i, (m, slot, table) in enumerate(
            zip(problem.meetings, result.schedule.slots, result.schedule.tables, strict=True), 1
        ):
            meetings.append({"meeting": i, "p1": m.p1, "p2": m.p2, "slot": slot, "table": table})
    return {"status": result.status, "breaks": result.breaks, "optimal": result.optimal, "meetings": meetings}


def _solve_with_status(problem: B2BProblem, name: str, time_limit: float, max_breaks: int) -> B2BResult:
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

        return solve_b2b(problem, time_limit=time_limit, max_breaks=max_breaks, on_event=show)


def _print(problem: B2BProblem, result: B2BResult, max_breaks: int) -> None:
    if result.schedule is None:
        why = "no schedule exists" if result.status == "infeasible" else "no schedule found within the time limit"
        err.print(
            f"{result.status}: {why} with at most {max_breaks} breaks per participant "
            f"(proven lower bound {result.lower_bound} breaks in total, {result.seconds:.1f} s)"
        )
        return
    table = Table("meeting", "p1", "p2", "slot", "table", title=f"{len(problem.meetings)} meetings")
    for row in result_json(problem, result)["meetings"]:
        table.add_row(*(str(row[key]) for key in ("meeting", "p1", "p2", "slot", "table")))
    out.print(table)
    proof = "proved optimal" if result.optimal else f"not proved optimal (lower bound {result.lower_bound})"
    out.print(f"{result.status}: {result.breaks} breaks in total, {proof}, {result.seconds:.1f} s ({result.solver})")
