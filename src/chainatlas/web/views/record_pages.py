"""Record pages: the kinds one can edit, one kind's records, one record with its change history.

Enterprises and projects have pages of their own (their profile and project pages show the same history and
buttons); every other kind is shown here, at `/records/{kind}/{key}`.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from sqlalchemy.orm import Session
from starlette.responses import RedirectResponse, Response

from chainatlas.domain.access import Action
from chainatlas.domain.common import MAX_DB_INT
from chainatlas.domain.kinds import Key
from chainatlas.domain.user import User
from chainatlas.reports.chain_charts import by_segment
from chainatlas.services.audit import key_text
from chainatlas.services.browse import chain_tree, list_records
from chainatlas.services.record_forms import (
    FORM_KINDS,
    form_fields,
    form_kind,
    parse_key,
    shown_record,
)
from chainatlas.web.cluster_links import cluster_query
from chainatlas.web.deps import UoW, Viewer, user_allowed
from chainatlas.web.errors import PageRoute
from chainatlas.web.i18n import Translator
from chainatlas.web.render import render
from chainatlas.web.views.enterprises import PAGE_SIZE, node_options, pager
from chainatlas.web.views.record_history import can_write, history_context

router = APIRouter(route_class=PageRoute, include_in_schema=False)
OWN_PAGES = {"enterprises": "/enterprises", "projects": "/projects"}
"""Kinds with a page of their own: a record's page is `<list>/<id>`."""
LISTED_FIELDS = 5


def record_href(kind: str, key: Key) -> str:
    """Return the address of a record's page."""
    if kind in OWN_PAGES:
        return f"{OWN_PAGES[kind]}/{quote(key_text(key), safe='')}"
    return f"/records/{kind}/{quote(key_text(key))}"


def record_list_href(kind: str) -> str:
    """Return the address of a kind's listing."""
    return OWN_PAGES.get(kind, f"/records/{kind}")


def node_choices(session: Session, user: User | None, t: Translator) -> list[tuple[str, str]]:
    """Return every chain node as (code, indented name) for a select."""
    return node_options(by_segment(chain_tree(session, user)), t)


@router.get("/records")
def kinds_page(request: Request, user: Viewer) -> Response:
    """List the kinds of record one can see and edit here."""
    user_allowed(user, Action.READ)
    return render(request, "record_kinds.html", {"kinds": FORM_KINDS, "can_write": can_write(user)}, user=user)


@router.get("/records/{kind}")
def kind_page(
    request: Request,
    kind: str,
    uow: UoW,
    user: Viewer,
    page: Annotated[int, Query(ge=1, le=MAX_DB_INT // PAGE_SIZE)] = 1,
    deleted: Annotated[str, Query(max_length=300)] = "",
) -> Response:
    """List one kind's records a page at a time, each linking to its page."""
    reader = user_allowed(user, Action.READ)
    spec = form_kind(kind)
    if kind in OWN_PAGES:
        return RedirectResponse(OWN_PAGES[kind] + cluster_query(request.query_params.get("cluster")), status_code=303)
    found = list_records(uow.session, reader, kind=kind, filters={}, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    fields = [f for f in form_fields(kind) if f.name != "source"][:LISTED_FIELDS]
    context = {
        "kind": kind,
        "fields": fields,
        "rows": [(record, record_href(kind, spec.key_of(record))) for record in found.items],
        "total": found.total,
        "pager": pager(f"/records/{kind}", {}, page, found.total),
        "deleted": deleted,
        "can_write": can_write(user),
    }
    return render(request, "record_list.html", context, user=user)


@router.get("/records/{kind}/{key:path}")
def record_page(request: Request, kind: str, key: str, uow: UoW, user: Viewer) -> Response:
    """Show one record: every field, the buttons to edit or delete it, and its change history."""
    reader = user_allowed(user, Action.READ)
    parsed = parse_key(kind, key)
    if kind in OWN_PAGES:
        return RedirectResponse(record_href(kind, parsed), status_code=303)
    record = shown_record(uow.session, reader, kind=kind, key=parsed)
    context = {
        "kind": kind,
        "key": key_text(parsed),
        "record": record,
        "fields": form_fields(kind),
        "back": record_list_href(kind),
        **history_context(request, uow.session, user, kind=kind, key=parsed),
    }
    return render(request, "record_page.html", context, user=user)
