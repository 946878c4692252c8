"""The access log (who signed in, failed, was throttled or locked, and who read confidential supply links).

An entry is written in a transaction of its own, committed at once: a failed sign-in ends its request with an
error (the request's unit of work is rolled back) and reads never commit, yet both must be on record. Entries
move no version (see store.history.Concern), so they never empty a cache. The adapter says where a request
comes from once, when it opens the unit of work (`set_origin`); every service reads it from there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from chainatlas.domain.access import Action, allowed
from chainatlas.domain.common import Problem
from chainatlas.domain.user import User
from chainatlas.services.errors import InvalidInput, NotAllowed
from chainatlas.store.access_log import CONFIDENTIAL_READ, AccessEntry, AccessLogRepository
from chainatlas.store.access_log import EVENTS as EVENTS  # re-exported: the adapters' filters name them
from chainatlas.store.access_log import AccessFilter as AccessFilter

ORIGIN_KEY = "chainatlas.origin"
SHOWN_KEY = "chainatlas.showed_confidential"
USERNAME_LENGTH = 200
ANONYMOUS = "(anonymous)"
USERS = "users"
MAX_ENTRIES = 10_000


@dataclass(frozen=True)
class Origin:
    """Where a unit of work's requests come from: the client address (None for the CLI), the door, the time."""

    address: str | None
    via: str
    at: dt.datetime


def set_origin(session: Session, *, address: str | None, via: str, at: dt.datetime) -> None:
    """Say where this unit of work's request comes from (called by the adapter that opens it)."""
    session.info[ORIGIN_KEY] = Origin(address=address[:100] if address else None, via=via, at=at)


def origin_of(session: Session) -> Origin:
    """Return where this unit of work's request comes from (unknown origin: no address, stamped now)."""
    found = session.info.get(ORIGIN_KEY)
    if isinstance(found, Origin):
        return found
    # A caller that did not say (a script calling services directly) is logged at the current time.
    return Origin(address=None, via="unknown", at=dt.datetime.now(dt.UTC))


def log_apart(session: Session, *, username: str, user: User | None, event: str, detail: dict[str, Any]) -> None:
    """Append an access-log entry in a transaction of its own, committed now.

    On SQLite, while `session` itself holds the write lock (it has written), a second writer would wait for it
    until the timeout: the entry then joins `session`'s unit of work and is kept when the caller commits.
    """
    if _holds_sqlite_write_lock(session):
        log_in_unit(session, username=username, user=user, event=event, detail=detail)
        return
    with Session(session.get_bind()) as own:
        _add(own, origin_of(session), username=username, user=user, event=event, detail=detail)
        own.commit()


def _holds_sqlite_write_lock(session: Session) -> bool:
    if not session.in_transaction():
        return False
    connection = session.connection()
    # pysqlite opens a transaction only before a write, so an open one means this session has written
    return connection.dialect.name == "sqlite" and bool(
        getattr(connection.connection.dbapi_connection, "in_transaction", False)
    )


@contextmanager
def fresh_log(session: Session) -> Iterator[AccessLogRepository]:
    """Yield the access log read in a transaction of its own (seeing every entry committed until now)."""
    with Session(session.get_bind()) as fresh:
        yield AccessLogRepository(fresh)


def log_in_unit(session: Session, *, username: str, user: User | None, event: str, detail: dict[str, Any]) -> None:
    """Append an access-log entry to this unit of work (kept only if the caller commits, with the write it goes with)."""
    _add(session, origin_of(session), username=username, user=user, event=event, detail=detail)


def _add(
    session: Session, origin: Origin, *, username: str, user: User | None, event: str, detail: dict[str, Any]
) -> None:
    AccessLogRepository(session).add(
        at=origin.at,
        username=username[:USERNAME_LENGTH],
        user_id=_account_id(user),
        address=origin.address,
        event=event,
        detail={"via": origin.via, **detail},
    )


def _account_id(user: User | None) -> int | None:
    return user.id if user is not None and user.id > 0 else None  # the CLI's user (id 0) has no account


def _parties(link: object) -> tuple[str, str] | None:
    """Return a confidential link's two enterprise ids (a SupplyLink or its JSON), or None for a public one."""
    fields: Mapping[str, Any] = (
        link
        if isinstance(link, Mapping)
        else {name: getattr(link, name, None) for name in ("confidential", "supplier_id", "customer_id")}
    )
    if not fields.get("confidential"):
        return None
    return str(fields.get("supplier_id")), str(fields.get("customer_id"))


def log_confidential_read(session: Session, user: User | None, links: Iterable[object], *, what: str) -> None:
    """Log that a user was shown confidential supply links (which enterprises' links, how many, through what).

    Links that are not confidential are ignored: a read that showed none writes nothing.
    """
    shown = [pair for pair in map(_parties, links) if pair is not None]
    if not shown:
        return
    enterprises = sorted({firm for pair in shown for firm in pair})
    detail = {"what": what, "links": len(shown), "enterprises": enterprises}
    name = user.username if user is not None else ANONYMOUS
    log_apart(session, username=name, user=user, event=CONFIDENTIAL_READ, detail=detail)
    session.info[SHOWN_KEY] = True


def showed_confidential(info: Mapping[str, Any]) -> bool:
    """Return whether a unit of work (by its session's `info`) showed confidential links (such a page is not cached)."""
    return bool(info.get(SHOWN_KEY))


def access_entries(session: Session, user: User | None, wanted: AccessFilter) -> list[AccessEntry]:
    """Return the newest access-log entries matching a filter (administrators only)."""
    if not allowed(user, Action.MANAGE_USERS, USERS):
        raise NotAllowed(code="access.log_admin_only", signed_in=user is not None)
    problems = (
        []
        if 0 < wanted.limit <= MAX_ENTRIES
        else [Problem.coded("limit", "access.limit", value=str(wanted.limit), max=MAX_ENTRIES)]
    )
    if wanted.event is not None and wanted.event not in EVENTS:
        problems.append(Problem.coded("event", "access.event", value=wanted.event, known=", ".join(EVENTS)))
    if problems:
        raise InvalidInput(problems)
    return AccessLogRepository(session).entries(wanted)
