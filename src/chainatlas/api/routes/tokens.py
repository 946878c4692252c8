"""API tokens of the caller (or, for an admin, anyone's): list, create, revoke."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from chainatlas.api.deps import CurrentUser, UoW, Writer, write_context
from chainatlas.domain.user import ApiToken, TokenState, User
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


class TokenRow(BaseModel):
    """A token as listed (never the token itself, only its first characters), with its state now."""

    id: int
    username: str
    name: str
    prefix: str
    created_at: dt.datetime
    expires_at: dt.datetime
    last_used_at: dt.datetime | None = None
    revoked_at: dt.datetime | None = None
    state: TokenState


class TokenList(BaseModel):
    """A user's tokens, oldest first."""

    user: str
    tokens: list[TokenRow]


class NewToken(TokenRow):
    """A new token: the token itself (shown only in this answer) with its listing."""

    token: str


class RevokedToken(BaseModel):
    """The token just revoked."""

    revoked: int
    name: str
    prefix: str


def token_row(token: ApiToken, now: dt.datetime) -> TokenRow:
    """Return a token as listed (never the token itself), with its state now."""
    return TokenRow(**token.model_dump(), state=token.state(now))


def _signed_in(user: User | None) -> User:
    if user is None:
        raise NotAllowed(code="access.sign_in_api", signed_in=False)
    return user


@router.get(
    "",
    response_model=TokenList,
    summary="The caller's API tokens (admins: any user's with ?user=), with last-used times",
)
def list_tokens(
    uow: UoW, user: CurrentUser, username: Annotated[str | None, Query(alias="user", max_length=64)] = None
) -> TokenList:
    """Return the tokens, oldest first: live, expired and revoked."""
    caller = _signed_in(user)
    found = tokens_of(uow.session, caller, username=username)
    now = dt.datetime.now(dt.UTC)
    return TokenList(user=username or caller.username, tokens=[token_row(t, now) for t in found])


@router.post(
    "",
    status_code=201,
    response_model=NewToken,
    summary="Create an API token for the caller; the token is shown only in this answer",
)
def create_token(request: Request, uow: UoW, user: Writer, body: TokenCreate | None = None) -> NewToken:
    """Return the new token once, with its listing; only its SHA-256 is kept."""
    if request.state.auth == "token":
        raise NotAllowed(
            "请登录后创建令牌，不能用令牌创建令牌 / create tokens when signed in, not with a token", signed_in=True
        )
    wanted = body or TokenCreate()
    days = wanted.days or request.app.state.settings.token_days
    secret, token = create_own_token(uow.session, user, write_context(user, Via.API), name=wanted.name, days=days)
    uow.commit()
    return NewToken(token=secret, **token_row(token, dt.datetime.now(dt.UTC)).model_dump())


@router.delete("/{token_id}", response_model=RevokedToken, summary="Revoke a token: one's own, or any for an admin")
def revoke_token(token_id: Annotated[int, Path(ge=1, le=2**31 - 1)], uow: UoW, user: Writer) -> RevokedToken:
    """Return the revoked token; requests with it get 401 from now on."""
    token = revoke_token_as(uow.session, user, write_context(user, Via.API), token_id=token_id)
    uow.commit()
    return RevokedToken(revoked=token.id, name=token.name, prefix=token.prefix)
