"""Account access (administrators): lift a sign-in lock-out, read the access log."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from chainatlas.api.deps import CurrentUser, UoW, Writer, write_context
from chainatlas.services.access_log import EVENTS, MAX_ENTRIES, AccessFilter, access_entries
from chainatlas.services.context import Via
from chainatlas.services.sign_in_limits import unlock_user

router = APIRouter(tags=["access"])


class Unlocked(BaseModel):
    """A lifted lock-out: the user and how many consecutive failures were cleared."""

    username: str
    failures_cleared: int


class AccessLogEntry(BaseModel):
    """One access-log entry: when, who (as typed), the account id, the client address, the event, details."""

    id: int
    at: str = Field(description="ISO 8601 time of the entry")
    username: str
    user_id: int | None
    address: str | None
    event: str
    detail: dict[str, Any]


class AccessLog(BaseModel):
    """Matching access-log entries, newest first."""

    items: list[AccessLogEntry]


@router.post(
    "/users/{username}/unlock",
    response_model=Unlocked,
    summary="Lift a user's sign-in back-off or lock-out (administrators)",
)
def unlock(username: str, uow: UoW, user: Writer) -> Unlocked:
    """Return the user and how many consecutive failures were cleared; the unlock is in the change history."""
    cleared = unlock_user(uow.session, write_context(user, Via.API), user, username=username)
    uow.commit()
    return Unlocked(username=username, failures_cleared=cleared)


@router.get(
    "/access-log",
    response_model=AccessLog,
    summary="Sign-ins, failures, lock-outs and confidential reads, newest first (administrators)",
)
def access_log(
    uow: UoW,
    user: CurrentUser,
    username: Annotated[
        str | None, Query(alias="user", max_length=200, description="only this account (as typed)")
    ] = None,
    event: Annotated[str | None, Query(description=f"only this event: {', '.join(EVENTS)}")] = None,
    since: Annotated[
        dt.datetime | None, Query(description="only entries at or after this time (ISO 8601; no zone: UTC)")
    ] = None,
    enterprise: Annotated[
        str | None, Query(max_length=64, description="only confidential reads of this enterprise's links")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_ENTRIES)] = 100,
) -> AccessLog:
    """Return the matching entries: when, who (as typed), the account id, the client address, the event, details."""
    moment = since.replace(tzinfo=dt.UTC) if since is not None and since.tzinfo is None else since
    wanted = AccessFilter(username=username, event=event, since=moment, enterprise=enterprise, limit=limit)
    return AccessLog(items=[AccessLogEntry(**e.as_json()) for e in access_entries(uow.session, user, wanted)])
