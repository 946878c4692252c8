"""The scheduled alert evaluation's one row: a lease that one worker process at a time holds while it evaluates.

Taking the lease is a conditional update (free or expired, and no run finished since the caller looked), so of
two processes that find an evaluation due at once, one takes it and the other finds nothing to take; the run
is recorded and the lease released in the evaluation's own transaction.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CursorResult, or_, update
from sqlalchemy.orm import Session

from chainatlas.domain.alert_schedule import ScheduleState
from chainatlas.store.rows import AlertScheduleRow

ROW = 1


class AlertScheduleRepository:
    """Read the schedule, take and give back its lease, record a run."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def state(self) -> ScheduleState:
        """Return the stored schedule (an empty one when the row is missing)."""
        row = self.session.get(AlertScheduleRow, ROW, populate_existing=True)
        if row is None:
            return ScheduleState(None, None, 0, None, None, None)
        return ScheduleState(
            row.holder, row.lease_until, int(row.runs or 0), row.last_run_at, row.last_as_of, row.registry_version
        )

    def claim(self, holder: str, *, now: dt.datetime, until: dt.datetime, runs_seen: int) -> bool:
        """Take the lease until a time if it is free (or expired) and no run finished since `runs_seen`."""
        free = or_(AlertScheduleRow.holder.is_(None), AlertScheduleRow.lease_until < now)
        statement = (
            update(AlertScheduleRow)
            .where(AlertScheduleRow.id == ROW, AlertScheduleRow.runs == runs_seen, free)
            .values(holder=holder, lease_until=until)
        )
        return _changed(self.session.execute(statement))

    def finish(self, holder: str, *, at: dt.datetime, as_of: dt.date, registry_version: int) -> bool:
        """Record a run and release the lease, if the holder still holds it; return whether it did."""
        statement = (
            update(AlertScheduleRow)
            .where(AlertScheduleRow.id == ROW, AlertScheduleRow.holder == holder)
            .values(
                holder=None,
                lease_until=None,
                runs=AlertScheduleRow.runs + 1,
                last_run_at=at,
                last_as_of=as_of,
                registry_version=registry_version,
            )
        )
        return _changed(self.session.execute(statement))

    def release(self, holder: str) -> None:
        """Give the lease back without recording a run (the evaluation failed)."""
        statement = (
            update(AlertScheduleRow)
            .where(AlertScheduleRow.id == ROW, AlertScheduleRow.holder == holder)
            .values(holder=None, lease_until=None)
        )
        self.session.execute(statement)


def _changed(result: object) -> bool:
    return isinstance(result, CursorResult) and result.rowcount == 1
