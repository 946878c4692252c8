"""`chainatlas fair …`: the trade fair (CICEE). Minimal group for `schedule-b2b`; merged with the fair's other commands."""

from __future__ import annotations

import typer

from chainatlas.cli.fair_b2b import schedule_b2b

fair_app = typer.Typer(help="The trade fair (CICEE): B2B meeting scheduling.", no_args_is_help=True)
fair_app.command("schedule-b2b")(schedule_b2b)
