"""Users: stored with a password hash, returned as domain users."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from chainatlas.domain.user import ApiToken, Role, User
from chainatlas.store.rows import ApiTokenRow, UserRow


def user_of_row(row: UserRow) -> User:
    """Return a stored user as a domain user."""
    return User(
        id=row.id,
        username=row.username,
        display_name=row.display_name,
        role=Role(row.role),
        enterprise_id=row.enterprise_id,
        must_change_password=row.must_change_password,
        is_active=row.is_active,
        clusters=tuple(row.clusters or ()),
    )


class UserRepository:
    """Find, add and change users."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def by_username(self, username: str) -> User | None:
        """Return the user with a username, or None."""
        row = self.session.scalar(select(UserRow).where(UserRow.username == username))
        return None if row is None else user_of_row(row)

    def password_hash(self, username: str) -> str | None:
        """Return the stored password hash of a user, or None."""
        return self.session.scalar(select(UserRow.password_hash).where(UserRow.username == username))

    def add(
        self,
        *,
        username: str,
        role: Role,
        password_hash: str,
        at: dt.datetime,
        display_name: str | None,
        enterprise_id: str | None,
        must_change_password: bool,
        clusters: tuple[str, ...] = (),
    ) -> User:
        """Add a user and return it."""
        row = UserRow(
            username=username,
            role=role.value,
            password_hash=password_hash,
            created_at=at,
            display_name=display_name,
            enterprise_id=enterprise_id,
            must_change_password=must_change_password,
            is_active=True,
            clusters=clusters,
        )
        self.session.add(row)
        self.session.flush()
        return user_of_row(row)

    def set_password_hash(self, username: str, password_hash: str, *, must_change: bool) -> None:
        """Replace a user's password hash."""
        row = self.session.scalar(select(UserRow).where(UserRow.username == username))
        if row is not None:
            row.password_hash = password_hash
            row.must_change_password = must_change
            self.session.flush()

    def set_active(self, username: str, *, active: bool) -> None:
        """Enable or disable a user."""
        self.session.execute(update(UserRow).where(UserRow.username == username).values(is_active=active))

    def set_role(self, username: str, *, role: Role, enterprise_id: str | None) -> None:
        """Give a user a role (and the enterprise a member belongs to)."""
        values = {"role": role.value, "enterprise_id": enterprise_id}
        self.session.execute(update(UserRow).where(UserRow.username == username).values(**values))

    def set_clusters(self, username: str, clusters: tuple[str, ...]) -> None:
        """Scope a user to clusters (empty: every cluster)."""
        self.session.execute(update(UserRow).where(UserRow.username == username).values(clusters=clusters))

    def active_admins(self) -> int:
        """Return how many active admins exist."""
        statement = select(func.count()).where(UserRow.role == Role.ADMIN.value, UserRow.is_active.is_(True))
        return int(self.session.scalar(statement) or 0)

    def count(self) -> int:
        """Return how many users exist."""
        return int(self.session.scalar(select(func.count()).select_from(UserRow)) or 0)

    def listed(self) -> list[User]:
        """Return every user, active or disabled, by username."""
        return [user_of_row(row) for row in self.session.scalars(select(UserRow).order_by(UserRow.username))]


class TokenRepository:
    """API tokens, found by the SHA-256 of the token."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self, *, user_id: int, name: str, token_hash: str, prefix: str, at: dt.datetime, expires_at: dt.datetime
    ) -> int:
        """Store a token's hash and return its id."""
        row = ApiTokenRow(
            user_id=user_id, name=name, token_hash=token_hash, prefix=prefix, created_at=at, expires_at=expires_at
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def owner(self, token_hash: str, *, now: dt.datetime) -> tuple[int, User, dt.datetime | None] | None:
        """Return (token id, active user, last used) of an unrevoked, unexpired token with this hash."""
        statement = (
            select(ApiTokenRow.id, ApiTokenRow.last_used_at, UserRow)
            .join(UserRow, ApiTokenRow.user_id == UserRow.id)
            .where(ApiTokenRow.token_hash == token_hash, ApiTokenRow.revoked_at.is_(None))
            .where(ApiTokenRow.expires_at > now, UserRow.is_active.is_(True))
        )
        found = self.session.execute(statement).first()
        return None if found is None else (found[0], user_of_row(found[2]), found[1])

    def touch(self, token_id: int, *, now: dt.datetime, used_before: dt.datetime) -> None:
        """Stamp a token as used now, unless it was stamped since `used_before`."""
        stale = (ApiTokenRow.last_used_at.is_(None)) | (ApiTokenRow.last_used_at < used_before)
        self.session.execute(update(ApiTokenRow).where(ApiTokenRow.id == token_id, stale).values(last_used_at=now))

    def listed(self, *, username: str | None = None, token_id: int | None = None) -> list[ApiToken]:
        """Return tokens, oldest first: a user's, or the one with an id."""
        statement = select(ApiTokenRow, UserRow.username).join(UserRow, ApiTokenRow.user_id == UserRow.id)
        if username is not None:
            statement = statement.where(UserRow.username == username)
        if token_id is not None:
            statement = statement.where(ApiTokenRow.id == token_id)
        return [_token(row, name) for row, name in self.session.execute(statement.order_by(ApiTokenRow.id))]

    def live_counts(self, *, now: dt.datetime) -> dict[str, int]:
        """Return how many live (unrevoked, unexpired) tokens each user holds, by username (users with none left out)."""
        statement = (
            select(UserRow.username, func.count(ApiTokenRow.id))
            .join(UserRow, ApiTokenRow.user_id == UserRow.id)
            .where(ApiTokenRow.revoked_at.is_(None), ApiTokenRow.expires_at > now)
            .group_by(UserRow.username)
        )
        return {name: int(count) for name, count in self.session.execute(statement)}

    def revoke(self, *, at: dt.datetime, token_id: int | None = None, user_id: int | None = None) -> int:
        """Revoke one token, or every live token of a user; return how many were revoked."""
        if token_id is None and user_id is None:
            raise ValueError("revoke needs a token id or a user id")
        statement = update(ApiTokenRow).where(ApiTokenRow.revoked_at.is_(None))
        if token_id is not None:
            statement = statement.where(ApiTokenRow.id == token_id)
        if user_id is not None:
            statement = statement.where(ApiTokenRow.user_id == user_id)
        return int(self.session.execute(statement.values(revoked_at=at)).rowcount or 0)  # type: ignore[attr-defined]


def _token(row: ApiTokenRow, username: str) -> ApiToken:
    return ApiToken(
        id=row.id,
        username=username,
        name=row.name,
        prefix=row.prefix,
        created_at=row.created_at,
        expires_at=row.expires_at,
        last_used_at=row.last_used_at,
        revoked_at=row.revoked_at,
    )
