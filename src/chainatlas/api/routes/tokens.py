"""API tokens of the caller (or, for an admin, anyone's): list, create, revoke."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from chainatlas.api.deps import CurrentUser, UoW, Writer, write_context
from chainatlas.domain.user import ApiToken, User
from chainatlas.services.accounts import create_own_token, revoke_token_as, tokens_of
from chainatlas.services.context import Via
from chainatlas.services.errors import NotAllowed
from chainatlas.services.users import MAX_TOKEN_DAYS

router = APIRouter(prefix="/tokens", tags=["tokens"])


class TokenCreate(BaseModel):
    """A new token: what it is for and, optionally, how many days it lasts (default CHAINATLAS_TOKEN_DAYS)."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(default="api", min_length=1, max_length=100)
    days: int | None = Field(default=None, ge=1, le=MAX_TOKEN_DAYS)


def token_row(token: ApiToken, now: dt.datetime) -> dict[str, Any]:
    """Return a token as listed (never the token itself), with its state now."""
    return {**token.model_dump(mode="json"), "state": token.state(now)}


def _signed_in(user: User | None) -> User:
    if user is None:
        raise NotAllowed("请先登录 / sign in (or send an API token) first", signed_in=False)
    return user


@router.get("", summary="The caller's API tokens (admins: any user's with ?user=), with last-used times")
def list_tokens(
    uow: UoW, user: CurrentUser, username: Annotated[str | None, Query(alias="user", max_length=64)] = None
) -> dict[str, Any]:
    """Return the tokens, oldest first: live, expired and revoked."""
    caller = _signed_in(user)
    found = tokens_of(uow.session, caller, username=username)
    now = dt.datetime.now(dt.UTC)
    return {"user": username or caller.username, "tokens": [token_row(t, now) for t in found]}


@router.post("", status_code=201, summary="Create an API token for the caller; the token is shown only in this answer")
def create_token(request: Request, uow: UoW, user: Writer, body: TokenCreate | None = None) -> dict[str, Any]:
    """Return the new token once, with its listing; only its SHA-256 is kept."""
    if request.state.auth == "token":
        raise NotAllowed(
            "请登录后创建令牌，不能用令牌创建令牌 / create tokens when signed in, not with a token", signed_in=True
        )
    wanted = body or TokenCreate()
    days = wanted.days or request.app.state.settings.token_days
    secret, token = create_own_token(uow.session, user, write_context(user, Via.API), name=wanted.name, days=days)
    uow.commit()
    return {"token": secret, **token_row(token, dt.datetime.now(dt.UTC))}


@router.delete("/{token_id}", summary="Revoke a token: one's own, or any for an admin")
def revoke_token(token_id: Annotated[int, Path(ge=1, le=2**31 - 1)], uow: UoW, user: Writer) -> dict[str, Any]:
    """Return the revoked token; requests with it get 401 from now on."""
    token = revoke_token_as(uow.session, user, write_context(user, Via.API), token_id=token_id)
    uow.commit()
    return {"revoked": token.id, "name": token.name, "prefix": token.prefix}
