"""User administration, admins only: the users, adding one (its one-time
password shown once), role, enabling and disabling, password reset, API tokens, and the sign-in log.

Destructive actions (disable, reset, revoke) open a confirmation page whose form does the change.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Form, Query, Request
from starlette.responses import RedirectResponse, Response

from chainatlas.domain.common import Problem
from chainatlas.domain.user import Role, User
from chainatlas.services.access_log import EVENTS
from chainatlas.services.accounts import tokens_of
from chainatlas.services.clusters import visible_clusters
from chainatlas.services.context import Via
from chainatlas.services.errors import InvalidInput, ServiceError
from chainatlas.services.user_admin import (
    UserForm,
    add_user_as,
    registrations_of,
    require_admin,
    reset_password_as,
    set_active_as,
    set_clusters_as,
    set_role_as,
    sign_in_log,
    user_summaries,
    user_summary,
)
from chainatlas.services.users import revoke_token
from chainatlas.web.deps import UoW, Viewer, language, write_context
from chainatlas.web.errors import PageRoute
from chainatlas.web.user_display import problem_texts, render_private, revoked_name
from chainatlas.web.views.enterprises import PAGE_SIZE, pager

router = APIRouter(route_class=PageRoute, include_in_schema=False)
BASE = "/admin/users"
LOG = "/admin/sign-ins"
Field = Annotated[str, Form(max_length=200)]
Done = Literal["enabled", "disabled", "role", "revoked", "clusters"]
DONE: tuple[Done, ...] = ("enabled", "disabled", "role", "revoked", "clusters")
EMPTY_FORM = {"username": "", "display_name": "", "role": Role.VIEWER.value, "enterprise": "", "registration": ""}


def _admin(user: User | None) -> User:
    return require_admin(user)


def _user_page(username: str) -> str:
    return f"{BASE}/{quote(username, safe='')}"


def _done(username: str, done: Done, **params: str | int) -> RedirectResponse:
    return RedirectResponse(f"{_user_page(username)}?{urlencode({'done': done, **params})}", status_code=303)


def _list_page(
    request: Request, uow: UoW, admin: User, *, form: dict[str, str] | None = None, errors: InvalidInput | None = None
) -> Response:
    summaries = user_summaries(uow.session, admin, now=dt.datetime.now(dt.UTC))
    context = {
        "summaries": summaries,
        "registrations": _registrations(uow, admin, [s.user for s in summaries]),
        "form": form or EMPTY_FORM,
        "errors": problem_texts(errors.problems, language(request)) if errors else {},
        "roles": list(Role),
    }
    return render_private(request, "admin_users.html", context, user=admin, status=422 if errors else 200)


def _registrations(uow: UoW, admin: User, users: list[User]) -> dict[str, list[str]]:
    """Return the fair registrations (fair, name) each participant account opens, by username."""
    found: dict[str, list[str]] = {}
    for user in users:
        if user.role is Role.PARTICIPANT and user.enterprise_id:
            people = registrations_of(uow.session, admin, user.enterprise_id)
            found[user.username] = [f"{p.fair_id} · {p.name_zh} ({p.id})" for p in people]
    return found


@router.get(BASE)
def users_page(request: Request, uow: UoW, user: Viewer) -> Response:
    """List every user, with the form to add one."""
    return _list_page(request, uow, _admin(user))


@router.post(BASE)
def add_user_page(
    request: Request,
    uow: UoW,
    user: Viewer,
    username: Field = "",
    display_name: Field = "",
    role: Annotated[Role, Form()] = Role.VIEWER,
    enterprise: Field = "",
    registration: Field = "",
) -> Response:
    """Add a user and show their one-time password once; or the list again with every problem beside its field."""
    admin = _admin(user)
    form = UserForm(role=role, enterprise=enterprise, registration=registration, display_name=display_name.strip())
    try:
        added, password = add_user_as(
            uow.session, admin, write_context(admin, Via.WEB), username=username.strip(), form=form
        )
    except InvalidInput as error:
        sent = {"username": username, "display_name": display_name, "role": role.value}
        return _list_page(
            request, uow, admin, form={**sent, "enterprise": enterprise, "registration": registration}, errors=error
        )
    uow.commit()
    context = {"target": added.username, "password": password, "created": True}
    return render_private(request, "admin_users_password.html", context, user=admin)


def _current_form(uow: UoW, admin: User, user: User) -> dict[str, str]:
    """Return the role form as the user stands: a member's enterprise id, a participant's first registration id."""
    form = {"role": user.role.value, "enterprise": "", "registration": ""}
    if user.role is Role.MEMBER:
        form["enterprise"] = user.enterprise_id or ""
    if user.role is Role.PARTICIPANT and user.enterprise_id:
        form["registration"] = next((p.id for p in registrations_of(uow.session, admin, user.enterprise_id)), "")
    return form


def _detail_page(
    request: Request,
    uow: UoW,
    admin: User,
    username: str,
    *,
    errors: InvalidInput | None = None,
    failure: ServiceError | None = None,
    sent: dict[str, str] | None = None,
) -> Response:
    summary = user_summary(uow.session, admin, username=username, now=dt.datetime.now(dt.UTC))
    tokens = tokens_of(uow.session, admin, username=username)
    lang = language(request)
    done = request.query_params.get("done")
    context = {
        "summary": summary,
        "registrations": _registrations(uow, admin, [summary.user]).get(username, []),
        "tokens": tokens,
        "now": dt.datetime.now(dt.UTC),
        "roles": list(Role),
        "all_clusters": visible_clusters(uow.session, admin),
        "form": sent or _current_form(uow, admin, summary.user),
        "errors": problem_texts(errors.problems, lang) if errors else {},
        "failure": failure.text("zh" if lang == "zh" else "en") if failure else None,
        "done": done if done in DONE else None,
        "n": request.query_params.get("n", "0"),
        "revoked": revoked_name(tokens, request.query_params.get("token")),
        "log_link": f"{LOG}?{urlencode({'user': username})}",
    }
    status = 422 if errors else 409 if failure else 200
    return render_private(request, "admin_user.html", context, user=admin, status=status)


@router.get(BASE + "/{username}")
def user_page(request: Request, uow: UoW, user: Viewer, username: str) -> Response:
    """Show one user: role form, account actions, API tokens."""
    return _detail_page(request, uow, _admin(user), username)


@router.post(BASE + "/{username}/role")
def role_change(
    request: Request,
    uow: UoW,
    user: Viewer,
    username: str,
    role: Annotated[Role | None, Form()] = None,
    enterprise: Field = "",
    registration: Field = "",
) -> Response:
    """Give a user a role (a member's enterprise, a participant's registration by name); their sessions end."""
    admin = _admin(user)
    sent = {"role": role.value if role else "", "enterprise": enterprise, "registration": registration}
    if role is None:
        missing = InvalidInput([Problem.coded("role", "field.required")])
        return _detail_page(request, uow, admin, username, errors=missing, sent=sent)
    form = UserForm(role=role, enterprise=enterprise, registration=registration)
    try:
        ended = set_role_as(uow.session, admin, write_context(admin, Via.WEB), username=username, form=form)
    except InvalidInput as error:
        return _detail_page(request, uow, admin, username, errors=error, sent=sent)
    except ServiceError as error:
        return _detail_page(request, uow, admin, username, failure=error, sent=sent)
    uow.commit()
    return _done(username, "role", n=ended)


@router.post(BASE + "/{username}/clusters")
def clusters_change(
    request: Request,
    uow: UoW,
    user: Viewer,
    username: str,
    clusters: Annotated[list[str] | None, Form(max_length=100)] = None,
) -> Response:
    """Scope a user to the chosen clusters (none chosen: every cluster); their sessions end."""
    admin = _admin(user)
    try:
        ended = set_clusters_as(
            uow.session, admin, write_context(admin, Via.WEB), username=username, clusters=clusters or []
        )
    except InvalidInput as error:
        return _detail_page(request, uow, admin, username, errors=error)
    except ServiceError as error:
        return _detail_page(request, uow, admin, username, failure=error)
    uow.commit()
    return _done(username, "clusters", n=ended)


@router.post(BASE + "/{username}/enable")
def enable(request: Request, uow: UoW, user: Viewer, username: str) -> Response:
    """Enable a disabled user again."""
    return _set_active(request, uow, _admin(user), username, active=True)


def _confirm(request: Request, admin: User, *, action: str, text_key: str, back: str, **text: str) -> Response:
    context = {
        "action": action,
        "text_key": text_key,
        "text": text,
        "back": back,
        "keep_tokens": text_key == "admin.confirm_reset",
    }
    return render_private(request, "admin_users_confirm.html", context, user=admin)


@router.get(BASE + "/{username}/disable")
def disable_confirm(request: Request, uow: UoW, user: Viewer, username: str) -> Response:
    """Ask before disabling a user."""
    admin = _admin(user)
    target = user_summary(uow.session, admin, username=username, now=dt.datetime.now(dt.UTC)).user.username
    page = _user_page(target)
    return _confirm(
        request, admin, action=page + "/disable", text_key="admin.confirm_disable", back=page, username=target
    )


@router.post(BASE + "/{username}/disable")
def disable(request: Request, uow: UoW, user: Viewer, username: str) -> Response:
    """Disable a user: their sessions end and their tokens are revoked at once."""
    return _set_active(request, uow, _admin(user), username, active=False)


def _set_active(request: Request, uow: UoW, admin: User, username: str, *, active: bool) -> Response:
    try:
        set_active_as(uow.session, admin, write_context(admin, Via.WEB), username=username, active=active)
    except ServiceError as error:
        return _detail_page(request, uow, admin, username, failure=error)
    uow.commit()
    return _done(username, "enabled" if active else "disabled")


@router.get(BASE + "/{username}/reset")
def reset_confirm(request: Request, uow: UoW, user: Viewer, username: str) -> Response:
    """Ask before resetting a user's password."""
    admin = _admin(user)
    target = user_summary(uow.session, admin, username=username, now=dt.datetime.now(dt.UTC)).user.username
    page = _user_page(target)
    return _confirm(request, admin, action=page + "/reset", text_key="admin.confirm_reset", back=page, username=target)


