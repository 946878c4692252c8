"""Users: add them, check passwords (argon2id), record every change."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Sequence

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError
from pydantic import TypeAdapter, ValidationError
from sqlalchemy.orm import Session

from chainatlas.domain.common import Problem
from chainatlas.domain.user import ApiToken, Role, SessionEnd, User, Username, password_issues, password_problems
from chainatlas.services.context import WriteContext
from chainatlas.services.errors import Conflict, InvalidInput, NotFound
from chainatlas.services.references import KnownKeys, unknown_reference
from chainatlas.services.sessions import end_user_sessions
from chainatlas.store.clusters import cluster_rules
from chainatlas.store.history import HistoryRepository
from chainatlas.store.users import TokenRepository, UserRepository

_HASHER = PasswordHasher()
TOKEN_DAYS = 90
TOKEN_SEEN_EVERY = dt.timedelta(minutes=1)
"""How long a new API token lasts unless told otherwise (setting CHAINATLAS_TOKEN_DAYS)."""
MAX_TOKEN_DAYS = 3650
_USERNAME: TypeAdapter[str] = TypeAdapter(Username)


def one_time_password() -> str:
    """Return a fresh random password for a first sign-in that meets the password rules."""
    while True:  # a random token is all letters about 4 % of the time, which the rules refuse
        candidate = secrets.token_urlsafe(12)
        if not password_problems(candidate):
            return candidate


def _user_problems(session: Session, role: Role, password: str, enterprise_id: str | None) -> list[Problem]:
    problems = [Problem.of("password", code, params) for code, params in password_issues(password)]
    return problems + _role_problems(session, role, enterprise_id)


def username_problems(username: str) -> list[Problem]:
    """Return why a username is not allowed (2–64 letters, digits or _ . @ -), if it is not."""
    try:
        _USERNAME.validate_python(username)
    except ValidationError:
        return [Problem.coded("username", "users.username_invalid", value=username[:100])]
    return []


def _role_problems(session: Session, role: Role, enterprise_id: str | None) -> list[Problem]:
    problems = []
    if role is Role.MEMBER and enterprise_id is None:
        problems.append(Problem.coded("enterprise_id", "users.member_enterprise"))
    if enterprise_id is not None and enterprise_id not in KnownKeys(session).of("enterprises"):
        problems.append(unknown_reference("enterprise_id", "enterprises", enterprise_id))
    return problems


def add_user(
    session: Session,
    ctx: WriteContext,
    *,
    username: str,
    role: Role,
    password: str,
    display_name: str | None = None,
    enterprise_id: str | None = None,
    must_change_password: bool = False,
    clusters: Sequence[str] = (),
) -> User:
    """Add a user with a hashed password (scoped to clusters when given); record the change (never the
    password)."""
    repo = UserRepository(session)
    if repo.by_username(username) is not None:
        raise Conflict(code="users.exists", params={"username": username})
    problems = username_problems(username) + _user_problems(session, role, password, enterprise_id)
    problems += cluster_problems(session, clusters)
    if problems:
        raise InvalidInput(problems)
    user = repo.add(
        username=username,
        role=role,
        password_hash=_HASHER.hash(password),
        at=ctx.at,
        display_name=display_name,
        enterprise_id=enterprise_id,
        must_change_password=must_change_password,
        clusters=_unique(clusters),
    )
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
    return {
        "batch_id": None,
        "at": ctx.at,
        "actor": ctx.actor,
        "via": ctx.via.value,
        "kind": "users",
        "record_key": key,
        "action": action,
        "before": None,
        "after": after,
    }


def change_password(
    session: Session, ctx: WriteContext, *, username: str, current: str, new: str, keep_tokens: bool = False
) -> None:
    """Replace a checked password, end the user's sessions, revoke their tokens unless kept; record it (not the password)."""
    user = authenticate(session, username=username, password=current)
    if user is None:
        raise InvalidInput([Problem.coded("current_password", "password.not_current")])
    problems = [Problem.of("new_password", code, params) for code, params in password_issues(new)]
    if new == current:
        problems.append(Problem.coded("new_password", "password.same"))
    if problems:
        raise InvalidInput(problems)
    UserRepository(session).set_password_hash(username, _HASHER.hash(new), must_change=False)
    ended = end_user_sessions(session, user, at=ctx.at, reason=SessionEnd.PASSWORD_CHANGED)
    revoked = 0 if keep_tokens else TokenRepository(session).revoke(at=ctx.at, user_id=user.id)
    after: dict[str, object] = {"sessions_ended": ended, "tokens_revoked": revoked, "tokens_kept": keep_tokens}
    HistoryRepository(session).add_changes([_history_entry(ctx, username, "password", after)])


