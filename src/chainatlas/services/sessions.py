"""Sign-in sessions, kept server-side, and the signed cookie that names one.

The cookie holds only an opaque random secret (`sid`) and the CSRF token (`csrf`); the database
keeps the SHA-256 of the secret with the user, times, address and, once ended, why. Every request
looks the session up: ended, expired, or belonging to a disabled user means signed out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import MutableMapping
from typing import Any

from sqlalchemy.orm import Session

from chainatlas.domain.user import SessionEnd, User
from chainatlas.store.sessions import UserSessionRepository

SESSION_SECRET = "sid"  # noqa: S105 (the cookie key naming the secret, not a secret)
SESSION_CSRF = "csrf"
SESSION_IDLE = dt.timedelta(hours=12)
"""A session ends 12 hours after it was last used (as the 12-hour cookie did before)."""
SESSION_LIMIT = dt.timedelta(days=7)
"""…and at the latest 7 days after sign-in, however busy."""
SEEN_EVERY = dt.timedelta(minutes=1)
"""`last_seen_at` is written at most once a minute per session, so reads do not become writes."""


def session_csrf_token(session: MutableMapping[str, Any]) -> str:
    """Return the session's CSRF token, creating one on first use."""
    token = session.get(SESSION_CSRF)
    if not token:
        token = secrets.token_urlsafe(24)
        session[SESSION_CSRF] = token
    return str(token)


def csrf_matches(session: MutableMapping[str, Any] | None, sent: object) -> bool:
    """Return whether a sent CSRF token is the session's (compared in constant time)."""
    expected = session.get(SESSION_CSRF) if session is not None else None
    return bool(expected) and isinstance(sent, str) and bool(sent) and secrets.compare_digest(str(expected), sent)


def secret_hash(secret: str) -> str:
    """Return the stored form of a session secret (random, so a plain SHA-256 suffices)."""
    return hashlib.sha256(secret.encode()).hexdigest()


def start_session(
    session: Session, user: User, *, at: dt.datetime, address: str | None, replacing: object = None
) -> str:
    """Record a new sign-in session for a user and return its secret, for the cookie only.

    `replacing` is the secret of the browser's previous session, if any: it ends, so no copy of the old
    cookie outlives the new sign-in.
    """
    end_session(session, replacing, at=at)
    secret = secrets.token_urlsafe(32)
    repo = UserSessionRepository(session)
    repo.add(user_id=user.id, secret_hash=secret_hash(secret), at=at, expires_at=at + SESSION_IDLE, address=address)
    return secret


def session_user(session: Session, secret: object, *, now: dt.datetime) -> User | None:
    """Return the active user of a live session, stamping it seen (at most once a minute); else None."""
    if not isinstance(secret, str) or not secret:
        return None
    repo = UserSessionRepository(session)
    live = repo.live(secret_hash(secret), now=now)
    if live is None:
        return None
    if now - live.last_seen_at >= SEEN_EVERY:
        expires = min(now + SESSION_IDLE, live.created_at + SESSION_LIMIT)
        repo.touch(live.id, now=now, seen_before=now - SEEN_EVERY, expires_at=expires)
    return live.user


def end_session(session: Session, secret: object, *, at: dt.datetime) -> None:
    """End the session a cookie names (signing out); nothing happens for an unknown secret."""
    if isinstance(secret, str) and secret:
        UserSessionRepository(session).end(secret_hash(secret), at=at, reason=SessionEnd.SIGNED_OUT)


def end_user_sessions(session: Session, user: User, *, at: dt.datetime, reason: SessionEnd) -> int:
    """End every open session of a user at once; return how many ended."""
    return UserSessionRepository(session).end_for_user(user.id, at=at, reason=reason)
