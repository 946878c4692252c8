"""The change history (变更记录): `history` (newest changes and batches, as before), `history list` with filters,
`history show`, `history revert`."""

from __future__ import annotations

import datetime as dt
import os
from typing import Annotated

import typer
from rich.table import Table
from sqlalchemy.orm import Session

from chainatlas.cli.output import EXIT_INVALID, CliState, fail, out, print_json, state
from chainatlas.cli.registry import show_newest
from chainatlas.domain.history_results import ChangeView
from chainatlas.domain.messages import Lang
from chainatlas.services.errors import Conflict, InvalidInput, NotFound
from chainatlas.services.history import HistoryFilter, batch_detail, change_detail, list_history
from chainatlas.services.history_revert import revert_batch, revert_change

JsonFlag = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]
BatchOption = Annotated[int | None, typer.Option("--batch", min=1, help="A batch id instead of a change id.")]

app = typer.Typer(
    help="The change history: list, show and revert changes and import batches.", invoke_without_command=True
)


@app.callback()
def history(
    ctx: typer.Context,
    kind: Annotated[str | None, typer.Option("--kind", help="Only changes to this kind.")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="How many changes to show.")] = 20,
    json_out: JsonFlag = False,
) -> None:
    """Without a subcommand: show the newest entries of the change history and the import batches."""
    if ctx.invoked_subcommand is None:
        show_newest(ctx, kind=kind, limit=limit, json_out=json_out)


def _day(text: str | None, option: str) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise typer.BadParameter(f"{text!r} is not a date (YYYY-MM-DD)", param_hint=option) from error


def _changes_table(changes: list[ChangeView], title: str) -> Table:
    table = Table("id", "at", "actor", "via", "action", "kind", "key", "batch", "reverts", title=title)
    for c in changes:
        table.add_row(
            str(c.id),
            c.at.isoformat(timespec="seconds"),
            c.actor,
            c.via,
            c.action,
            c.kind,
            c.record_key,
            str(c.batch_id or ""),
            str(c.reverts_id or ""),
        )
    return table


@app.command("list")
def list_changes(
    ctx: typer.Context,
    kind: Annotated[str | None, typer.Option("--kind", help="Only changes to this kind.")] = None,
    record: Annotated[str | None, typer.Option("--record", help="Only changes to this record key (a/b/c).")] = None,
    user: Annotated[str | None, typer.Option("--user", help="Only changes by this user.")] = None,
    source: Annotated[str | None, typer.Option("--source", help="api, web, cli or import.")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="First day, YYYY-MM-DD (cluster time zone).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last day, YYYY-MM-DD (cluster time zone).")] = None,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip this many changes.")] = 0,
    limit: Annotated[int, typer.Option("--limit", min=1, max=500, help="How many changes to show.")] = 50,
    json_out: JsonFlag = False,
) -> None:
    """List recorded changes, newest first, filtered by kind, record, user, source and date."""
    cli = state(ctx)
    filters = HistoryFilter(
        kind=kind,
        record=record,
        user=user,
        source=source,
        date_from=_day(date_from, "--from"),
        date_to=_day(date_to, "--to"),
        offset=offset,
        limit=limit,
    )
    with cli.unit_of_work() as uow:
        try:
            page = list_history(uow.session, cli.user(), filters=filters, zone=cli.clock().zone)
        except InvalidInput as error:
            fail("; ".join(f"{p.field}: {p.message}" for p in error.problems), EXIT_INVALID)
    if json_out:
        print_json(page.model_dump(mode="json"))
        return
    out.print(_changes_table(page.items, f"changes {offset + 1}–{offset + len(page.items)} of {page.total}"))


@app.command("show")
def show(
    ctx: typer.Context,
    change_id: Annotated[int | None, typer.Argument(min=1, help="The change's id.")] = None,
    batch: BatchOption = None,
    json_out: JsonFlag = False,
) -> None:
    """Show one change with its fields before and after, or one batch with its files, checksums and counts."""
    if (change_id is None) == (batch is None):
        raise typer.BadParameter("give a change id or --batch ID (one of them)")
    cli = state(ctx)
    with cli.unit_of_work() as uow:
        try:
            if batch is not None:
                _show_batch(uow.session, cli, batch, json_out)
            else:
                _show_change(uow.session, cli, change_id or 0, json_out)
        except NotFound as error:
            fail(str(error), EXIT_INVALID)


def _show_change(session: Session, cli: CliState, change_id: int, json_out: bool) -> None:
    detail = change_detail(session, cli.user(), change_id=change_id)
    if json_out:
        print_json(detail.model_dump(mode="json"))
        return
    out.print(_changes_table([detail], f"change {detail.id}"))
    table = Table("field", "before", "after", "changed")
    for f in detail.fields:
        table.add_row(f.name, str(f.before), str(f.after), "*" if f.changed else "")
    out.print(table)


def _show_batch(session: Session, cli: CliState, batch_id: int, json_out: bool) -> None:
    batch = batch_detail(session, cli.user(), batch_id=batch_id, limit=500)
    if json_out:
        print_json(batch.model_dump(mode="json"))
        return
    out.print(f"batch {batch.id} at {batch.at.isoformat(timespec='seconds')} by {batch.actor} via {batch.via}")
    files = Table("file", "kind", "rows", "added", "updated", "unchanged", "sha256", title="files")
    for f in batch.files:
        cells = (f.kind, f.rows, f.added, f.updated, f.unchanged, f.sha256)
        files.add_row(f.file, *("" if c is None else str(c) for c in cells))
    out.print(files)
    out.print(f"counts: {batch.counts}")
    out.print(_changes_table(batch.changes, f"{batch.changes_total} changes"))


@app.command("revert")
def revert(
    ctx: typer.Context,
    change_id: Annotated[int | None, typer.Argument(min=1, help="The change's id.")] = None,
    batch: BatchOption = None,
    json_out: JsonFlag = False,
) -> None:
    """Revert one change, or a whole import batch with --batch; refused (exit 3) with the reason when later
    changes depend on it. The revert is itself a recorded change (source cli)."""
    if (change_id is None) == (batch is None):
        raise typer.BadParameter("give a change id or --batch ID (one of them)")
    cli = state(ctx)
    with cli.unit_of_work() as uow:
        try:
            if batch is not None:
                done = revert_batch(uow.session, cli.user(), cli.context(), batch_id=batch)
            else:
                done = revert_change(uow.session, cli.user(), cli.context(), change_id=change_id or 0)
        except (NotFound, Conflict) as error:
            fail(error.text(cli_lang()), EXIT_INVALID)
        except InvalidInput as error:
            fail("; ".join(f"{p.field}: {p.message}" for p in error.problems), EXIT_INVALID)
        uow.commit()
    if json_out:
        print_json(done.model_dump(mode="json"))
        return
    out.print(_changes_table(done.changes, "reverted: recorded changes"))


def cli_lang() -> Lang:
    """Return the language of the command line's messages: Chinese when LANG starts with zh."""
    return "zh" if os.environ.get("LANG", "").startswith("zh") else "en"