def reset_password(session: Session, ctx: WriteContext, *, username: str, keep_tokens: bool = False) -> str:
    """Give a user a one-time password (changed at next sign-in), ending their sessions and, unless kept, revoking
    their tokens as a password change does; record it (never the password); return the password, shown once."""
    user = existing_user(session, username)
    password = one_time_password()
    UserRepository(session).set_password_hash(username, _HASHER.hash(password), must_change=True)
    ended = end_user_sessions(session, user, at=ctx.at, reason=SessionEnd.PASSWORD_CHANGED)
    revoked = 0 if keep_tokens else TokenRepository(session).revoke(at=ctx.at, user_id=user.id)
    after: dict[str, object] = {"sessions_ended": ended, "tokens_revoked": revoked, "tokens_kept": keep_tokens}
    HistoryRepository(session).add_changes([_history_entry(ctx, username, "reset", after)])
    return password


def existing_user(session: Session, username: str) -> User:
    """Return a user, active or not, or raise NotFound."""
    user = UserRepository(session).by_username(username)
    if user is None:
        raise NotFound(code="users.not_found", params={"username": username})
    return user


def _refuse_last_admin(session: Session, user: User) -> None:
    if user.role is Role.ADMIN and user.is_active and UserRepository(session).active_admins() <= 1:
        raise Conflict(code="users.only_admin", params={"username": user.username})


def disable_user(session: Session, ctx: WriteContext, *, username: str) -> int:
    """Disable a user: end their sessions and revoke their API tokens at once; return the sessions ended."""
    user = existing_user(session, username)
    if not user.is_active:
        raise Conflict(code="users.already_disabled", params={"username": username})
    _refuse_last_admin(session, user)
    UserRepository(session).set_active(username, active=False)
    ended = end_user_sessions(session, user, at=ctx.at, reason=SessionEnd.DISABLED)
    revoked = TokenRepository(session).revoke(at=ctx.at, user_id=user.id)
    after: dict[str, object] = {"is_active": False, "sessions_ended": ended, "tokens_revoked": revoked}
    HistoryRepository(session).add_changes([_history_entry(ctx, username, "disable", after)])
    return ended


def enable_user(session: Session, ctx: WriteContext, *, username: str) -> None:
    """Enable a disabled user again (their old sessions and tokens stay ended)."""
    if existing_user(session, username).is_active:
        raise Conflict(code="users.already_enabled", params={"username": username})
    UserRepository(session).set_active(username, active=True)
    HistoryRepository(session).add_changes([_history_entry(ctx, username, "enable", {"is_active": True})])


def set_role(
    session: Session, ctx: WriteContext, *, username: str, role: Role, enterprise_id: str | None = None
) -> int:
    """Give a user another role, ending their sessions at once; return how many ended."""
    user = existing_user(session, username)
    if (user.role, user.enterprise_id) == (role, enterprise_id):
        raise Conflict(code="users.same_role", params={"username": username, "role": role.value})
    if problems := _role_problems(session, role, enterprise_id):
        raise InvalidInput(problems)
    if role is not Role.ADMIN:
        _refuse_last_admin(session, user)
    UserRepository(session).set_role(username, role=role, enterprise_id=enterprise_id)
    ended = end_user_sessions(session, user, at=ctx.at, reason=SessionEnd.ROLE_CHANGED)
    change = _history_entry(ctx, username, "role", {"role": role.value, "enterprise_id": enterprise_id})
    change["before"] = {"role": user.role.value, "enterprise_id": user.enterprise_id}
    HistoryRepository(session).add_changes([change])
    return ended


def _unique(clusters: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c.strip() for c in clusters if c.strip()))


def cluster_problems(session: Session, clusters: Sequence[str]) -> list[Problem]:
    """Return a problem for each cluster id that names no cluster."""
    known = [rule.id for rule in cluster_rules(session)]
    return [
        Problem.coded("clusters", "cluster.unknown", value=c, cluster=c, known=", ".join(known))
        for c in _unique(clusters)
        if c not in known
    ]


