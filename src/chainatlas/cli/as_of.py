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
    day = day_option(text, "--as-of")
    return state(ctx).clock().today() if day is None else day


def day_option(text: str | None, option: str) -> dt.date | None:
    """Return the day an option gives as YYYY-MM-DD (None when not given); a bad one exits 2 naming the option."""
    if text is None:
        return None
    try:
        return parse_as_of(text)
    except AsOfError as error:
        raise typer.BadParameter(f"{text!r}: {error}", param_hint=option) from error
