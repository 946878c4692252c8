"""A record's change history and its edit and delete buttons, as the record pages, the enterprise profile and
the project page show them."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import quote

from fastapi import Request
from sqlalchemy.orm import Session

from chainatlas.domain.access import REGISTRY, Action, allowed
from chainatlas.domain.kinds import Key
from chainatlas.domain.user import User
from chainatlas.services.audit import key_text
from chainatlas.services.record_forms import field_changes, form_fields, record_history
from chainatlas.web.i18n import Translator
from chainatlas.web.render import translator


def can_write(user: User | None) -> bool:
    """Return whether a user may create, edit and delete records (the buttons show only to them)."""
    return allowed(user, Action.WRITE, REGISTRY)


def history_context(request: Request, session: Session, user: User | None, *, kind: str, key: Key) -> dict[str, Any]:
    """Return what a record's page needs to show its change history and its edit and delete buttons."""
    t = translator(request)
    zone = request.app.state.clock.zone
    changes = record_history(session, user, kind=kind, key=key)
    labels = {f.name: f.label(t.lang) for f in form_fields(kind)}
    return {
        "can_write": can_write(user),
        "can_read_history": allowed(user, Action.READ_HISTORY, REGISTRY),
        "history": [(change, when_text(change.at, zone, t), field_changes(change)) for change in changes],
        "history_labels": labels,
        "history_href": f"/history?kind={quote(kind)}&record={quote(key_text(key))}",
        "edit_href": f"/records/{kind}/{quote(key_text(key))}/edit",
        "delete_href": f"/records/{kind}/{quote(key_text(key))}/delete",
        "history_kind": kind,
    }


def when_text(instant: dt.datetime, zone: dt.tzinfo, t: Translator) -> str:
    """Return an instant as the cluster's local date and time, the date written as the page language writes it."""
    local = (instant if instant.tzinfo else instant.replace(tzinfo=dt.UTC)).astimezone(zone)
    return t("rec_history.at", year=local.year, month=local.month, day=local.day, time=f"{local:%H:%M}")
