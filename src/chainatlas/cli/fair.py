"""`chainatlas fair …`: import a registration, recommend counterparts, schedule meetings, write agendas.

`fair schedule` is select-and-schedule at fair scale (which candidate meetings to hold, `services.fair_schedule`);
`fair schedule-b2b` is the published B2B benchmark's schedule-all-minimise-breaks mode (`cli.fair_b2b`).
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress, TaskID
from rich.table import Table

from chainatlas.cli.cluster_option import ClusterOption
from chainatlas.cli.fair_b2b import schedule_b2b
from chainatlas.cli.output import (
    EXIT_FAILURE,
    CliState,
    fail_error,
    out,
    print_json,
    progress,
    state,
)
from chainatlas.cli.registry import JsonFlag, import_files
from chainatlas.domain.fair_results import FairScheduleReport
from chainatlas.services.errors import InvalidInput, NotFound
from chainatlas.services.fair import recommendation_report
from chainatlas.services.fair_reports import AGENDA_FORMATS, agenda_file, participant_agenda
from chainatlas.services.fair_schedule import schedule_fair

app = typer.Typer(
    help="The fair (CICEE): registration, matchmaking, meeting schedules and agendas. `schedule` selects and "
    "schedules a registered fair's meetings; `schedule-b2b` solves a published B2B benchmark file "
    "(schedule every meeting, fewest breaks).",
    no_args_is_help=True,
)
FairArgument = Annotated[str, typer.Argument(help="Fair id (展会编号).")]

app.command("schedule-b2b")(schedule_b2b)  # the published B2B benchmark mode (chainatlas.cli.fair_b2b)


@app.command("import")
def import_registration(
    ctx: typer.Context,
    paths: Annotated[
        list[Path], typer.Argument(help="Files or folders: fairs, fair_participants, fair_preferences, …")
    ],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check everything and report; write nothing.")] = False,
    json_out: JsonFlag = False,
) -> None:
    """Import a fair registration (the same all-or-nothing import as `chainatlas import`)."""
    import_files(ctx, paths, kind=None, dry_run=dry_run, json_out=json_out)


@app.command("recommend")
def recommend(
    ctx: typer.Context,
    fair_id: FairArgument,
    participant: Annotated[str, typer.Argument(help="Participant id (参会编号).")],
    k: Annotated[int, typer.Option("--top", "-k", min=1, help="How many counterparts.")] = 10,
    cluster: ClusterOption = None,
    json_out: JsonFlag = False,
) -> None:
    """Print a participant's best counterparts with their score and reasons (the gap bonus: the cluster's gaps)."""
    cli = state(ctx)
    try:
        with cli.unit_of_work() as uow:
            found = recommendation_report(
                uow.session, cli.user(), fair_id=fair_id, participant_id=participant, k=k, cluster=cluster
            )
    except NotFound as error:
        fail_error(error, EXIT_FAILURE)
    if json_out:
        print_json(found.model_dump(mode="json"))
        return
    table = Table("exhibitor", "buyer", "score", "must", "reasons", title=f"recommendations for {participant}")
    for row in found.recommendations:
        table.add_row(
            f"{row.exhibitor} {row.exhibitor_name}",
            f"{row.buyer} {row.buyer_name}",
            f"{row.score:.3f}",
            "yes" if row.must else "",
            "; ".join(row.reasons_en),
        )
    out.print(table)


@app.command("schedule")
def schedule(
    ctx: typer.Context,
    fair_id: FairArgument,
    time_limit: Annotated[float, typer.Option("--time-limit", min=0.1, help="Seconds the engine may search.")] = 120.0,
    seed: Annotated[int, typer.Option("--seed", min=0, help="The engine's random seed.")] = 0,
    cluster: ClusterOption = None,
    json_out: JsonFlag = False,
) -> None:
    """Select and schedule a fair's meetings (replacing the stored ones; their values carry the cluster's gap
    bonus); report value, bound and gap."""
    cli = state(ctx)
    try:
        result = _schedule_with_bar(cli, fair_id, time_limit, seed, cluster)
    except NotFound as error:
        fail_error(error, EXIT_FAILURE)
    except InvalidInput as error:
        fail_error(error)
    if json_out:
        print_json(result.model_dump(mode="json"))
        return
    out.print(
        f"{result.meetings} meetings from {result.candidates} candidates; value {result.objective} of at most "
        f"{result.upper_bound} (gap {result.gap:.2%}); {result.status} in {result.seconds} s; "
        f"{len(result.unmet_must)} must-meet pair(s) unmet",
        highlight=False,
    )
    for unmet in result.unmet_must_reasons:
        out.print(f"unmet must-meet {unmet.exhibitor} – {unmet.buyer}: {unmet.why}", highlight=False)


def _schedule_with_bar(
    cli: CliState, fair_id: str, time_limit: float, seed: int, cluster: str | None
) -> FairScheduleReport:
    """Schedule the fair and store it, with a progress bar over the time limit showing the engine's latest step."""
    latest: list[str] = []
    with cli.unit_of_work() as uow, progress() as bar:
        task = bar.add_task("scheduling", total=time_limit)
        stop = threading.Event()
        args = (bar, task, time.perf_counter(), time_limit, stop, latest)
        ticker = threading.Thread(target=_tick, args=args, daemon=True)
        ticker.start()
        try:
            result = schedule_fair(
                uow.session,
                cli.user(),
                cli.context(),
                fair_id=fair_id,
                time_limit=time_limit,
                seed=seed,
                progress=lambda _f, message: latest.append(message),
                cluster=cluster,
            )
        finally:
            stop.set()
            ticker.join()
        uow.commit()
    return result


def _tick(bar: Progress, task: TaskID, started: float, limit: float, stop: threading.Event, notes: list[str]) -> None:
    """Move the bar with the time spent (the engine stops at the limit), showing its latest step."""
    while not stop.wait(0.5):
        step = f"scheduling: {notes[-1]}" if notes else "scheduling"
        bar.update(task, completed=min(limit, time.perf_counter() - started), description=step)


@app.command("agenda")
def agenda(
    ctx: typer.Context,
    fair_id: FairArgument,
    participant: Annotated[str, typer.Argument(help="Participant id (参会编号).")],
    fmt: Annotated[str, typer.Option("--format", help="ics, xlsx or json.")] = "ics",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: agenda-<participant>.<format>).")
    ] = None,
    json_out: JsonFlag = False,
) -> None:
    """Write a participant's agenda as iCalendar, XLSX or JSON."""
    if fmt not in AGENDA_FORMATS:
        raise typer.BadParameter(f"use one of {', '.join(AGENDA_FORMATS)}", param_hint="--format")
    cli = state(ctx)
    try:
        with cli.unit_of_work() as uow:
            found = participant_agenda(uow.session, cli.user(), fair_id=fair_id, participant_id=participant)
    except NotFound as error:
        fail_error(error, EXIT_FAILURE)
    path = output or Path(f"agenda-{participant}.{fmt}")
    path.write_bytes(agenda_file(found, fmt, stamp=dt.datetime.now(dt.UTC)))
    summary = {"file": str(path), "meetings": len(found.items)}
    if json_out:
        print_json(summary)
    else:
        out.print(f"{summary['meetings']} meetings written to {path}", highlight=False)
