"""Request dependencies: the unit of work, the user (bearer token or session cookie), CSRF, write context."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Annotated

from fastapi import Depends, Header, Request, Security
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from chainatlas.domain.as_of import ClusterClock
from chainatlas.domain.user import User
from chainatlas.services.access_log import set_origin
from chainatlas.services.context import Via
from chainatlas.services.context import write_context as write_context  # the routes' one write context
from chainatlas.services.errors import NotAllowed
from chainatlas.services.sessions import SESSION_SECRET, csrf_matches, session_csrf_token, session_user
from chainatlas.services.uow import UnitOfWork
from chainatlas.services.users import user_for_token


def unit_of_work(request: Request) -> Iterator[UnitOfWork]:
    """Open the request's unit of work; a route commits it after a successful write."""
    with UnitOfWork(request.app.state.engine) as uow:
        set_origin(uow.session, address=client_address(request), via=Via.API.value, at=dt.datetime.now(dt.UTC))
        request.state.unit_info = uow.session.info  # the answer's headers say as of which data version it is
        yield uow


UoW = Annotated[UnitOfWork, Depends(unit_of_work)]


def client_address(request: Request) -> str | None:
    """Return the client's address as the server sees it (behind a proxy: as the server's proxy-header rule says)."""
    return request.client.host if request.client is not None else None


def _checked_user(request: Request, check: Callable[[Session, dt.datetime], User | None]) -> User | None:
    """Run a credential check in a short unit of work of its own, which keeps the throttled last-seen stamp."""
    with UnitOfWork(request.app.state.engine) as own:
        user = check(own.session, dt.datetime.now(dt.UTC))
        own.commit()
    return user


def _session_user(request: Request) -> User | None:
    secret = request.session.get(SESSION_SECRET) if "session" in request.scope else None
    if not secret:
        return None
    return _checked_user(request, lambda session, now: session_user(session, secret, now=now))


SESSION_COOKIE = "chainatlas_session"
BEARER = HTTPBearer(
    scheme_name="bearerToken",
    description="An API token: `Authorization: Bearer <token>` (made with `chainatlas user token USERNAME` or `POST /api/v1/tokens`).",
    auto_error=False,
)
COOKIE = APIKeyCookie(
    name=SESSION_COOKIE,
    scheme_name="sessionCookie",
    description="The browser's session cookie after signing in at /login; a write with it also sends `X-CSRF-Token`.",
    auto_error=False,
)
BearerScheme = Annotated[HTTPAuthorizationCredentials | None, Security(BEARER)]
CookieScheme = Annotated[str | None, Security(COOKIE)]


def current_user(request: Request, bearer: BearerScheme = None, cookie: CookieScheme = None) -> User | None:
    """Return the signed-in user (bearer token first, then the session cookie), or None.

    A token must be live (not revoked, not expired) and a cookie must name a live server-side session.
    `bearer` and `cookie` declare the two security schemes in the OpenAPI document ("Authorize" in /api/docs);
    the header itself is read whole, so an `Authorization` that is not a valid bearer token is refused.
    """
    del bearer, cookie
    authorization = request.headers.get("authorization")
    if authorization:
        scheme, _, token = authorization.partition(" ")
        user = None
        if scheme.lower() == "bearer" and token.strip():
            user = _checked_user(request, lambda session, now: user_for_token(session, token.strip(), now=now))
        if user is None:
            raise NotAllowed(
                code="access.token_invalid",
                signed_in=False,
            )
        request.state.auth = "token"
        return user
    request.state.auth = "cookie"
    user = _session_user(request)
    if user is not None and user.must_change_password:
        raise NotAllowed(code="access.password_change_due", signed_in=True)
    return user


CurrentUser = Annotated[User | None, Depends(current_user)]


def csrf_token(request: Request) -> str:
    """Return the session's CSRF token, creating one on first use."""
    return session_csrf_token(request.session)


def check_csrf(request: Request, sent: str | None) -> None:
    """Refuse a cookie-authenticated write whose CSRF token is missing or wrong."""
    if not csrf_matches(request.session if "session" in request.scope else None, sent):
        raise NotAllowed(code="access.csrf", signed_in=True)


def writer(request: Request, user: CurrentUser, x_csrf_token: Annotated[str | None, Header()] = None) -> User:
    """Return the user making an API write: signed in, and with a CSRF header when using the cookie."""
    if user is None:
        raise NotAllowed(code="access.sign_in_to_write", signed_in=False)
    if request.state.auth == "cookie":
        check_csrf(request, x_csrf_token)
        if user.must_change_password:
            raise NotAllowed(code="access.password_change_due", signed_in=True)
    return user


Writer = Annotated[User, Depends(writer)]


def cluster_today(request: Request) -> dt.date:
    """Return today's date in the cluster's time zone (`CHAINATLAS_TIME_ZONE`): the default as-of date."""
    clock: ClusterClock = request.app.state.clock
    return clock.today()


Today = Annotated[dt.date, Depends(cluster_today)]
