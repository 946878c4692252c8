"""Users: stored with a password hash, returned as domain users."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from chainatlas.domain.user import Role, User
from chainatlas.store.rows import ApiTokenRow, UserRow


def _user(row: UserRow) -> User:
    return User(
        id=row.id,
        username=row.username,
        display_name=row.display_name,
        role=Role(row.role),
        enterprise_id=row.enterprise_id,
        must_change_password=row.must_change_password,
        is_active=row.is_active,
    )


class UserRepository:
    """Find, add and change users."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def by_username(self, username: str) -> User | None:
        """Return the user with a username, or None."""
        row = self.session.scalar(select(UserRow).where(UserRow.username == username))
        return None if row is None else _user(row)

    def password_hash(self, username: str) -> str | None:
        """Return the stored password hash of a user, or None."""
        return self.session.scalar(select(UserRow.password_hash).where(UserRow.username == username))

    def add(
        self, *, username: str, role: Role, password_hash: str, at: dt.datetime, display_name: str | None,
        enterprise_id: str | None, must_change_password: bool,
    ) -> User:  # fmt: skip
        """Add a user and return it."""
        row = UserRow(
            username=username, role=role.value, password_hash=password_hash, created_at=at, display_name=display_name,
            enterprise_id=enterprise_id, must_change_password=must_change_password, is_active=True,
        )  # fmt: skip
        self.session.add(row)
        self.session.flush()
        return _user(row)

    def set_password_hash(self, username: str, password_hash: str, *, must_change: bool) -> None:
        """Replace a user's password hash."""
        row = self.session.scalar(select(UserRow).where(UserRow.username == username))
        if row is not None:
            row.password_hash = password_hash
            row.must_change_password = must_change
            self.session.flush()

    def count(self) -> int:
        """Return how many users exist."""
        return int(self.session.scalar(select(func.count()).select_from(UserRow)) or 0)


class TokenRepository:
    """API tokens, found by the SHA-256 of the token."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, *, user_id: int, name: str, token_hash: str, prefix: str, at: dt.datetime) -> int:
        """Store a token's hash and return its id."""
        row = ApiTokenRow(
            user_id=user_id, name=name, token_hash=token_hash, prefix=prefix, created_at=at, revoked=False
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def user_for(self, token_hash: str) -> User | None:
        """Return the active user owning an unrevoked token with this hash."""
        statement = (
            select(UserRow)
            .join(ApiTokenRow, ApiTokenRow.user_id == UserRow.id)
            .where(ApiTokenRow.token_hash == token_hash, ApiTokenRow.revoked.is_(False), UserRow.is_active.is_(True))
        )
        row = self.session.scalar(statement)
        return None if row is None else _user(row)
