"""The as-of date of the scorecard, key projects and alerts: exactly YYYY-MM-DD, within the years records may carry.

One rule for every adapter: the API and the pages take `AsOfDate` as a query or form field (a bad one is a
422 / 400 naming `as_of`), the CLI calls `parse_as_of` (a bad one exits 2 naming `--as-of`); the message is
the same everywhere. The range is that of a record's year (`domain.common.Year`), so every period derived
from the date is a valid period.

Without a date, every adapter takes today in the cluster's time zone from one `ClusterClock`, which `app`
and `cli` build from the settings (`CHAINATLAS_TIME_ZONE`) and the system clock; nothing here reads a clock.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

EARLIEST_AS_OF = dt.date(1800, 1, 1)
LATEST_AS_OF = dt.date(2100, 12, 31)
AS_OF_MESSAGE = (
    f"the as-of date must be a date written YYYY-MM-DD from {EARLIEST_AS_OF.isoformat()} to {LATEST_AS_OF.isoformat()}"
)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class AsOfError(ValueError):
    """An as-of date that is not exactly YYYY-MM-DD, not a real date, or out of range."""

    def __init__(self) -> None:
        super().__init__(AS_OF_MESSAGE)


def check_as_of(day: dt.date) -> dt.date:
    """Return the date when it lies within the range, else raise AsOfError."""
    if isinstance(day, dt.datetime) or not EARLIEST_AS_OF <= day <= LATEST_AS_OF:
        raise AsOfError
    return day


def parse_as_of(text: str) -> dt.date:
    """Return the date written exactly YYYY-MM-DD within the range, else raise AsOfError."""
    if not _DATE.fullmatch(text):
        raise AsOfError
    try:
        day = dt.date.fromisoformat(text)
    except ValueError as error:
        raise AsOfError from error
    return check_as_of(day)


def _validate(value: object) -> dt.date:
    """Pydantic hook: a string as `parse_as_of`, a date as `check_as_of`, anything else refused."""
    try:
        if isinstance(value, str):
            return parse_as_of(value)
        if isinstance(value, dt.date):
            return check_as_of(value)
    except AsOfError:
        pass
    raise PydanticCustomError("as_of", AS_OF_MESSAGE)


AsOfDate = Annotated[dt.date, BeforeValidator(_validate)]
"""An as-of date in a query, form or body: validated by the rule above (the error names the field)."""


def date_in_zone(instant: dt.datetime, zone: dt.tzinfo) -> dt.date:
    """Return the calendar date in a time zone at an instant (which must carry its zone)."""
    if instant.tzinfo is None:
        raise ValueError("date_in_zone needs a timezone-aware instant")
    return instant.astimezone(zone).date()


@dataclass(frozen=True)
class ClusterClock:
    """The cluster's calendar: the time zone its dates are in and the clock it is handed (UTC instants)."""

    zone: dt.tzinfo
    now: Callable[[], dt.datetime]

    def today(self) -> dt.date:
        """Return today's date in the cluster's time zone: the default as-of date of every adapter."""
        return date_in_zone(self.now(), self.zone)
