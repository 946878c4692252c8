"""When the alert rules run by themselves (定时预警评估): once a day at a set time in the cluster's time zone,
and again whenever the registry has changed since the last run (after an import).

Pure date arithmetic on instants handed in: nothing here reads a clock.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_TIME = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")


def parse_time_of_day(text: str) -> dt.time | None:
    """Return the time of day written HH:MM (00:00–23:59), or None when the text is not one."""
    found = _TIME.fullmatch(text.strip())
    return dt.time(int(found.group(1)), int(found.group(2))) if found else None


def latest_slot(now: dt.datetime, zone: dt.tzinfo, at: dt.time) -> dt.datetime:
    """Return the latest instant not after `now` whose time of day in the zone is `at` (today's, else yesterday's)."""
    local = now.astimezone(zone)
    today = dt.datetime.combine(local.date(), at, tzinfo=zone)
    slot = today if today <= local else dt.datetime.combine(local.date() - dt.timedelta(days=1), at, tzinfo=zone)
    return slot.astimezone(dt.UTC)


def next_slot(now: dt.datetime, zone: dt.tzinfo, at: dt.time) -> dt.datetime:
    """Return the first instant after `now` whose time of day in the zone is `at`."""
    day = latest_slot(now, zone, at).astimezone(zone).date() + dt.timedelta(days=1)
    return dt.datetime.combine(day, at, tzinfo=zone).astimezone(dt.UTC)


@dataclass(frozen=True)
class ScheduleState:
    """The scheduled evaluation as stored: the lease, how many runs finished, and the last one."""

    holder: str | None
    lease_until: dt.datetime | None
    runs: int
    last_run_at: dt.datetime | None
    last_as_of: dt.date | None
    registry_version: int | None


def evaluation_due(
    state: ScheduleState, *, now: dt.datetime, zone: dt.tzinfo, at: dt.time, registry_version: int, starting: bool
) -> bool:
    """Return whether the rules must run now: never run yet, the daily time passed since the last run, the registry
    changed since (an import), or — when the server starts — no run as of today yet."""
    if state.last_run_at is None or state.last_run_at < latest_slot(now, zone, at):
        return True
    if state.registry_version != registry_version:
        return True
    return starting and state.last_as_of != now.astimezone(zone).date()


@dataclass(frozen=True)
class ScheduleStatus:
    """What the alerts page says of the schedule: off, or its time, the last run and the next one due."""

    at: dt.time | None
    last_run_at: dt.datetime | None
    last_as_of: dt.date | None
    next_due: dt.datetime | None
