"""One's own API tokens: list them, create one (shown once), revoke one after confirming."""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from chainatlas.domain.common import Problem
from chainatlas.domain.user import User
from chainatlas.services.accounts import create_own_token, tokens_of
from chainatlas.services.context import Via
from chainatlas.services.errors import InvalidInput, ServiceError
from chainatlas.services.users import MAX_TOKEN_DAYS, revoke_token
from chainatlas.web.deps import SignedIn, UoW, language, write_context
from chainatlas.web.errors import PageRoute
from chainatlas.web.user_display import problem_texts, render_private, revoked_name

router = APIRouter(route_class=PageRoute, include_in_schema=False)
TOKENS = "/account/tokens"
Field = Annotated[str, Form(max_length=100)]


def _tokens_page(
    request: Request,
    uow: UoW,
    user: User,
    *,
    new_token: str | None = None,
    errors: InvalidInput | None = None,
    failure: ServiceError | None = None,
    form: dict[str, str] | None = None,
) -> Response:
    lang = language(request)
    tokens = tokens_of(uow.session, user)
    context = {
        "tokens": tokens,
        "now": dt.datetime.now(dt.UTC),
        "new_token": new_token,
        "errors": problem_texts(errors.problems, lang) if errors else {},
        "failure": failure.text("zh" if lang == "zh" else "en") if failure else None,
        "done": revoked_name(tokens, request.query_params.get("revoked")),
        "form": form or {"name": "", "days": str(request.app.state.settings.token_days)},
    }
    status = 422 if errors else 409 if failure else 200
    return render_private(request, "account_tokens.html", context, user=user, status=status)


@router.get(TOKENS)
def tokens_page(request: Request, uow: UoW, user: SignedIn) -> Response:
    """List the signed-in user's own API tokens."""
    return _tokens_page(request, uow, user)


def _days(text: str) -> tuple[int, list[Problem]]:
    days = int(text) if text.strip().isdigit() else 0
    if 1 <= days <= MAX_TOKEN_DAYS:
        return days, []
    return 0, [Problem.coded("days", "tokens.days", value=text[:20], most=MAX_TOKEN_DAYS)]


@router.post(TOKENS)
def create_token(request: Request, uow: UoW, user: SignedIn, name: Field = "", days: Field = "") -> Response:
    """Create an API token for oneself and show it once; or the form again with its problems."""
    valid_days, problems = _days(days)
    if not name.strip():
        problems.insert(0, Problem.coded("name", "field.required"))
    if problems:
        return _tokens_page(request, uow, user, errors=InvalidInput(problems), form={"name": name, "days": days})
    ctx = write_context(user, Via.WEB)
    secret, _ = create_own_token(uow.session, user, ctx, name=name.strip(), days=valid_days)
    uow.commit()
    return _tokens_page(request, uow, user, new_token=secret)


@router.get(TOKENS + "/{token_id}/revoke")
def revoke_confirm(request: Request, uow: UoW, user: SignedIn, token_id: int) -> Response:
    """Ask before revoking one's own token."""
    token = next((t for t in tokens_of(uow.session, user) if t.id == token_id), None)
    if token is None:
        return RedirectResponse(TOKENS, status_code=303)
    context = {
        "action": f"{TOKENS}/{token_id}/revoke",
        "text_key": "admin.confirm_revoke",
        "text": {"name": token.name, "prefix": token.prefix},
        "back": TOKENS,
        "keep_tokens": False,
    }
    return render_private(request, "admin_users_confirm.html", context, user=user)


@router.post(TOKENS + "/{token_id}/revoke")
def revoke(request: Request, uow: UoW, user: SignedIn, token_id: int) -> Response:
    """Revoke one of one's own tokens (another user's is not found)."""
    try:
        token = revoke_token(uow.session, write_context(user, Via.WEB), token_id=token_id, owner=user.username)
    except ServiceError as error:
        return _tokens_page(request, uow, user, failure=error)
    uow.commit()
    return RedirectResponse(f"{TOKENS}?{urlencode({'revoked': token.id})}", status_code=303)
