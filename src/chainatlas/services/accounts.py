"""What a signed-in user may do about sign-in sessions and API tokens: their own, or anyone's as an admin."""

from __future__ import annotations

from sqlalchemy.orm import Session

from chainatlas.domain.access import Action, allowed
from chainatlas.domain.user import ApiToken, User
from chainatlas.services.context import WriteContext
from chainatlas.services.errors import NotAllowed
from chainatlas.services.users import end_sessions, issue_token, list_tokens, revoke_token

USERS = "users"


def _require_admin(user: User, what: str) -> None:
    if not allowed(user, Action.MANAGE_USERS, USERS):
        raise NotAllowed(code=f"access.admin_{what}", signed_in=True)


def tokens_of(session: Session, by: User, *, username: str | None = None) -> list[ApiToken]:
    """Return a user's own API tokens, or (admins only) another user's."""
    if username is not None and username != by.username:
        _require_admin(by, "tokens")
    return list_tokens(session, username=username or by.username)


def create_own_token(session: Session, by: User, ctx: WriteContext, *, name: str, days: int) -> tuple[str, ApiToken]:
    """Create an API token for the user themselves; return it (shown once) and its listing."""
    return issue_token(session, ctx, username=by.username, name=name, days=days)


def revoke_token_as(session: Session, by: User, ctx: WriteContext, *, token_id: int) -> ApiToken:
    """Revoke one of the user's own tokens, or any token for an admin (another's token is not found)."""
    owner = None if allowed(by, Action.MANAGE_USERS, USERS) else by.username
    return revoke_token(session, ctx, token_id=token_id, owner=owner)


def end_sessions_as(session: Session, by: User, ctx: WriteContext, *, username: str) -> int:
    """End every sign-in session of a user (admins only); return how many ended."""
    _require_admin(by, "sessions")
    return end_sessions(session, ctx, username=username)
