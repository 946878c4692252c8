"""The change history (变更记录): list changes by kind, record, user, source and date; open a change with its
fields side by side, or a batch with its files, checksums and counts (analysts and admins).

Reverting a change or an import batch is in `services.history_revert`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from chainatlas.domain.access import Action
from chainatlas.domain.common import MAX_DB_INT, Problem
from chainatlas.domain.history_results import (
    BatchFile,
    BatchView,
    ChangeDetail,
    ChangeView,
    FieldDiff,
    HistoryPage,
)
from chainatlas.domain.kinds import KIND_BY_NAME
from chainatlas.domain.user import User
from chainatlas.services.access import require
from chainatlas.services.access_log import log_confidential_read
from chainatlas.services.audit import key_text
from chainatlas.services.browse import may_read_kind, require_kind_read
from chainatlas.services.errors import InvalidInput, NotFound
from chainatlas.store.history import Batch, Change, HistoryQuery, HistoryRepository

SOURCES = ("api", "web", "cli", "import")
"""The doors a write comes through (`services.context.Via`)."""
MAX_LIMIT = 500
SHOWN_ADDED_KEYS = 200
"""A batch shows at most this many added keys per kind (its counts say how many there were)."""


@dataclass(frozen=True)
class HistoryFilter:
    """What the history page, the API and the CLI filter on; dates are days in the cluster's time zone."""

    kind: str | None = None
    record: str | None = None
    user: str | None = None
    source: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    offset: int = 0
    limit: int = 50


def list_history(session: Session, user: User | None, *, filters: HistoryFilter, zone: dt.tzinfo) -> HistoryPage:
    """Return one page of the changes the filters select, newest first (history readers only)."""
    require(user, Action.READ_HISTORY)
    _check_filter(filters)
    if filters.kind in KIND_BY_NAME:
        require_kind_read(user, filters.kind)
    query = HistoryQuery(
        kind=filters.kind or None,
        record_key=filters.record or None,
        actor=filters.user or None,
        via=filters.source or None,
        since=_day_start(filters.date_from, zone),
        until=_day_start(filters.date_to + dt.timedelta(days=1), zone) if filters.date_to else None,
        hidden_kinds=tuple(k for k in KIND_BY_NAME if not may_read_kind(user, k)),
        offset=filters.offset,
        limit=filters.limit,
    )
    history = HistoryRepository(session)
    changes, total = history.find(query)
    _log_links(session, user, changes)
    added_in = (
        history.batches_adding(filters.kind, filters.record.split("/")) if filters.kind and filters.record else []
    )
    return HistoryPage(
        items=change_views(history, changes),
        total=total,
        offset=filters.offset,
        limit=filters.limit,
        added_in_batches=added_in,
    )


def _check_filter(filters: HistoryFilter) -> None:
    problems = []
    if not 0 < filters.limit <= MAX_LIMIT:
        problems.append(Problem.coded("limit", "history.bad_number", value=str(filters.limit), low=1, high=MAX_LIMIT))
    if not 0 <= filters.offset <= MAX_DB_INT:
        problems.append(
            Problem.coded("offset", "history.bad_number", value=str(filters.offset), low=0, high=MAX_DB_INT)
        )
    if filters.source and filters.source not in SOURCES:
        problems.append(Problem.coded("source", "history.bad_source", value=filters.source))
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        problems.append(Problem.coded("date_from", "history.bad_date_range", value=filters.date_from.isoformat()))
    if problems:
        raise InvalidInput(problems)


def _day_start(day: dt.date | None, zone: dt.tzinfo) -> dt.datetime | None:
    """Return the UTC instant a day in the cluster's time zone begins."""
    if day is None:
        return None
    return dt.datetime.combine(day, dt.time(0), tzinfo=zone).astimezone(dt.UTC)


def _log_links(session: Session, user: User | None, changes: list[Change]) -> None:
    states = [state for c in changes if c.kind == "supply_links" for state in (c.before, c.after) if state]
    log_confidential_read(session, user, states, what="change history")


def change_views(history: HistoryRepository, changes: list[Change]) -> list[ChangeView]:
    """Return changes as views, each with the change that reverted it (if one did)."""
    reverted = history.reverted_by([c.id for c in changes])
    return [_view(c, reverted.get(c.id)) for c in changes]


def _view(change: Change, reverted_by: int | None) -> ChangeView:
    return ChangeView(
        id=change.id,
        batch_id=change.batch_id,
        at=change.at,
        actor=change.actor,
        via=change.via,
        kind=change.kind,
        record_key=change.record_key,
        action=change.action,
        before=change.before,
        after=change.after,
        reverts_id=change.reverts_id,
        reverted_by=reverted_by,
    )


def change_detail(session: Session, user: User | None, *, change_id: int) -> ChangeDetail:
    """Return one change with its fields before and after side by side, the changed ones marked."""
    require(user, Action.READ_HISTORY)
    history = HistoryRepository(session)
    change = history.change(change_id)
    if change is None or (change.kind in KIND_BY_NAME and not may_read_kind(user, change.kind)):
        raise NotFound(code="history.change_not_found", params={"id": change_id})
    _log_links(session, user, [change])
    [view] = change_views(history, [change])
    return ChangeDetail(**view.model_dump(), fields=field_diffs(change.before, change.after))


def field_diffs(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[FieldDiff]:
    """Return every field of a record before and after, in the record's order, marking those that differ."""
    names = list(dict.fromkeys([*(before or {}), *(after or {})]))
    old, new = before or {}, after or {}
    return [
        FieldDiff(
            name=name,
            before=old.get(name),
            after=new.get(name),
            changed=before is None or after is None or old.get(name) != new.get(name),
        )
        for name in names
    ]


def batch_detail(session: Session, user: User | None, *, batch_id: int, offset: int = 0, limit: int = 100) -> BatchView:
    """Return one batch: its files (with checksums and counts), counts per kind, added keys and changes."""
    require(user, Action.READ_HISTORY)
    _check_filter(HistoryFilter(offset=offset, limit=limit))
    history = HistoryRepository(session)
    batch = history.batch(batch_id)
    if batch is None:
        raise NotFound(code="history.batch_not_found", params={"id": batch_id})
    hidden = tuple(k for k in KIND_BY_NAME if not may_read_kind(user, k))
    changes, total = history.find(HistoryQuery(batch_id=batch_id, hidden_kinds=hidden, offset=offset, limit=limit))
    _log_links(session, user, changes)
    reverted_by = history.reverting_batch(batch_id)
    return BatchView(
        id=batch.id,
        at=batch.at,
        actor=batch.actor,
        via=batch.via,
        files=[BatchFile.model_validate(f) for f in batch.files],
        counts=batch.counts,
        added=_shown_added(batch, hidden),
        added_known=batch.added is not None or not batch.files,
        reverts_batch_id=batch.reverts_batch_id,
        reverted_by=None if reverted_by is None else reverted_by.id,
        changes=change_views(history, changes),
        changes_total=total,
    )


def _shown_added(batch: Batch, hidden: tuple[str, ...]) -> dict[str, list[str]]:
    return {
        kind: [key_text(tuple(key)) for key in keys[:SHOWN_ADDED_KEYS]]
        for kind, keys in (batch.added or {}).items()
        if kind not in hidden
    }