@router.post(BASE + "/{username}/reset")
def reset(
    request: Request, uow: UoW, user: Viewer, username: str, keep_tokens: Annotated[bool, Form()] = False
) -> Response:
    """Reset a user's password to a one-time password, shown once; their sessions end."""
    admin = _admin(user)
    try:
        password = reset_password_as(
            uow.session, admin, write_context(admin, Via.WEB), username=username, keep_tokens=keep_tokens
        )
    except ServiceError as error:
        return _detail_page(request, uow, admin, username, failure=error)
    uow.commit()
    context = {"target": username, "password": password, "created": False}
    return render_private(request, "admin_users_password.html", context, user=admin)


@router.get(BASE + "/{username}/tokens/{token_id}/revoke")
def revoke_confirm(request: Request, uow: UoW, user: Viewer, username: str, token_id: int) -> Response:
    """Ask before revoking one of a user's tokens."""
    admin = _admin(user)
    token = next((t for t in tokens_of(uow.session, admin, username=username) if t.id == token_id), None)
    if token is None:
        return _detail_page(request, uow, admin, username)
    page = _user_page(username)
    return _confirm(
        request,
        admin,
        action=f"{page}/tokens/{token_id}/revoke",
        text_key="admin.confirm_revoke",
        back=page,
        name=token.name,
        prefix=token.prefix,
    )


