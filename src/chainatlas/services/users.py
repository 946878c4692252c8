"""Users: add them, check passwords (argon2id), record every change."""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError
from sqlalchemy.orm import Session

from chainatlas.domain.common import Problem
from chainatlas.domain.user import Role, User, password_problems
from chainatlas.services.context import WriteContext
from chainatlas.services.errors import Conflict, InvalidInput, NotFound
from chainatlas.services.references import KnownKeys, unknown_reference
from chainatlas.store.history import HistoryRepository
from chainatlas.store.users import TokenRepository, UserRepository

_HASHER = PasswordHasher()


def one_time_password() -> str:
    """Return a fresh random password for a first sign-in that meets the password rules."""
    while True:  # a random token is all letters about 4 % of the time, which the rules refuse
        candidate = secrets.token_urlsafe(12)
        if not password_problems(candidate):
            return candidate


def _user_problems(session: Session, role: Role, password: str, enterprise_id: str | None) -> list[Problem]:
    problems = [Problem(field="password", message=m) for m in password_problems(password)]
    if role is Role.MEMBER and enterprise_id is None:
        problems.append(Problem(field="enterprise_id", message="a member account belongs to one enterprise"))
    if enterprise_id is not None and enterprise_id not in KnownKeys(session).of("enterprises"):
        problems.append(unknown_reference("enterprise_id", "enterprises", enterprise_id))
    return problems


def add_user(
    session: Session, ctx: WriteContext, *, username: str, role: Role, password: str, display_name: str | None = None,
    enterprise_id: str | None = None, must_change_password: bool = False,
) -> User:  # fmt: skip
    """Add a user with a hashed password; record the change (never the password)."""
    repo = UserRepository(session)
    if repo.by_username(username) is not None:
        raise Conflict(f"user {username} already exists")
    problems = _user_problems(session, role, password, enterprise_id)
    if problems:
        raise InvalidInput(problems)
    user = repo.add(
        username=username, role=role, password_hash=_HASHER.hash(password), at=ctx.at, display_name=display_name,
        enterprise_id=enterprise_id, must_change_password=must_change_password,
    )  # fmt: skip
    HistoryRepository(session).add_changes([_history_entry(ctx, username, "create", user.model_dump(mode="json"))])
    return user


def authenticate(session: Session, *, username: str, password: str) -> User | None:
    """Return the active user whose password matches, or None."""
    repo = UserRepository(session)
    stored = repo.password_hash(username)
    user = repo.by_username(username)
    if stored is None or user is None or not user.is_active:
        _HASHER.hash(password)  # spend the same time whether or not the user exists
        return None
    try:
        _HASHER.verify(stored, password)
    except (VerifyMismatchError, InvalidHashError):
        return None
    return user


def _history_entry(ctx: WriteContext, key: str, action: str, after: dict[str, object] | None) -> dict[str, object]:
    return {"batch_id": None, "at": ctx.at, "actor": ctx.actor, "via": ctx.via.value, "kind": "users",
            "record_key": key, "action": action, "before": None, "after": after}  # fmt: skip


def change_password(session: Session, ctx: WriteContext, *, username: str, current: str, new: str) -> None:
    """Replace a user's password after checking the current one; record the change (not the password)."""
    if authenticate(session, username=username, password=current) is None:
        raise InvalidInput([Problem(field="current_password", message="is not the current password")])
    problems = [Problem(field="new_password", message=m) for m in password_problems(new)]
    if new == current:
        problems.append(Problem(field="new_password", message="must differ from the current password"))
    if problems:
        raise InvalidInput(problems)
    UserRepository(session).set_password_hash(username, _HASHER.hash(new), must_change=False)
    HistoryRepository(session).add_changes([_history_entry(ctx, username, "password", None)])


def token_hash(token: str) -> str:
    """Return the stored form of an API token (tokens are random, so a plain SHA-256 suffices)."""
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(session: Session, ctx: WriteContext, *, username: str, name: str) -> str:
    """Create an API token for a user and return it; only its hash is kept."""
    user = UserRepository(session).by_username(username)
    if user is None:
        raise NotFound(f"no user {username}")
    token = "ca_" + secrets.token_urlsafe(32)
    TokenRepository(session).add(user_id=user.id, name=name, token_hash=token_hash(token), prefix=token[:10], at=ctx.at)
    HistoryRepository(session).add_changes(
        [_history_entry(ctx, username, "token", {"name": name, "prefix": token[:10]})]
    )
    return token


def user_for_token(session: Session, token: str) -> User | None:
    """Return the user a bearer token belongs to, or None."""
    return TokenRepository(session).user_for(token_hash(token))


def ensure_admin(session: Session, ctx: WriteContext) -> str | None:
    """Create the `admin` account when no user exists; return its one-time password, else None."""
    if UserRepository(session).count():
        return None
    password = one_time_password()
    add_user(session, ctx, username="admin", role=Role.ADMIN, password=password, must_change_password=True)
    return password


def user_by_name(session: Session, username: str) -> User | None:
    """Return the active user with a username, or None."""
    user = UserRepository(session).by_username(username)
    return user if user is not None and user.is_active else None
