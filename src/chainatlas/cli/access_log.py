"""The `access-log` command: sign-ins, failures, lock-outs and confidential reads, newest first."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated

import typer
from rich.table import Table

from chainatlas.cli.output import (
    fail_error,
    out,
    print_json,
    state,
)
from chainatlas.services.access_log import EVENTS, MAX_ENTRIES, AccessFilter, access_entries
from chainatlas.services.errors import InvalidInput


def _since(text: str | None) -> dt.datetime | None:
    if text is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError as error:
        raise typer.BadParameter(
            f"{text!r} 不是日期或时间 / is not a date or time (YYYY-MM-DD or YYYY-MM-DDTHH:MM)", param_hint="--since"
        ) from error
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def access_log(
    ctx: typer.Context,
    user: Annotated[str | None, typer.Option("--user", help="Only this account (as typed at sign-in).")] = None,
    event: Annotated[str | None, typer.Option("--event", help=f"Only this event: {', '.join(EVENTS)}.")] = None,
    since: Annotated[
        str | None,
        typer.Option("--since", help="Only entries at or after this date or time (UTC unless a zone is given)."),
    ] = None,
    enterprise: Annotated[
        str | None, typer.Option("--enterprise", help="Only confidential reads of this enterprise's links.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=MAX_ENTRIES, help="How many entries to show.")] = 100,
    json_out: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")] = False,
) -> None:
    """Show the access log: who signed in or failed, from where, lock-outs, and who read confidential links."""
    wanted = AccessFilter(username=user, event=event, since=_since(since), enterprise=enterprise, limit=limit)
    cli = state(ctx)
    with cli.unit_of_work() as uow:
        try:
            entries = access_entries(uow.session, cli.user(), wanted)
        except InvalidInput as error:
            fail_error(error)
    if json_out:
        print_json({"items": [e.as_json() for e in entries]})
        return
    table = Table("at (UTC)", "user", "account", "address", "event", "detail")
    table.columns[0].no_wrap = True
    for e in entries:
        detail = json.dumps(e.detail, ensure_ascii=False)
        account = "" if e.user_id is None else str(e.user_id)
        table.add_row(f"{e.at:%Y-%m-%d %H:%M:%S}", e.username, account, e.address or "", e.event, detail)
    out.print(table)
