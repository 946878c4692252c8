"""Users: add them, check passwords (argon2id), record every change."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError
from sqlalchemy.orm import Session

from chainatlas.domain.common import Problem
from chainatlas.domain.user import Role, User, password_problems
from chainatlas.services.context import WriteContext
from chainatlas.services.errors import Conflict, InvalidInput
from chainatlas.services.references import KnownKeys, unknown_reference
from chainatlas.store.history import HistoryRepository
from chainatlas.store.users import UserRepository

_HASHER = PasswordHasher()


def one_time_password() -> str:
    """Return a fresh random password for a first sign-in."""
    return secrets.token_urlsafe(12)


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
    entry = {"batch_id": None, "at": ctx.at, "actor": ctx.actor, "via": ctx.via.value, "kind": "users",
             "record_key": username, "action": "create", "before": None, "after": user.model_dump(mode="json")}  # fmt: skip
    HistoryRepository(session).add_changes([entry])
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
