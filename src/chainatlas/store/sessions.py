"""Sign-in sessions: one row per sign-in, found by the SHA-256 of the cookie's secret."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from chainatlas.domain.user import SessionEnd, User
from chainatlas.store.rows import UserRow, UserSessionRow
from chainatlas.store.users import user_of_row


@dataclass(frozen=True)
class LiveSession:
    """A session that is neither ended nor expired, with its active user."""

    id: int
    user: User
    created_at: dt.datetime
    last_seen_at: dt.datetime
    expires_at: dt.datetime


class UserSessionRepository:
    """Start, find, touch and end sign-in sessions."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self, *, user_id: int, secret_hash: str, at: dt.datetime, expires_at: dt.datetime, address: str | None
    ) -> int:
        """Store a new session and return its id."""
        row = UserSessionRow(
            user_id=user_id,
            secret_hash=secret_hash,
            created_at=at,
            last_seen_at=at,
            expires_at=expires_at,
            address=address[:64] if address else None,
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def live(self, secret_hash: str, *, now: dt.datetime) -> LiveSession | None:
        """Return the session with this hash when it is not ended, not expired and its user is active."""
        statement = (
            select(UserSessionRow, UserRow)
            .join(UserRow, UserRow.id == UserSessionRow.user_id)
            .where(UserSessionRow.secret_hash == secret_hash, UserSessionRow.ended_at.is_(None))
            .where(UserSessionRow.expires_at > now, UserRow.is_active.is_(True))
        )
        found = self.session.execute(statement).first()
        if found is None:
            return None
        row, user = found
        return LiveSession(row.id, user_of_row(user), row.created_at, row.last_seen_at, row.expires_at)

    def touch(self, session_id: int, *, now: dt.datetime, seen_before: dt.datetime, expires_at: dt.datetime) -> None:
        """Stamp a session as seen now (only if nobody did since `seen_before`) and move its expiry."""
        self.session.execute(
            update(UserSessionRow)
            .where(UserSessionRow.id == session_id, UserSessionRow.last_seen_at < seen_before)
            .values(last_seen_at=now, expires_at=expires_at)
        )

    def end(self, secret_hash: str, *, at: dt.datetime, reason: SessionEnd) -> int:
        """End the session with this hash; return how many ended (0 or 1)."""
        return self._end(UserSessionRow.secret_hash == secret_hash, at=at, reason=reason)

    def end_for_user(self, user_id: int, *, at: dt.datetime, reason: SessionEnd) -> int:
        """End every open session of a user; return how many ended."""
        return self._end(UserSessionRow.user_id == user_id, at=at, reason=reason)

    def _end(self, which: object, *, at: dt.datetime, reason: SessionEnd) -> int:
        result = self.session.execute(
            update(UserSessionRow)
            .where(which, UserSessionRow.ended_at.is_(None), UserSessionRow.expires_at > at)  # type: ignore[arg-type]
            .values(ended_at=at, ended_reason=reason.value)
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]
