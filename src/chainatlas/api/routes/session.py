"""Sign in and out with a session cookie (for browsers calling the API; scripts use bearer tokens)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel

from chainatlas.api.deps import UoW, csrf_token
from chainatlas.services.errors import NotAllowed
from chainatlas.services.sessions import SESSION_USER
from chainatlas.services.sign_in_limits import check_sign_in_allowed, record_sign_in
from chainatlas.services.users import authenticate

router = APIRouter(tags=["session"])


class SignIn(BaseModel):
    """Credentials."""

    username: str
    password: str


@router.post("/session", summary="Sign in; the answer carries the CSRF token for later writes")
def sign_in(body: SignIn, request: Request, uow: UoW) -> dict[str, Any]:
    """Check the password, start a signed-cookie session, and return the user and a CSRF token."""
    check_sign_in_allowed(uow.session, username=body.username)
    user = authenticate(uow.session, username=body.username, password=body.password)
    record_sign_in(uow.session, username=body.username, user=user)
    if user is None:
        raise NotAllowed("wrong username or password", signed_in=False)
    request.session.clear()
    request.session[SESSION_USER] = user.username
    return {"user": user.model_dump(mode="json"), "csrf_token": csrf_token(request)}


@router.delete("/session", status_code=204, summary="Sign out")
def sign_out(request: Request) -> None:
    """End the cookie session."""
    request.session.clear()
