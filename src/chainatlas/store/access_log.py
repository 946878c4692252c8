"""The access log: append entries, read them back filtered, and count recent sign-in failures."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, String, cast, func, select
from sqlalchemy.orm import Session

from chainatlas.store.rows import AccessLogRow

SIGN_IN, SIGN_IN_FAILED, SIGN_IN_THROTTLED = "sign_in", "sign_in_failed", "sign_in_throttled"
LOCKED, UNLOCKED, CONFIDENTIAL_READ = "locked", "unlocked", "confidential_read"
EVENTS = (SIGN_IN, SIGN_IN_FAILED, SIGN_IN_THROTTLED, LOCKED, UNLOCKED, CONFIDENTIAL_READ)
RESETS = (SIGN_IN, UNLOCKED)
"""Events after which an account's consecutive failures count from zero again."""


@dataclass(frozen=True)
class AccessEntry:
    """One access-log entry."""

    id: int
    at: dt.datetime
    username: str
    user_id: int | None
    address: str | None
    event: str
    detail: dict[str, Any]

    def as_json(self) -> dict[str, Any]:
        """Return the entry as JSON."""
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "username": self.username,
            "user_id": self.user_id,
            "address": self.address,
            "event": self.event,
            "detail": self.detail,
        }


@dataclass(frozen=True)
class AccessFilter:
    """Which entries to read: by account, event, time, and enterprise whose confidential links were read."""

    username: str | None = None
    event: str | None = None
    since: dt.datetime | None = None
    enterprise: str | None = None
    limit: int = 100
    offset: int = 0


class AccessLogRepository:
    """Append to and read the access log."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self,
        *,
        at: dt.datetime,
        username: str,
        user_id: int | None,
        address: str | None,
        event: str,
        detail: dict[str, Any],
    ) -> None:
        """Append one entry."""
        self.session.add(
            AccessLogRow(at=at, username=username, user_id=user_id, address=address, event=event, detail=detail)
        )
        self.session.flush()

    def entries(self, wanted: AccessFilter) -> list[AccessEntry]:
        """Return the newest entries first that match a filter (skipping `offset` of them)."""
        statement = _filtered(select(AccessLogRow), wanted).order_by(AccessLogRow.id.desc())
        found = [_entry(row) for row in self.session.scalars(statement.offset(wanted.offset).limit(wanted.limit))]
        if wanted.enterprise is not None:
            found = [e for e in found if wanted.enterprise in e.detail.get("enterprises", ())]
        return found

    def count(self, wanted: AccessFilter) -> int:
        """Return how many entries match a filter's account, event and time (its enterprise is not counted)."""
        plain = AccessFilter(username=wanted.username, event=wanted.event, since=wanted.since)
        return int(self.session.scalar(_filtered(select(func.count()).select_from(AccessLogRow), plain)) or 0)

    def last_sign_ins(self) -> dict[str, dt.datetime]:
        """Return when each account last signed in successfully, by username."""
        statement = (
            select(AccessLogRow.username, func.max(AccessLogRow.at))
            .where(AccessLogRow.event == SIGN_IN)
            .group_by(AccessLogRow.username)
        )
        return {name: at for name, at in self.session.execute(statement) if at is not None}

    def consecutive_failures(self, username: str) -> tuple[int, dt.datetime | None]:
        """Return how many sign-ins to an account failed since its last success or unlock, and when the last did."""
        reset = select(func.max(AccessLogRow.id)).where(
            AccessLogRow.username == username, AccessLogRow.event.in_(RESETS)
        )
        since = self.session.scalar(reset) or 0
        count, last = self.session.execute(
            select(func.count(), func.max(AccessLogRow.at)).where(
                AccessLogRow.username == username, AccessLogRow.event == SIGN_IN_FAILED, AccessLogRow.id > since
            )
        ).one()
        return int(count or 0), last

    def recent_failures(self, address: str, *, since: dt.datetime, limit: int) -> list[dt.datetime]:
        """Return the times of the newest failed sign-ins from an address since a moment, newest first."""
        statement = (
            select(AccessLogRow.at)
            .where(AccessLogRow.address == address, AccessLogRow.event == SIGN_IN_FAILED, AccessLogRow.at >= since)
            .order_by(AccessLogRow.at.desc())
            .limit(limit)
        )
        return list(self.session.scalars(statement))


def _filtered(statement: Select[Any], wanted: AccessFilter) -> Select[Any]:
    """Return a statement narrowed to a filter's account, event, time and (coarsely) enterprise."""
    if wanted.username is not None:
        statement = statement.where(AccessLogRow.username == wanted.username)
    if wanted.event is not None:
        statement = statement.where(AccessLogRow.event == wanted.event)
    if wanted.since is not None:
        statement = statement.where(AccessLogRow.at >= wanted.since)
    if wanted.enterprise is not None:  # a coarse text match narrows the rows; the exact test follows
        quoted = json.dumps(wanted.enterprise)  # as the JSON column stores it: in quotes, so E3 does not match E31
        statement = statement.where(cast(AccessLogRow.detail, String).contains(quoted, autoescape=True))
    return statement


def _entry(row: AccessLogRow) -> AccessEntry:
    return AccessEntry(row.id, row.at, row.username, row.user_id, row.address, row.event, dict(row.detail or {}))