@router.post(BASE + "/{username}/tokens/{token_id}/revoke")
def revoke(request: Request, uow: UoW, user: Viewer, username: str, token_id: int) -> Response:
    """Revoke one of a user's API tokens."""
    admin = _admin(user)
    try:
        token = revoke_token(uow.session, write_context(admin, Via.WEB), token_id=token_id, owner=username)
    except ServiceError as error:
        return _detail_page(request, uow, admin, username, failure=error)
    uow.commit()
    return _done(username, "revoked", token=token.id)


@router.get(LOG)
def sign_ins(
    request: Request,
    uow: UoW,
    user: Viewer,
    who: Annotated[str, Query(alias="user", max_length=200)] = "",
    event: Annotated[str, Query(max_length=40)] = "",
    page: Annotated[int, Query(ge=1)] = 1,
) -> Response:
    """Show the sign-in log, newest first, filtered by user and event, a page at a time."""
    admin = _admin(user)
    found = sign_in_log(
        uow.session, admin, username=who.strip() or None, event=event or None, page=page, per_page=PAGE_SIZE
    )
    query = {k: v for k, v in (("user", who.strip()), ("event", event)) if v}
    context = {
        "log": found,
        "pager": pager(LOG, query, page, found.total),
        "who": who,
        "event": event,
        "events": EVENTS,
    }
    return render_private(request, "admin_users_log.html", context, user=admin)
