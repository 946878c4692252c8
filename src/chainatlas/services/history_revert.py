"""Revert a recorded change or a whole import batch (administrators only).

A revert is refused, with the reason, when later writes depend on what it would undo: a later change to the
same record, a record the change created that others now refer to, a deleted record whose key was used again,
a record no longer as the change left it. Otherwise it is applied through the same record services as any
write (validation, reference checks), in the caller's transaction, and is itself recorded: each change it
writes names the change it reverts, and a batch revert is a batch naming the batch it reverts.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from chainatlas.domain.access import Action
from chainatlas.domain.history_results import ChangeView, RevertResult
from chainatlas.domain.kinds import KIND_BY_NAME, KINDS, Key, KindSpec
from chainatlas.domain.messages import Params
from chainatlas.domain.user import User
from chainatlas.services.access import require
from chainatlas.services.audit import key_text, snapshot
from chainatlas.services.context import WriteContext
from chainatlas.services.errors import Conflict, NotFound
from chainatlas.services.history import change_views
from chainatlas.services.records import blocking_references, create_record, delete_record, update_record
from chainatlas.store.history import Batch, Change, HistoryQuery, HistoryRepository
from chainatlas.store.registry import RegistryRepository

KIND_ORDER = {spec.name: i for i, spec in enumerate(KINDS)}


def revert_change(session: Session, user: User | None, ctx: WriteContext, *, change_id: int) -> RevertResult:
    """Undo one change (a create deletes, an update restores, a delete re-creates), or raise Conflict why not."""
    require(user, Action.REVERT)
    history = HistoryRepository(session)
    change = history.change(change_id)
    if change is None:
        raise NotFound(code="history.change_not_found", params={"id": change_id})
    spec = _revertible_spec(change)
    done = history.reverting_change(change.id)
    if done is not None:
        raise Conflict(code="history.revert.already_reverted", params={"by": done.id})
    key = _key(spec, change)
    _check_change(session, history, spec, change, key)
    mark = history.newest_change_id()
    _undo(session, ctx, spec, change, key)
    history.link_changes(after_id=mark, actor=ctx.actor, at=ctx.at, reverts_id=change.id, batch_id=None)
    return RevertResult(reverted_change_id=change.id, changes=_written(history, mark))


def _revertible_spec(change: Change) -> KindSpec:
    if change.kind not in KIND_BY_NAME or change.action not in ("create", "update", "delete"):
        raise Conflict(code="history.revert.not_revertible_kind", params={"kind": change.kind})
    return KIND_BY_NAME[change.kind]


def _key(spec: KindSpec, change: Change) -> Key:
    """Return a change's record key, typed as the kind's key fields are."""
    state = change.after if change.after is not None else change.before
    record = spec.model.model_validate(state)
    return spec.key_of(record)


def _check_change(session: Session, history: HistoryRepository, spec: KindSpec, change: Change, key: Key) -> None:
    current = RegistryRepository(session, spec).get(key)
    where = {"kind": spec.name, "key": change.record_key}
    if change.action == "delete" and current is not None:
        raise Conflict(code="history.revert.key_reused", params=where)
    later = _first_later(history, change.id, {(spec.name, change.record_key)}, None)
    if later is not None:
        raise Conflict(code="history.revert.later_change", params={**where, "later": later.id})
    if change.action != "delete" and snapshot(current) != change.after:
        raise Conflict(code="history.revert.not_as_left", params=where)


def _first_later(
    history: HistoryRepository, after_id: int, touched: set[tuple[str, str]], batch_id: int | None
) -> Change | None:
    kinds = {kind for kind, _ in touched}
    later = history.later_changes(after_id=after_id, kinds=kinds, not_in_batch=batch_id)
    return next((c for c in later if (c.kind, c.record_key) in touched), None)


def _undo(session: Session, ctx: WriteContext, spec: KindSpec, change: Change, key: Key) -> None:
    if change.action == "create":
        _delete_unreferred(session, ctx, spec, key)
    elif change.action == "update":
        update_record(session, ctx, kind=spec, key=key, changes=change.before or {})
    else:
        create_record(session, ctx, kind=spec, data=change.before or {})


def _delete_unreferred(session: Session, ctx: WriteContext, spec: KindSpec, key: Key) -> None:
    users = blocking_references(session, spec, key)
    if users:
        listed = ", ".join(f"{count} {name}" for name, count in users.items())
        params: Params = {"kind": spec.name, "key": key_text(key), "users": listed, "count": sum(users.values())}
        raise Conflict(code="history.revert.referred", params=params)
    delete_record(session, ctx, kind=spec.name, key=key)


def _delete_added(session: Session, ctx: WriteContext, spec: KindSpec, keys: list[Key]) -> None:
    """Delete records a batch added, those that others of them refer to (a child node's parent) after those others."""
    pending = keys
    while pending:
        kept = [key for key in pending if blocking_references(session, spec, key)]
        if len(kept) == len(pending):
            _delete_unreferred(session, ctx, spec, kept[0])  # refused: referred to from outside the batch
        for key in pending:
            if key not in kept:
                delete_record(session, ctx, kind=spec.name, key=key)
        pending = kept


def _written(history: HistoryRepository, mark: int) -> list[ChangeView]:
    changes, _ = history.find(HistoryQuery(after_id=mark, limit=100_000))
    return change_views(history, sorted(changes, key=lambda c: c.id))


def revert_batch(session: Session, user: User | None, ctx: WriteContext, *, batch_id: int) -> RevertResult:
    """Undo a whole import: restore what it updated, delete what it added (dependants first), as one new batch."""
    require(user, Action.REVERT)
    history = HistoryRepository(session)
    batch = history.batch(batch_id)
    if batch is None:
        raise NotFound(code="history.batch_not_found", params={"id": batch_id})
    updates, added = _check_batch(session, history, batch)
    mark = history.newest_change_id()
    counts = {kind: {"restored": 0, "deleted": len(keys)} for kind, keys in added.items()}
    for change in updates:
        counts.setdefault(change.kind, {"restored": 0, "deleted": 0})["restored"] += 1
    own = history.add_batch(
        at=ctx.at, actor=ctx.actor, via=ctx.via.value, files=[], counts=counts, reverts_batch_id=batch.id
    )
    for change in updates:
        spec = KIND_BY_NAME[change.kind]
        before = history.newest_change_id()
        update_record(session, ctx, kind=spec, key=_key(spec, change), changes=change.before or {})
        history.link_changes(after_id=before, actor=ctx.actor, at=ctx.at, reverts_id=change.id, batch_id=own)
    before = history.newest_change_id()
    for kind in sorted(added, key=KIND_ORDER.__getitem__, reverse=True):
        _delete_added(session, ctx, KIND_BY_NAME[kind], added[kind])
    history.link_changes(after_id=before, actor=ctx.actor, at=ctx.at, reverts_id=None, batch_id=own)
    return RevertResult(reverted_batch_id=batch.id, batch_id=own, changes=_written(history, mark))


def _check_batch(
    session: Session, history: HistoryRepository, batch: Batch
) -> tuple[list[Change], dict[str, list[Key]]]:
    """Return the batch's updates (dependants first) and added keys per kind, or raise Conflict why it cannot be
    reverted."""
    if not is_import(batch):
        raise Conflict(code="history.revert.not_import", params={"id": batch.id})
    done = history.reverting_batch(batch.id)
    if done is not None:
        raise Conflict(code="history.revert.batch_already_reverted", params={"by": done.id})
    if batch.added is None and any(_added_count(c) for c in batch.counts.values()):
        raise Conflict(code="history.revert.added_unknown", params={"id": batch.id})
    updates = history.changes(batch_id=batch.id, limit=10_000_000)
    added = {kind: [tuple(key) for key in keys] for kind, keys in (batch.added or {}).items()}
    touched = {(c.kind, c.record_key) for c in updates}
    touched |= {(kind, key_text(key)) for kind, keys in added.items() for key in keys}
    later = _first_later(history, batch.after_change or 0, touched, batch.id)
    if later is not None:
        raise Conflict(
            code="history.revert.later_change",
            params={"kind": later.kind, "key": later.record_key, "later": later.id},
        )
    for change in updates:
        current = RegistryRepository(session, KIND_BY_NAME[change.kind]).get(_key(KIND_BY_NAME[change.kind], change))
        if snapshot(current) != change.after:
            raise Conflict(code="history.revert.not_as_left", params={"kind": change.kind, "key": change.record_key})
    updates.sort(key=lambda c: (-KIND_ORDER[c.kind], -c.id))
    return updates, added


def is_import(batch: Batch) -> bool:
    """Return whether a batch is an import (it read files), whatever door it came through."""
    return bool(batch.files) and batch.reverts_batch_id is None


def _added_count(counts: object) -> int:
    return int(counts.get("added", 0)) if isinstance(counts, dict) else 0