def set_clusters(session: Session, ctx: WriteContext, *, username: str, clusters: Sequence[str]) -> int:
    """Scope a user to clusters (empty: every cluster), ending their sessions at once as a role change does;
    return how many ended."""
    user = existing_user(session, username)
    wanted = _unique(clusters)
    if set(wanted) == set(user.clusters):
        raise Conflict(code="users.same_clusters", params={"username": username})
    if problems := cluster_problems(session, wanted):
        raise InvalidInput(problems)
    UserRepository(session).set_clusters(username, wanted)
    ended = end_user_sessions(session, user, at=ctx.at, reason=SessionEnd.SCOPE_CHANGED)
    change = _history_entry(ctx, username, "clusters", {"clusters": list(wanted)})
    change["before"] = {"clusters": list(user.clusters)}
    HistoryRepository(session).add_changes([change])
    return ended


def end_sessions(session: Session, ctx: WriteContext, *, username: str) -> int:
    """End every open session of a user (an admin's action); return how many ended."""
    user = existing_user(session, username)
    ended = end_user_sessions(session, user, at=ctx.at, reason=SessionEnd.ENDED_BY_ADMIN)
    HistoryRepository(session).add_changes([_history_entry(ctx, username, "sessions", {"sessions_ended": ended})])
    return ended


def token_hash(token: str) -> str:
    """Return the stored form of an API token (tokens are random, so a plain SHA-256 suffices)."""
    return hashlib.sha256(token.encode()).hexdigest()


def _days_problems(days: int) -> list[Problem]:
    if 1 <= days <= MAX_TOKEN_DAYS:
        return []
    return [Problem.coded("days", "tokens.days", value=str(days), most=MAX_TOKEN_DAYS)]


def issue_token(
    session: Session, ctx: WriteContext, *, username: str, name: str, days: int = TOKEN_DAYS
) -> tuple[str, ApiToken]:
    """Create an API token for a user, valid for `days` days; return it (shown once) and its listing."""
    user = existing_user(session, username)
    if problems := _days_problems(days):
        raise InvalidInput(problems)
    token = "ca_" + secrets.token_urlsafe(32)
    expires = ctx.at + dt.timedelta(days=days)
    repo = TokenRepository(session)
    token_id = repo.add(
        user_id=user.id, name=name, token_hash=token_hash(token), prefix=token[:10], at=ctx.at, expires_at=expires
    )
    after = {"token_id": token_id, "name": name, "prefix": token[:10], "expires_at": expires.isoformat()}
    HistoryRepository(session).add_changes([_history_entry(ctx, username, "token", after)])
    return token, repo.listed(token_id=token_id)[0]


def create_token(session: Session, ctx: WriteContext, *, username: str, name: str, days: int = TOKEN_DAYS) -> str:
    """Create an API token for a user, valid for `days` days, and return it; only its hash is kept."""
    return issue_token(session, ctx, username=username, name=name, days=days)[0]


def user_for_token(session: Session, token: str, *, now: dt.datetime | None = None) -> User | None:
    """Return the active user of a live (unrevoked, unexpired) token, stamping it used at most once a minute."""
    now = now or dt.datetime.now(dt.UTC)
    repo = TokenRepository(session)
    found = repo.owner(token_hash(token), now=now)
    if found is None:
        return None
    token_id, user, last_used = found
    if last_used is None or now - last_used >= TOKEN_SEEN_EVERY:
        repo.touch(token_id, now=now, used_before=now - TOKEN_SEEN_EVERY)
    return user


def list_tokens(session: Session, *, username: str) -> list[ApiToken]:
    """Return a user's API tokens, oldest first (live, expired and revoked)."""
    existing_user(session, username)
    return TokenRepository(session).listed(username=username)


def revoke_token(session: Session, ctx: WriteContext, *, token_id: int, owner: str | None = None) -> ApiToken:
    """Revoke one API token (only `owner`'s when given); record it; return the token as it was."""
    found = TokenRepository(session).listed(token_id=token_id)
    if not found or (owner is not None and found[0].username != owner):
        raise NotFound(code="tokens.not_found", params={"token_id": token_id})
    token = found[0]
    if token.revoked_at is not None:
        raise Conflict(code="tokens.already_revoked", params={"token_id": token_id})
    TokenRepository(session).revoke(at=ctx.at, token_id=token_id)
    after = {"token_id": token_id, "name": token.name, "prefix": token.prefix}
    HistoryRepository(session).add_changes([_history_entry(ctx, token.username, "revoke", after)])
    return token


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


def user_named(session: Session, username: str) -> User | None:
    """Return the user with a username, active or disabled, or None."""
    return UserRepository(session).by_username(username)
