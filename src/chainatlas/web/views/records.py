"""Record forms: create, edit and delete any registry record in the browser (one form for every kind).

The form's fields come from the kind's field metadata (`services/record_forms.py`); a post is checked by the
same service calls and rules as an import, and every problem is shown beside its field in the page's language.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from starlette.responses import RedirectResponse, Response

from chainatlas.domain.access import Action
from chainatlas.domain.common import Problem, Record
from chainatlas.domain.kinds import Key
from chainatlas.domain.user import User
from chainatlas.services.audit import key_text
from chainatlas.services.context import Via
from chainatlas.services.errors import Conflict, InvalidInput
from chainatlas.services.record_forms import (
    FormField,
    form_fields,
    form_kind,
    form_texts,
    parse_key,
    references,
    remove_record,
    save_form,
    shown_record,
)
from chainatlas.web.deps import CSRF_FIELD, UoW, Viewer, user_allowed, write_context
from chainatlas.web.errors import PageRoute
from chainatlas.web.render import render, translator
from chainatlas.web.views.record_pages import node_choices, record_href, record_list_href

router = APIRouter(route_class=PageRoute, include_in_schema=False)


async def posted_texts(request: Request) -> dict[str, str]:
    """Return a posted form's fields (the CSRF check has read the form already), without its CSRF token."""
    form = await request.form()
    return {name: value for name, value in form.items() if name != CSRF_FIELD and isinstance(value, str)}


Posted = Annotated[dict[str, str], Depends(posted_texts)]


def _writer(user: User | None) -> User:
    return user_allowed(user, Action.WRITE)


@router.get("/records/{kind}/new")
def new_form(request: Request, kind: str, uow: UoW, user: Viewer) -> Response:
    """Show the form for a new record of a kind, empty or with the fields the address names (`?project_id=P1`)."""
    _writer(user)
    names = {f.name for f in form_fields(kind)}
    texts = {name: value for name, value in request.query_params.items() if name in names}
    return _form_page(request, uow, user, kind=kind, key=None, texts=texts)


@router.post("/records/{kind}/new")
def create(request: Request, kind: str, uow: UoW, user: Viewer, texts: Posted) -> Response:
    """Add a record from the form, or show the form again with every problem beside its field."""
    writer = _writer(user)
    try:
        record = save_form(uow.session, write_context(writer, Via.WEB), writer, kind=kind, key=None, texts=texts)
    except (InvalidInput, Conflict) as error:
        return _refused(request, uow, user, kind=kind, key=None, texts=texts, error=error)
    uow.commit()
    return RedirectResponse(record_href(kind, form_kind(kind).key_of(record)), status_code=303)


@router.get("/records/{kind}/{key:path}/edit")
def edit_form(request: Request, kind: str, key: str, uow: UoW, user: Viewer) -> Response:
    """Show a record's form filled with its fields."""
    writer = _writer(user)
    parsed = parse_key(kind, key)
    record = shown_record(uow.session, writer, kind=kind, key=parsed)
    return _form_page(request, uow, user, kind=kind, key=parsed, texts=form_texts(record))


@router.post("/records/{kind}/{key:path}/edit")
def update(request: Request, kind: str, key: str, uow: UoW, user: Viewer, texts: Posted) -> Response:
    """Save a record's changed fields, or show the form again with every problem beside its field."""
    writer = _writer(user)
    parsed = parse_key(kind, key)
    shown_record(uow.session, writer, kind=kind, key=parsed)
    try:
        save_form(uow.session, write_context(writer, Via.WEB), writer, kind=kind, key=parsed, texts=texts)
    except (InvalidInput, Conflict) as error:
        return _refused(request, uow, user, kind=kind, key=parsed, texts=texts, error=error)
    uow.commit()
    return RedirectResponse(record_href(kind, parsed), status_code=303)


@router.get("/records/{kind}/{key:path}/delete")
def delete_page(request: Request, kind: str, key: str, uow: UoW, user: Viewer) -> Response:
    """Ask to confirm a deletion, or say which records still refer to this one (and refuse)."""
    writer = _writer(user)
    parsed = parse_key(kind, key)
    record = shown_record(uow.session, writer, kind=kind, key=parsed)
    return _delete_page(request, uow, user, kind=kind, key=parsed, record=record)


@router.post("/records/{kind}/{key:path}/delete")
def delete(request: Request, kind: str, key: str, uow: UoW, user: Viewer) -> Response:
    """Delete a record nothing refers to; go back to its kind's list."""
    writer = _writer(user)
    parsed = parse_key(kind, key)
    record = shown_record(uow.session, writer, kind=kind, key=parsed)
    try:
        remove_record(uow.session, write_context(writer, Via.WEB), writer, kind=kind, key=parsed)
    except Conflict:  # the page lists what refers to the record in its language (the service's text names tables)
        return _delete_page(request, uow, user, kind=kind, key=parsed, record=record, status=409)
    uow.commit()
    return RedirectResponse(f"{record_list_href(kind)}?deleted={quote(key_text(parsed))}", status_code=303)


def _refused(
    request: Request,
    uow: UoW,
    user: User | None,
    *,
    kind: str,
    key: Key | None,
    texts: dict[str, str],
    error: InvalidInput | Conflict,
) -> Response:
    """Return the form again with the posted texts and the problems (422), or a key clash (409)."""
    if isinstance(error, InvalidInput):
        problems = error.problems
        return _form_page(request, uow, user, kind=kind, key=key, texts=texts, problems=problems, status=422)
    clash = Problem(field=form_kind(kind).key[0], message=str(error), code=error.code, params=error.params)
    return _form_page(request, uow, user, kind=kind, key=key, texts=texts, problems=[clash], status=409)


def _form_page(
    request: Request,
    uow: UoW,
    user: User | None,
    *,
    kind: str,
    key: Key | None,
    texts: dict[str, str],
    problems: list[Problem] | None = None,
    status: int = 200,
) -> Response:
    """Return the form of a kind: every field with its label, its widget, its value and its problems."""
    t = translator(request)
    fields = form_fields(kind)
    found = problems or []
    by_field: dict[str, list[str]] = {}
    for problem in found:
        by_field.setdefault(problem.field if _known(fields, problem.field) else "", []).append(problem.text(t.lang))  # type: ignore[arg-type]
    action = f"/records/{kind}/new" if key is None else f"/records/{kind}/{quote(key_text(key))}/edit"
    context: dict[str, Any] = {
        "kind": kind,
        "key": None if key is None else key_text(key),
        "fields": fields,
        "texts": texts,
        "errors": by_field,
        "problem_count": len(found),
        "action": action,
        "back": record_list_href(kind) if key is None else record_href(kind, key),
        "nodes": node_choices(uow.session, user, t) if any(f.widget == "node" for f in fields) else [],
    }
    return render(request, "record_form.html", context, user=user, status=status)


def _known(fields: list[FormField], name: str) -> bool:
    return any(f.name == name for f in fields)


def _delete_page(
    request: Request,
    uow: UoW,
    user: User | None,
    *,
    kind: str,
    key: Key,
    record: Record,
    status: int = 200,
) -> Response:
    """Return the confirmation page of a deletion, listing the records that refer to this one."""
    found = references(uow.session, user, kind=kind, key=key)
    context = {
        "kind": kind,
        "key": key_text(key),
        "record": record,
        "fields": form_fields(kind),
        "references": found,
        "action": f"/records/{kind}/{quote(key_text(key))}/delete",
        "back": record_href(kind, key),
    }
    return render(request, "record_delete.html", context, user=user, status=status)
