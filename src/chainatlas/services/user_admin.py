"""User administration in the browser (用户管理 — user administration): admins only.

The users with their last sign-in and live API tokens, the changes an admin makes (each one the recorded change
`services.users` writes), an enterprise or a fair registration found by name, and the paged sign-in log.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from chainatlas.domain.access import Action, allowed
from chainatlas.domain.common import Problem
from chainatlas.domain.enterprise import Enterprise
from chainatlas.domain.fair import FairParticipant
from chainatlas.domain.kinds import ENTERPRISES, FAIR_PARTICIPANTS
from chainatlas.domain.user import Role, User
from chainatlas.services.access_log import EVENTS
from chainatlas.services.context import WriteContext
from chainatlas.services.errors import Conflict, InvalidInput, NotAllowed
from chainatlas.services.users import (
    add_user,
    disable_user,
    enable_user,
    existing_user,
    one_time_password,
    reset_password,
    set_clusters,
    set_role,
    user_named,
    username_problems,
)
from chainatlas.store.access_log import AccessEntry, AccessFilter, AccessLogRepository
from chainatlas.store.queries import ListQuery, list_page
from chainatlas.store.registry import RegistryRepository
from chainatlas.store.users import TokenRepository, UserRepository

USERS = "users"
PICKS = 6
"""How many candidates a name search names when it matches more than one record."""
LOG_PAGE_SIZE = 25
MAX_LOG_PAGE = 100_000


@dataclass(frozen=True)
class UserSummary:
    """A user as the administration page lists them."""

    user: User
    last_sign_in: dt.datetime | None
    live_tokens: int
    enterprise_name: str | None


@dataclass(frozen=True)
class LogPage:
    """One page of the sign-in log, newest first, and how many entries match in all."""

    entries: list[AccessEntry]
    total: int
    page: int


def require_admin(by: User | None) -> User:
    """Return the user when they may manage users; else raise NotAllowed."""
    if by is None or not allowed(by, Action.MANAGE_USERS, USERS):
        raise NotAllowed(code="users.not_allowed", signed_in=by is not None)
    return by


def user_summaries(session: Session, by: User | None, *, now: dt.datetime) -> list[UserSummary]:
    """Return every user by username, with their last sign-in, live tokens and enterprise name."""
    require_admin(by)
    users = UserRepository(session).listed()
    last = AccessLogRepository(session).last_sign_ins()
    live = TokenRepository(session).live_counts(now=now)
    names = _enterprise_names(session, {u.enterprise_id for u in users if u.enterprise_id})
    return [
        UserSummary(u, last.get(u.username), live.get(u.username, 0), names.get(u.enterprise_id or "")) for u in users
    ]


def user_summary(session: Session, by: User | None, *, username: str, now: dt.datetime) -> UserSummary:
    """Return one user as listed, or raise NotFound."""
    require_admin(by)
    existing_user(session, username)
    return next(s for s in user_summaries(session, by, now=now) if s.user.username == username)


def _enterprise_names(session: Session, ids: set[str]) -> dict[str, str]:
    found = RegistryRepository(session, ENTERPRISES).get_many([(i,) for i in sorted(ids)])
    return {key[0]: record.name_zh for key, record in found.items()}


def registrations_of(session: Session, by: User | None, enterprise_id: str) -> list[FairParticipant]:
    """Return the fair registrations of an enterprise (what a participant account opens)."""
    require_admin(by)
    query = ListQuery(equals={"enterprise_id": enterprise_id}, limit=100)
    return list_page(session, FAIR_PARTICIPANTS, query).items


def affiliation(
    session: Session, role: Role, *, enterprise: str, registration: str
) -> tuple[str | None, list[Problem]]:
    """Return the enterprise a role's account belongs to (a member's by name, a participant's by its fair
    registration; None for other roles) and the problems of finding it."""
    if role is Role.MEMBER:
        return _found(session, enterprise.strip(), "enterprise", enterprise_by_name)
    if role is Role.PARTICIPANT:
        return _found(session, registration.strip(), "registration", _registration_by_name)
    return None, []


def _found(
    session: Session, text: str, field: str, find: Callable[[Session, str, str], str]
) -> tuple[str | None, list[Problem]]:
    if not text:
        code = "users.member_enterprise" if field == "enterprise" else "users.participant_registration"
        return None, [Problem.coded(field, code)]
    try:
        return find(session, text, field), []
    except InvalidInput as error:
        return None, error.problems


def enterprise_by_name(session: Session, wanted: str, field: str) -> str:
    """Return the id of the one enterprise whose id is `wanted` or whose name contains it; else raise InvalidInput."""
    if RegistryRepository(session, ENTERPRISES).get_many([(wanted,)]):
        return wanted
    named = list_page(session, ENTERPRISES, ListQuery(equals={"name_zh": wanted}, limit=2)).items
    if len(named) == 1:  # the full name, however many other names contain it
        return named[0].id
    found = list_page(session, ENTERPRISES, ListQuery(search=wanted, limit=PICKS + 1)).items
    chosen = _one_of(wanted, [firm.name_zh for firm in found])
    if chosen is not None:
        return found[chosen].id
    code = "users.enterprise_ambiguous" if found else "users.enterprise_unknown"
    raise InvalidInput([Problem.coded(field, code, value=wanted, text=wanted, names=_named(found))])


def _registration_by_name(session: Session, wanted: str, field: str) -> str:
    """Return the enterprise of the one fair registration whose id is `wanted` or whose name contains it."""
    repo = RegistryRepository(session, FAIR_PARTICIPANTS)
    found = (
        list(repo.get_many([(wanted,)]).values())
        or list_page(session, FAIR_PARTICIPANTS, ListQuery(search=wanted, limit=100)).items
    )
    linked = [p for p in found if p.enterprise_id is not None][: PICKS + 1]
    chosen = _one_of(wanted, [p.name_zh for p in linked])
    if chosen is not None and (enterprise := linked[chosen].enterprise_id) is not None:
        return enterprise
    code = "users.registration_ambiguous" if linked else "users.registration_unknown"
    raise InvalidInput([Problem.coded(field, code, value=wanted, text=wanted, names=_named(linked))])


def _one_of(wanted: str, names: list[str]) -> int | None:
    """Return the place of the one match, or of the one whose name is exactly the text; else None."""
    if not wanted:
        return None
    if len(names) == 1:
        return 0
    exact = [place for place, name in enumerate(names) if name == wanted]
    return exact[0] if len(exact) == 1 else None


def _named(found: Sequence[Enterprise | FairParticipant]) -> str:
    return "、".join(f"{record.name_zh} {record.id}" for record in found[:PICKS])


@dataclass(frozen=True)
class UserForm:
    """What the add and role forms send: the role and, by name, a member's enterprise or a participant's
    registration."""

    role: Role
    enterprise: str = ""
    registration: str = ""
    display_name: str | None = None


def add_user_as(
    session: Session, by: User | None, ctx: WriteContext, *, username: str, form: UserForm
) -> tuple[User, str]:
    """Add a user with a one-time password (changed at first sign-in); return the user and the password."""
    require_admin(by)
    problems = username_problems(username)
    if not problems and user_named(session, username) is not None:
        problems.append(Problem.coded("username", "users.exists", value=username, username=username))
    enterprise_id, found = affiliation(session, form.role, enterprise=form.enterprise, registration=form.registration)
    if problems + found:
        raise InvalidInput(problems + found)
    password = one_time_password()
    user = add_user(
        session,
        ctx,
        username=username,
        role=form.role,
        password=password,
        display_name=form.display_name or None,
        enterprise_id=enterprise_id,
        must_change_password=True,
    )
    return user, password


def set_active_as(session: Session, by: User | None, ctx: WriteContext, *, username: str, active: bool) -> None:
    """Enable or disable a user (disabling ends their sessions and revokes their tokens)."""
    require_admin(by)
    if active:
        enable_user(session, ctx, username=username)
    else:
        disable_user(session, ctx, username=username)


def set_role_as(session: Session, by: User | None, ctx: WriteContext, *, username: str, form: UserForm) -> int:
    """Give a user a role (and enterprise or registration), ending their sessions; return how many ended."""
    require_admin(by)
    existing_user(session, username)
    enterprise_id, problems = affiliation(
        session, form.role, enterprise=form.enterprise, registration=form.registration
    )
    if problems:
        raise InvalidInput(problems)
    return set_role(session, ctx, username=username, role=form.role, enterprise_id=enterprise_id)


def set_clusters_as(
    session: Session, by: User | None, ctx: WriteContext, *, username: str, clusters: Sequence[str]
) -> int:
    """Scope a user to clusters (none: every cluster), ending their sessions; return how many ended."""
    require_admin(by)
    return set_clusters(session, ctx, username=username, clusters=clusters)


def reset_password_as(session: Session, by: User | None, ctx: WriteContext, *, username: str, keep_tokens: bool) -> str:
    """Reset another user's password to a one-time password and return it (shown once)."""
    admin = require_admin(by)
    if username == admin.username:
        raise Conflict(code="users.reset_own")
    return reset_password(session, ctx, username=username, keep_tokens=keep_tokens)


def sign_in_log(
    session: Session,
    by: User | None,
    *,
    username: str | None,
    event: str | None,
    page: int,
    per_page: int = LOG_PAGE_SIZE,
) -> LogPage:
    """Return one page of the access log, newest first, for one account and event when given."""
    require_admin(by)
    problems = []
    if not 1 <= page <= MAX_LOG_PAGE:
        problems.append(Problem.coded("page", "access_log.page", value=str(page), most=MAX_LOG_PAGE))
    if event is not None and event not in EVENTS:
        problems.append(Problem.coded("event", "access_log.event", value=event, events=", ".join(EVENTS)))
    if problems:
        raise InvalidInput(problems)
    wanted = AccessFilter(username=username, event=event, limit=per_page, offset=(page - 1) * per_page)
    repo = AccessLogRepository(session)
    return LogPage(repo.entries(wanted), repo.count(wanted), page)
