"""Page dependencies: the unit of work, the signed-in user (session cookie), CSRF, language, write context.

The session keys are the API's ("sid", "csrf"), so one sign-in serves both pages and API calls.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from starlette.datastructures import FormData

from chainatlas.domain.access import Action
from chainatlas.domain.as_of import ClusterClock
from chainatlas.domain.messages import Lang
from chainatlas.domain.user import User
from chainatlas.services.access import require
from chainatlas.services.access_log import set_origin
from chainatlas.services.context import Via
from chainatlas.services.context import write_context as write_context  # the routes' one write context
from chainatlas.services.errors import NotAllowed
from chainatlas.services.sessions import SESSION_SECRET, csrf_matches, session_csrf_token, session_user
from chainatlas.services.uow import UnitOfWork
from chainatlas.web.i18n import DEFAULT_LANG, LANGS

CSRF_FIELD = "csrf_token"
LANG_COOKIE = "lang"
ACCOUNT_PAGE = "/account/password"
OPEN_WHILE_PASSWORD_DUE = (ACCOUNT_PAGE, "/logout", "/login")


class PasswordChangeDue(Exception):
    """The signed-in user must change the one-time password before anything else."""


class CsrfRefused(Exception):
    """A form arrived without the session's CSRF token."""


def unit_of_work(request: Request) -> Iterator[UnitOfWork]:
    """Open the request's unit of work; a view commits it after a successful write."""
    with UnitOfWork(request.app.state.engine) as uow:
        set_origin(
            uow.session,
            address=request.client.host if request.client else None,
            via=Via.WEB.value,
            at=dt.datetime.now(dt.UTC),
        )
        request.state.unit_info = uow.session.info  # the page cache reads whether confidential links were shown
        request.state.page_session = uow.session  # the cluster picker of every page reads the clusters through it
        yield uow


UoW = Annotated[UnitOfWork, Depends(unit_of_work)]


def cookie_user(request: Request) -> User | None:
    """Return the active user of the cookie's live server-side session, or None (looked up once per request).

    The lookup runs in a short unit of work of its own, which keeps the throttled last-seen stamp.
    """
    if not hasattr(request.state, "viewer"):
        secret = request.session.get(SESSION_SECRET)
        user = None
        if secret:
            with UnitOfWork(request.app.state.engine) as own:
                user = session_user(own.session, secret, now=dt.datetime.now(dt.UTC))
                own.commit()
        request.state.viewer = user
    found: User | None = request.state.viewer
    return found


def page_user(request: Request) -> User | None:
    """Return the signed-in, active user of the session cookie, or None; a due password change comes first."""
    user = cookie_user(request)
    if user is not None and user.must_change_password and request.url.path not in OPEN_WHILE_PASSWORD_DUE:
        raise PasswordChangeDue
    return user


Viewer = Annotated[User | None, Depends(page_user)]


def signed_in(user: Viewer) -> User:
    """Return the signed-in user, or send an anonymous visitor to the sign-in page."""
    if user is None:
        raise NotAllowed(code="access.sign_in", signed_in=False)
    return user


SignedIn = Annotated[User, Depends(signed_in)]


def user_allowed(user: User | None, action: Action) -> User:
    """Return the user when they may take an action on the registry; else raise NotAllowed."""
    require(user, action)
    if user is None:  # the policy lets no anonymous visitor act on the registry
        raise NotAllowed(code="access.sign_in", signed_in=False)
    return user


def language(request: Request) -> str:
    """Return the page language: the `lang` cookie when it names a known language, else Chinese."""
    chosen = request.cookies.get(LANG_COOKIE, DEFAULT_LANG)
    return chosen if chosen in LANGS else DEFAULT_LANG


def page_lang(request: Request) -> Lang:
    """Return the page language as a message language (for service messages)."""
    return "en" if language(request) == "en" else "zh"


def csrf_token(request: Request) -> str:
    """Return the session's CSRF token, creating one on first use."""
    return session_csrf_token(request.session)


def check_csrf(request: Request, form: FormData) -> None:
    """Refuse a form post whose CSRF token is missing or is not the session's."""
    if not csrf_matches(request.session, form.get(CSRF_FIELD)):
        raise CsrfRefused


def today(request: Request) -> dt.date:
    """Return today's date in the cluster's time zone (`CHAINATLAS_TIME_ZONE`): the pages' default as-of date."""
    clock: ClusterClock = request.app.state.clock
    return clock.today()


def safe_next(target: str | None, default: str = "/") -> str:
    """Return a local path to go back to; anything pointing off the site becomes the default."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return default
    return target
