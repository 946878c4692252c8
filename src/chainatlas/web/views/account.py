"""Signing in and out, and changing one's password (forced after a first sign-in with a one-time password)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from starlette.responses import RedirectResponse, Response

from chainatlas.domain.common import Problem
from chainatlas.domain.user import User
from chainatlas.services.context import Via
from chainatlas.services.errors import InvalidInput, TooManyAttempts
from chainatlas.services.sessions import SESSION_SECRET, end_session, start_session
from chainatlas.services.sign_in_limits import check_sign_in_allowed, record_sign_in
from chainatlas.services.users import authenticate, change_password
from chainatlas.web.deps import ACCOUNT_PAGE, SignedIn, UoW, Viewer, csrf_token, safe_next, write_context
from chainatlas.web.errors import PageRoute
from chainatlas.web.render import render

router = APIRouter(route_class=PageRoute, include_in_schema=False)
NextQuery = Annotated[str | None, Query(alias="next")]
Field = Annotated[str, Form(max_length=500)]


@router.get("/login")
def login_form(request: Request, user: Viewer, next_page: NextQuery = None) -> Response:
    """Show the sign-in form."""
    context = {"next": safe_next(next_page), "failed": False, "asked": next_page is not None}
    return render(request, "login.html", context, user=user)


@router.post("/login")
def login(
    request: Request,
    uow: UoW,
    username: Field = "",
    password: Field = "",
    next_page: Annotated[str, Form(alias="next")] = "/",
) -> Response:
    """Sign a user in with a fresh session; a due password change comes first."""
    check_sign_in_allowed(uow.session, username=username.strip())
    user = authenticate(uow.session, username=username.strip(), password=password) if username.strip() else None
    record_sign_in(uow.session, username=username.strip(), user=user)
    if user is None:
        context = {"next": safe_next(next_page), "failed": True, "asked": False, "username": username}
        return render(request, "login.html", context, user=None, status=401)
    begin_session(request, uow, user)
    target = ACCOUNT_PAGE if user.must_change_password else safe_next(next_page)
    return RedirectResponse(target, status_code=303)


def begin_session(request: Request, uow: UoW, user: User) -> None:
    """Start a fresh server-side session and put only its secret and a new CSRF token in the cookie."""
    address = request.client.host if request.client else None
    previous = request.session.get(SESSION_SECRET)
    secret = start_session(uow.session, user, at=dt.datetime.now(dt.UTC), address=address, replacing=previous)
    uow.commit()
    request.session.clear()  # a new session on sign-in: nothing from before carries over
    request.session[SESSION_SECRET] = secret
    csrf_token(request)


@router.post("/logout")
def logout(request: Request, uow: UoW) -> Response:
    """Sign out: end the session on the server (a copied cookie stops working) and forget it here."""
    end_session(uow.session, request.session.get(SESSION_SECRET), at=dt.datetime.now(dt.UTC))
    uow.commit()
    request.session.clear()
    return RedirectResponse("/", status_code=303)


@router.get(ACCOUNT_PAGE)
def password_form(request: Request, user: SignedIn) -> Response:
    """Show the change-password form (the only page open while a one-time password is in use)."""
    return _password_page(request, user)


@router.post(ACCOUNT_PAGE)
def password_change(
    request: Request,
    uow: UoW,
    user: SignedIn,
    current_password: Field = "",
    new_password: Field = "",
    confirm_password: Field = "",
    keep_tokens: Annotated[bool, Form()] = False,
) -> Response:
    """Replace the password (sessions end, this browser gets a fresh one; tokens go unless kept), or list problems."""
    if new_password != confirm_password:
        return _password_page(request, user, mismatch=True)
    try:  # the current password is guessed here too: the sign-in limits count these checks
        check_sign_in_allowed(uow.session, username=user.username)
    except TooManyAttempts as error:
        return _password_page(
            request, user, problems=[Problem.of("current_password", error.code, error.params)], status=429
        )
    try:
        change_password(
            uow.session,
            write_context(user, Via.WEB),
            username=user.username,
            current=current_password,
            new=new_password,
            keep_tokens=keep_tokens,
        )
    except InvalidInput as error:
        if any(p.field == "current_password" for p in error.problems):
            record_sign_in(uow.session, username=user.username, user=None)
        return _password_page(request, user, problems=error.problems)
    begin_session(request, uow, user)  # commits the change with the new session
    if user.must_change_password:
        return RedirectResponse("/", status_code=303)
    return _password_page(request, user, changed=True)


def _password_page(
    request: Request,
    user: User,
    *,
    problems: list[Problem] | None = None,
    mismatch: bool = False,
    changed: bool = False,
    status: int | None = None,
) -> Response:
    """Return the change-password page, with any problems of the last attempt (422, or 429 when throttled) or its success."""
    context = {"problems": problems or [], "mismatch": mismatch, "changed": changed}
    answer = status or (422 if problems or mismatch else 200)
    return render(request, "password.html", context, user=user, status=answer)
