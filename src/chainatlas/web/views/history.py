"""The change history pages: the filtered list, one change side by side, one batch with its files,
and the admin's revert buttons (analysts and admins read; admins revert)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Query, Request
from starlette.responses import RedirectResponse, Response

from chainatlas.domain.access import REGISTRY, Action, allowed
from chainatlas.domain.as_of import ClusterClock
from chainatlas.domain.common import MAX_DB_INT, PRINTABLE
from chainatlas.domain.fields import field_labels
from chainatlas.domain.kinds import KIND_BY_NAME
from chainatlas.domain.messages import Lang
from chainatlas.domain.user import User
from chainatlas.services.browse import import_batches
from chainatlas.services.context import Via
from chainatlas.services.errors import Conflict
from chainatlas.services.history import SOURCES, HistoryFilter, batch_detail, change_detail, list_history
from chainatlas.services.history_revert import revert_batch, revert_change
from chainatlas.web.deps import UoW, Viewer, user_allowed, write_context
from chainatlas.web.errors import PageRoute
from chainatlas.web.i18n import Translator
from chainatlas.web.render import render, translator
from chainatlas.web.views.enterprises import PAGE_SIZE, pager

router = APIRouter(route_class=PageRoute, include_in_schema=False)
EXTRA_KINDS = ("users", "alerts", "scenarios", "enterprise_products", "node_relations")
Text = Annotated[str, Query(max_length=300, pattern=PRINTABLE)]
Id = Annotated[int, Path(ge=1, le=MAX_DB_INT)]


def _zone(request: Request) -> dt.tzinfo:
    clock: ClusterClock = request.app.state.clock
    return clock.zone


def _when(at: dt.datetime, zone: dt.tzinfo, t: Translator) -> str:
    """Return an instant in the cluster's time zone, as a page in its language writes it."""
    local = at.astimezone(zone)
    return t("history.when", year=local.year, month=local.month, day=local.day, time=f"{local:%H:%M}")


def _value_text(value: Any, t: Translator) -> str:
    """Return a stored field value as a page shows it (yes or no, lists joined, — for nothing)."""
    if value is None:
        return t("none")
    if isinstance(value, bool):
        return t("yes") if value else t("no")
    if isinstance(value, list):
        return "; ".join(str(v) for v in value) or t("none")
    return str(value)


def _field_label(kind: str, name: str, t: Translator) -> str:
    spec = KIND_BY_NAME.get(kind)
    labels = field_labels(spec.model) if spec is not None else {}
    return labels[name][t.index] if name in labels else name


def _labels(request: Request) -> dict[str, Any]:
    t = translator(request)
    zone = _zone(request)
    return {
        "when": lambda at: _when(at, zone, t),
        "value_text": lambda value: _value_text(value, t),
        "field_label": lambda kind, name: _field_label(kind, name, t),
        "kind_label": lambda k: t(f"history.kind.{k}") if t.has(f"history.kind.{k}") else k,
        "action_label": lambda a: t(f"history.action.{a}") if t.has(f"history.action.{a}") else a,
    }


def _lang(request: Request) -> Lang:
    return "zh" if translator(request).lang == "zh" else "en"


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


@router.get("/history")
def history_page(
    request: Request,
    uow: UoW,
    user: Viewer,
    kind: Text = "",
    record: Text = "",
    user_name: Annotated[str, Query(alias="user", max_length=64, pattern=PRINTABLE)] = "",
    source: Text = "",
    date_from: Text = "",
    date_to: Text = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    """Show the changes the filters select, newest first, and the recent batches."""
    reader = user_allowed(user, Action.READ_HISTORY)
    filters = HistoryFilter(
        kind=kind or None,
        record=record or None,
        user=user_name or None,
        source=source if source in SOURCES else None,
        date_from=_date(date_from),
        date_to=_date(date_to),
        offset=(page - 1) * PAGE_SIZE,
        limit=PAGE_SIZE,
    )
    found = list_history(uow.session, reader, filters=filters, zone=_zone(request))
    query = {"kind": kind, "record": record, "user": user_name, "source": source}
    query |= {"date_from": date_from, "date_to": date_to}
    shown = {k: v for k, v in query.items() if v}
    context = {
        "page": found,
        "pager": pager("/history", shown, page, found.total),
        "filters": query,
        "kinds": [*KIND_BY_NAME, *EXTRA_KINDS],
        "sources": SOURCES,
        "batches": import_batches(uow.session, reader, limit=10),
        **_labels(request),
    }
    return render(request, "history.html", context, user=user)


def _record_link(kind: str, key: str) -> str:
    return "/history?" + urlencode({"kind": kind, "record": key})


def _change_page(request: Request, uow: UoW, user: User, change_id: int, **extra: Any) -> Response:
    detail = change_detail(uow.session, user, change_id=change_id)
    context = {
        "change": detail,
        "record_link": _record_link(detail.kind, detail.record_key),
        "can_revert": allowed(user, Action.REVERT, REGISTRY) and detail.reverted_by is None,
        "done": request.query_params.get("reverted") == "1",
        **_labels(request),
        **extra,
    }
    return render(request, "history_change.html", context, user=user, status=409 if extra.get("refused") else 200)


@router.get("/history/changes/{change_id}")
def change_page(change_id: Id, request: Request, uow: UoW, user: Viewer) -> Response:
    """Show one change with its fields before and after side by side, the changed ones marked."""
    return _change_page(request, uow, user_allowed(user, Action.READ_HISTORY), change_id)


@router.post("/history/changes/{change_id}/revert")
def change_revert(change_id: Id, request: Request, uow: UoW, user: Viewer) -> Response:
    """Revert one change (admins), then show it; a refusal is shown on the change's page with its reason."""
    admin = user_allowed(user, Action.REVERT)
    try:
        revert_change(uow.session, admin, write_context(admin, Via.WEB), change_id=change_id)
        uow.commit()
    except Conflict as refused:
        uow.rollback()
        return _change_page(request, uow, admin, change_id, refused=refused.text(_lang(request)))
    return RedirectResponse(f"/history/changes/{change_id}?reverted=1", status_code=303)


def _batch_page(request: Request, uow: UoW, user: User, batch_id: int, **extra: Any) -> Response:
    batch = batch_detail(uow.session, user, batch_id=batch_id)
    context = {
        "batch": batch,
        "can_revert": allowed(user, Action.REVERT, REGISTRY) and batch.reverted_by is None and bool(batch.files),
        "done": request.query_params.get("reverted") == "1",
        **_labels(request),
        **extra,
    }
    return render(request, "history_batch.html", context, user=user, status=409 if extra.get("refused") else 200)


@router.get("/history/batches/{batch_id}")
def batch_page(batch_id: Id, request: Request, uow: UoW, user: Viewer) -> Response:
    """Show one batch: its files with checksums and counts, the records it added and the changes it made."""
    return _batch_page(request, uow, user_allowed(user, Action.READ_HISTORY), batch_id)


@router.post("/history/batches/{batch_id}/revert")
def batch_revert(batch_id: Id, request: Request, uow: UoW, user: Viewer) -> Response:
    """Revert a whole import batch (admins), then show it; a refusal is shown on the batch's page."""
    admin = user_allowed(user, Action.REVERT)
    try:
        revert_batch(uow.session, admin, write_context(admin, Via.WEB), batch_id=batch_id)
        uow.commit()
    except Conflict as refused:
        uow.rollback()
        return _batch_page(request, uow, admin, batch_id, refused=refused.text(_lang(request)))
    return RedirectResponse(f"/history/batches/{batch_id}?reverted=1", status_code=303)
