"""Sign in and out with a session cookie (for browsers calling the API; scripts use bearer tokens)."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request
from pydantic import BaseModel

from chainatlas.api.deps import UoW, Writer, client_address, csrf_token, write_context
from chainatlas.domain.user import User
from chainatlas.services.accounts import end_sessions_as
from chainatlas.services.context import Via
from chainatlas.services.errors import NotAllowed
from chainatlas.services.sessions import SESSION_SECRET, end_session, start_session
from chainatlas.services.sign_in_limits import check_sign_in_allowed, record_sign_in
from chainatlas.services.users import authenticate

router = APIRouter(tags=["session"])


class SignIn(BaseModel):
    """Credentials."""

    username: str
    password: str


class SignedIn(BaseModel):
    """A started session: who signed in and the CSRF token later cookie writes send as `X-CSRF-Token`."""

    user: User
    csrf_token: str


class SessionsEnded(BaseModel):
    """How many sign-in sessions of a user were ended."""

    user: str
    sessions_ended: int


@router.post("/session", response_model=SignedIn, summary="Sign in; the answer carries the CSRF token for later writes")
def sign_in(body: SignIn, request: Request, uow: UoW) -> SignedIn:
    """Check the password, start a server-side session named by the cookie, return the user and a CSRF token."""
    check_sign_in_allowed(uow.session, username=body.username)
    user = authenticate(uow.session, username=body.username, password=body.password)
    record_sign_in(uow.session, username=body.username, user=user)
    if user is None:
        raise NotAllowed(code="access.wrong_password", signed_in=False)
    secret = start_session(
        uow.session,
        user,
        at=dt.datetime.now(dt.UTC),
        address=client_address(request),
        replacing=request.session.get(SESSION_SECRET),
    )
    uow.commit()
    request.session.clear()
    request.session[SESSION_SECRET] = secret
    return SignedIn(user=user, csrf_token=csrf_token(request))


@router.delete("/session", status_code=204, summary="Sign out: the session ends on the server too")
def sign_out(request: Request, uow: UoW) -> None:
    """End the cookie's session on the server (a copy of the cookie stops working) and clear the cookie."""
    end_session(uow.session, request.session.get(SESSION_SECRET), at=dt.datetime.now(dt.UTC))
    uow.commit()
    request.session.clear()


@router.delete(
    "/users/{username}/sessions", response_model=SessionsEnded, summary="End every sign-in session of a user (admins)"
)
def end_user_sessions(username: str, uow: UoW, user: Writer) -> SessionsEnded:
    """Return how many sessions were ended; the user's copied cookies stop working at once."""
    ended = end_sessions_as(uow.session, user, write_context(user, Via.API), username=username)
    uow.commit()
    return SessionsEnded(user=username, sessions_ended=ended)
