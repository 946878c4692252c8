"""Users and roles (access is data: role × action × resource)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints

from chainatlas.domain.common import Code
from chainatlas.domain.messages import message_text

Username = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z0-9_.@-]{2,64}$")]
MIN_PASSWORD_LENGTH = 10


class Role(StrEnum):
    """What a user may do: see DESIGN.md's security model."""

    ADMIN = "admin"
    ANALYST = "analyst"
    MEMBER = "member"
    PARTICIPANT = "participant"
    VIEWER = "viewer"


class User(BaseModel):
    """A person who signs in."""

    model_config = ConfigDict(frozen=True)

    id: int
    username: Username
    display_name: str | None = None
    role: Role
    enterprise_id: Code | None = None
    must_change_password: bool = False
    is_active: bool = True
    clusters: tuple[Code, ...] = ()
    """The clusters this user is scoped to (a chain office sees its own chain only); empty: every cluster."""


def password_issues(password: str) -> list[tuple[str, dict[str, str | int | float | None]]]:
    """Return every reason a password is too weak, as message codes with their parameters."""
    issues: list[tuple[str, dict[str, str | int | float | None]]] = []
    if len(password) < MIN_PASSWORD_LENGTH:
        issues.append(("password.too_short", {"min": MIN_PASSWORD_LENGTH}))
    if password.isdigit() or password.isalpha():
        issues.append(("password.mix", {}))
    return issues


def password_problems(password: str) -> list[str]:
    """Return every reason a password is too weak, in English."""
    return [message_text(code, params, "en") for code, params in password_issues(password)]


class SessionEnd(StrEnum):
    """Why a sign-in session ended before it expired."""

    SIGNED_OUT = "signed_out"
    PASSWORD_CHANGED = "password_changed"  # noqa: S105 (a reason, not a password)
    ROLE_CHANGED = "role_changed"
    SCOPE_CHANGED = "scope_changed"  # the clusters the account may see changed
    DISABLED = "disabled"
    ENDED_BY_ADMIN = "ended_by_admin"
    RESTORED = "restored"  # the database was restored from a backup


TokenState = Literal["active", "expired", "revoked"]


class ApiToken(BaseModel):
    """An API token as listed: never the token itself, only its first characters."""

    model_config = ConfigDict(frozen=True)

    id: int
    username: str
    name: str
    prefix: str
    created_at: dt.datetime
    expires_at: dt.datetime
    last_used_at: dt.datetime | None = None
    revoked_at: dt.datetime | None = None

    def state(self, now: dt.datetime) -> TokenState:
        """Return `revoked`, `expired` or `active` at a moment."""
        if self.revoked_at is not None:
            return "revoked"
        return "expired" if self.expires_at <= now else "active"
