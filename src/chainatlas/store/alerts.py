"""Stored alerts: one row per condition key (unique), moved between states by conditional updates.

Every transition is an `UPDATE … WHERE key = … AND state …` (or an insert that does nothing on a
conflicting key), and reports whether it changed a row. Two evaluations running at once therefore
neither duplicate an alert (the unique key) nor both record the same transition (the second one's
conditional update finds nothing left to change once the first has committed).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import CursorResult, case, func, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from chainatlas.domain.alert import Alert, AlertCondition, AlertRule, AlertState, Severity
from chainatlas.store.history import Batch
from chainatlas.store.rows import AlertRow, ChangeBatchRow

LIVE = (AlertState.OPEN.value, AlertState.ACKNOWLEDGED.value)


def _alert(row: AlertRow) -> Alert:
    return Alert(
        id=row.id,
        key=row.key,
        rule=AlertRule(row.rule),
        subject=row.subject,
        severity=Severity(row.severity),
        state=AlertState(row.state),
        details=row.details,
        first_raised_on=row.first_raised_on,
        last_seen_on=row.last_seen_on,
        cleared_on=row.cleared_on,
        times_raised=row.times_raised,
        acknowledged_by=row.acknowledged_by,
        acknowledged_at=row.acknowledged_at,
    )


def _changed(result: Any) -> bool:
    return isinstance(result, CursorResult) and result.rowcount == 1


class AlertRepository:
    """Add, move and read alerts."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def insert_new(self, found: AlertCondition, as_of: dt.date) -> bool:
        """Insert an open alert for a condition unless its key exists; return whether it was inserted."""
        values = {
            "key": found.key,
            "rule": found.rule.value,
            "subject": found.subject,
            "severity": found.severity.value,
            "state": AlertState.OPEN.value,
            "details": found.details,
            "first_raised_on": as_of,
            "last_seen_on": as_of,
            "times_raised": 1,
        }
        dialect = self.session.get_bind().dialect.name
        insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
        statement = insert(AlertRow).values(**values).on_conflict_do_nothing(index_elements=["key"])
        return self.session.execute(statement.returning(AlertRow.id)).first() is not None

    def refresh(self, found: AlertCondition, as_of: dt.date) -> bool:
        """Update a live alert's details, severity and last-seen date; return whether one was live."""
        statement = (
            update(AlertRow)
            .where(AlertRow.key == found.key, AlertRow.state.in_(LIVE))
            .values(details=found.details, severity=found.severity.value, last_seen_on=as_of)
        )
        return _changed(self.session.execute(statement))

    def reopen(self, found: AlertCondition, as_of: dt.date) -> bool:
        """Open a cleared alert again (its acknowledgement dropped, its count raised); return whether it was cleared."""
        statement = (
            update(AlertRow)
            .where(AlertRow.key == found.key, AlertRow.state == AlertState.CLEARED.value)
            .values(
                state=AlertState.OPEN.value,
                details=found.details,
                severity=found.severity.value,
                last_seen_on=as_of,
                cleared_on=None,
                acknowledged_by=None,
                acknowledged_at=None,
                times_raised=AlertRow.times_raised + 1,
            )
        )
        return _changed(self.session.execute(statement))

    def clear(self, key: str, as_of: dt.date) -> bool:
        """Mark a live alert cleared; return whether it was live."""
        statement = (
            update(AlertRow)
            .where(AlertRow.key == key, AlertRow.state.in_(LIVE))
            .values(state=AlertState.CLEARED.value, cleared_on=as_of)
        )
        return _changed(self.session.execute(statement))

    def acknowledge(self, alert_id: int, *, by: str, at: dt.datetime) -> bool:
        """Mark an open alert acknowledged by a user; return whether it was open."""
        statement = (
            update(AlertRow)
            .where(AlertRow.id == alert_id, AlertRow.state == AlertState.OPEN.value)
            .values(state=AlertState.ACKNOWLEDGED.value, acknowledged_by=by, acknowledged_at=at)
        )
        return _changed(self.session.execute(statement))

    def live_keys(self, *, except_rules: Iterable[str] = ()) -> list[str]:
        """Return the keys of every open or acknowledged alert (but those of some rules)."""
        statement = select(AlertRow.key).where(AlertRow.state.in_(LIVE), AlertRow.rule.not_in(list(except_rules)))
        return list(self.session.scalars(statement.order_by(AlertRow.key)))

    def live_of_rule(self, rule: str) -> list[Alert]:
        """Return the open or acknowledged alerts of one rule, by key."""
        statement = select(AlertRow).where(AlertRow.state.in_(LIVE), AlertRow.rule == rule).order_by(AlertRow.key)
        return [_alert(row) for row in self.session.scalars(statement)]

    def by_key(self, key: str) -> Alert | None:
        """Return the alert with a condition key, or None."""
        self.session.expire_all()
        row = self.session.scalar(select(AlertRow).where(AlertRow.key == key))
        return None if row is None else _alert(row)

    def get(self, alert_id: int) -> Alert | None:
        """Return the alert with an id, or None."""
        self.session.expire_all()
        row = self.session.get(AlertRow, alert_id)
        return None if row is None else _alert(row)

    def listing(
        self,
        *,
        states: Iterable[str] | None = None,
        rule: str | None = None,
        subject_prefix: str | None = None,
        limit: int = 500,
    ) -> list[Alert]:
        """Return alerts, critical and open first, then newest seen, then by key."""
        statement = select(AlertRow)
        if states is not None:
            statement = statement.where(AlertRow.state.in_(list(states)))
        if rule is not None:
            statement = statement.where(AlertRow.rule == rule)
        if subject_prefix is not None:
            statement = statement.where(AlertRow.subject.startswith(subject_prefix, autoescape=True))
        order = case({AlertState.OPEN.value: 0, AlertState.ACKNOWLEDGED.value: 1}, value=AlertRow.state, else_=2)
        statement = statement.order_by(order, AlertRow.severity, AlertRow.last_seen_on.desc(), AlertRow.key)
        return [_alert(row) for row in self.session.scalars(statement.limit(limit))]

    def state_counts(self) -> dict[str, int]:
        """Return how many alerts are in each state (every state present)."""
        counts = dict.fromkeys((s.value for s in AlertState), 0)
        for state, count in self.session.execute(select(AlertRow.state, func.count()).group_by(AlertRow.state)):
            counts[state] = int(count)
        return counts

    def latest_evaluation(self) -> Batch | None:
        """Return the newest change batch that is an alert evaluation (its counts hold `alerts`), if any."""
        statement = select(ChangeBatchRow).order_by(ChangeBatchRow.id.desc()).execution_options(yield_per=100)
        for row in self.session.scalars(statement):
            found = row.counts.get("alerts") if isinstance(row.counts, dict) else None
            if isinstance(found, dict) and "as_of" in found:
                return Batch(row.id, row.at, row.actor, row.via, row.files, row.counts)
        return None
