"""The `--as-of` option of `scorecard`, `projects status` and `alerts`: exactly YYYY-MM-DD, default today in the
cluster's time zone (`CHAINATLAS_TIME_ZONE`)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from chainatlas.cli.output import state
from chainatlas.domain.as_of import AsOfError, parse_as_of

AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Judge as of this date (YYYY-MM-DD, 1800-01-01 to 2100-12-31); "
        "default today in the cluster's time zone (CHAINATLAS_TIME_ZONE).",
    ),
]


def as_of_date(ctx: typer.Context, text: str | None) -> dt.date:
    """Return the as-of date of a command: the given YYYY-MM-DD, else today in the cluster's time zone; a bad one
    exits 2."""
    if text is None:
        return state(ctx).clock().today()
    try:
        return parse_as_of(text)
    except AsOfError as error:
        raise typer.BadParameter(f"{text!r}: {error}", param_hint="--as-of") from error
