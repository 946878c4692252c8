"""The signed-cookie session's contents, shared by the API and the pages: who is signed in, the CSRF token."""

from __future__ import annotations

import secrets
from collections.abc import MutableMapping
from typing import Any

SESSION_USER = "user"
SESSION_CSRF = "csrf"


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
