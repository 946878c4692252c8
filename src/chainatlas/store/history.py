"""The change history: one batch row per import, one change row per record written."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from sqlalchemy import ColumnElement, String, cast, event, func, insert, or_, select, update
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from chainatlas.store.rows import ChangeBatchRow, ChangeRow, RegistryStateRow

VERSION_KEY = "chainatlas.registry_version"
"""Where a unit of work keeps the versions it read (see concern_versions)."""
WROTE_KEY = "chainatlas.wrote"
HOLDS_WRITE_KEY = "chainatlas.holds_write"
"""Set on a unit of work from its first write (a flush, a DML statement, a recorded change) until it commits or
rolls back: on SQLite it holds the database's write lock, which another connection's write would wait on."""
"""Set in a unit of work once it recorded a write: what it reads is not committed, so no cache may keep it."""


class Concern(IntEnum):
    """What a recorded write changes, each with its own version (its row id in registry_state).

    Caches key on the concerns they depend on: analyses on the registry alone, so signing in, adding a user,
    evaluating alerts or saving a what-if scenario (which changes no record the analyses read) never empties them.
    """

    REGISTRY = 1
    USERS = 2
    ALERTS = 3
    SCENARIOS = 4
    NEWS = 5


CONCERN_OF_KIND = {"users": Concern.USERS, "alerts": Concern.ALERTS, "scenarios": Concern.SCENARIOS}
CONCERN_OF_KIND.update({"articles": Concern.NEWS, "feeds": Concern.NEWS, "news_proposals": Concern.NEWS})
CONCERN_OF_KIND["briefings"] = Concern.SCENARIOS  # a generated briefing changes nothing an analysis reads
"""Change kinds that are not registry data (every other kind is)."""


def concern_of(kind: str) -> Concern:
    """Return the concern a change of a kind belongs to."""
    return CONCERN_OF_KIND.get(kind, Concern.REGISTRY)


@dataclass(frozen=True)
class Change:
    """One recorded write."""

    id: int
    batch_id: int | None
    at: dt.datetime
    actor: str
    via: str
    kind: str
    record_key: str
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    reverts_id: int | None = None


@dataclass(frozen=True)
class Batch:
    """One recorded import."""

    id: int
    at: dt.datetime
    actor: str
    via: str
    files: list[dict[str, Any]]
    counts: dict[str, Any]
    reverts_batch_id: int | None = None
    after_change: int | None = None
    added: dict[str, list[list[Any]]] | None = None


@dataclass(frozen=True)
class HistoryQuery:
    """Which changes to list: every filter optional, `since` inclusive and `until` exclusive (UTC instants)."""

    kind: str | None = None
    record_key: str | None = None
    actor: str | None = None
    via: str | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None
    batch_id: int | None = None
    after_id: int | None = None
    hidden_kinds: tuple[str, ...] = ()
    offset: int = 0
    limit: int = 50


class HistoryRepository:
    """Append to and read the change history."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add_batch(
        self,
        *,
        at: dt.datetime,
        actor: str,
        via: str,
        files: list[dict[str, Any]],
        counts: dict[str, Any],
        concern: Concern = Concern.REGISTRY,
        added: dict[str, list[list[Any]]] | None = None,
        reverts_batch_id: int | None = None,
    ) -> int:
        """Record an import (or another bulk write of one concern) and return its batch id."""
        row = ChangeBatchRow(
            at=at,
            actor=actor,
            via=via,
            files=files,
            counts=counts,
            added=added,
            reverts_batch_id=reverts_batch_id,
            after_change=self.newest_change_id(),
        )
        self.session.add(row)
        self.session.flush()
        _bump_versions(self.session, {concern})
        return row.id

    def add_changes(self, changes: list[dict[str, Any]]) -> None:
        """Record writes, each a mapping of ChangeRow's columns (without id); move the versions of their concerns."""
        if changes:
            self.session.execute(insert(ChangeRow), changes)
            _bump_versions(self.session, {concern_of(str(c["kind"])) for c in changes})

    def changes(
        self, *, kind: str | None = None, batch_id: int | None = None, record_key: str | None = None, limit: int = 100
    ) -> list[Change]:
        """Return the newest changes first, optionally for one kind, one record (its key text) or one batch."""
        statement = select(ChangeRow).order_by(ChangeRow.id.desc()).limit(limit)
        if kind is not None:
            statement = statement.where(ChangeRow.kind == kind)
        if record_key is not None:
            statement = statement.where(ChangeRow.record_key == record_key)
        if batch_id is not None:
            statement = statement.where(ChangeRow.batch_id == batch_id)
        return [_change(r) for r in self.session.scalars(statement)]

    def batches(self, *, limit: int = 100) -> list[Batch]:
        """Return the newest import batches first."""
        statement = select(ChangeBatchRow).order_by(ChangeBatchRow.id.desc()).limit(limit)
        return [_batch(r) for r in self.session.scalars(statement)]

    def find(self, query: HistoryQuery) -> tuple[list[Change], int]:
        """Return one page of the changes a query selects, newest first, and how many it selects in all."""
        conditions = _conditions(query)
        total = self.session.scalar(select(func.count()).select_from(ChangeRow).where(*conditions)) or 0
        statement = (
            select(ChangeRow).where(*conditions).order_by(ChangeRow.id.desc()).offset(query.offset).limit(query.limit)
        )
        return [_change(r) for r in self.session.scalars(statement)], int(total)

    def change(self, change_id: int) -> Change | None:
        """Return one change by its id."""
        row = self.session.get(ChangeRow, change_id)
        return None if row is None else _change(row)

    def batch(self, batch_id: int) -> Batch | None:
        """Return one batch by its id."""
        row = self.session.get(ChangeBatchRow, batch_id)
        return None if row is None else _batch(row)

    def reverting_change(self, change_id: int) -> Change | None:
        """Return the change that reverted a change, if one did."""
        statement = select(ChangeRow).where(ChangeRow.reverts_id == change_id).order_by(ChangeRow.id).limit(1)
        row = self.session.scalars(statement).first()
        return None if row is None else _change(row)

    def reverted_by(self, change_ids: list[int]) -> dict[int, int]:
        """Return, for those of some changes that were reverted, the id of the change that reverted each."""
        if not change_ids:
            return {}
        statement = select(ChangeRow.reverts_id, func.min(ChangeRow.id)).where(ChangeRow.reverts_id.in_(change_ids))
        rows = self.session.execute(statement.group_by(ChangeRow.reverts_id)).all()
        return {int(reverted): int(by) for reverted, by in rows if reverted is not None}

    def batches_adding(self, kind: str, key_parts: list[str]) -> list[int]:
        """Return the ids of the import batches that added a record (its key's parts as text), oldest first.

        The stored JSON is searched for the key's first part as JSON writes it (non-ASCII escaped), then each
        candidate's keys are compared exactly."""
        wanted = [str(part) for part in key_parts]
        text = cast(ChangeBatchRow.added, String)
        statement = select(ChangeBatchRow.id, ChangeBatchRow.added).where(
            ChangeBatchRow.added.is_not(None), text.contains(json.dumps(wanted[0]), autoescape=True)
        )
        found = []
        for batch_id, added in self.session.execute(statement.order_by(ChangeBatchRow.id)):
            if any([str(part) for part in key] == wanted for key in (added or {}).get(kind, [])):
                found.append(int(batch_id))
        return found

    def reverting_batch(self, batch_id: int) -> Batch | None:
        """Return the batch that reverted a batch, if one did."""
        statement = select(ChangeBatchRow).where(ChangeBatchRow.reverts_batch_id == batch_id).limit(1)
        row = self.session.scalars(statement).first()
        return None if row is None else _batch(row)

    def later_changes(
        self, *, after_id: int, kinds: set[str], not_in_batch: int | None = None, limit: int = 10_000
    ) -> list[Change]:
        """Return the changes to records of some kinds made after a change id (outside one batch), oldest first."""
        statement = select(ChangeRow).where(ChangeRow.id > after_id, ChangeRow.kind.in_(sorted(kinds)))
        if not_in_batch is not None:
            statement = statement.where(or_(ChangeRow.batch_id.is_(None), ChangeRow.batch_id != not_in_batch))
        return [_change(r) for r in self.session.scalars(statement.order_by(ChangeRow.id).limit(limit))]

    def newest_change_id(self) -> int:
        """Return the id of the newest change (0 when there is none)."""
        return int(self.session.scalar(select(func.max(ChangeRow.id))) or 0)

    def link_changes(
        self, *, after_id: int, actor: str, at: dt.datetime, reverts_id: int | None, batch_id: int | None
    ) -> None:
        """Mark the changes an actor just recorded (ids after `after_id`, stamped `at`) as reverting a change and
        as part of a batch."""
        self.session.execute(
            update(ChangeRow)
            .where(ChangeRow.id > after_id, ChangeRow.actor == actor, ChangeRow.at == at)
            .values(reverts_id=reverts_id, batch_id=batch_id)
        )


def _change(r: ChangeRow) -> Change:
    return Change(
        r.id, r.batch_id, r.at, r.actor, r.via, r.kind, r.record_key, r.action, r.before, r.after, r.reverts_id
    )


def _batch(r: ChangeBatchRow) -> Batch:
    return Batch(r.id, r.at, r.actor, r.via, r.files, r.counts, r.reverts_batch_id, r.after_change, r.added)


def _conditions(query: HistoryQuery) -> list[ColumnElement[bool]]:
    """Return the WHERE conditions of a history query."""
    equals = (
        (ChangeRow.kind, query.kind),
        (ChangeRow.record_key, query.record_key),
        (ChangeRow.actor, query.actor),
        (ChangeRow.via, query.via),
        (ChangeRow.batch_id, query.batch_id),
    )
    conditions: list[ColumnElement[bool]] = [column == value for column, value in equals if value is not None]
    if query.since is not None:
        conditions.append(ChangeRow.at >= query.since)
    if query.until is not None:
        conditions.append(ChangeRow.at < query.until)
    if query.after_id is not None:
        conditions.append(ChangeRow.id > query.after_id)
    if query.hidden_kinds:
        conditions.append(ChangeRow.kind.not_in(query.hidden_kinds))
    return conditions


def concern_versions(session: Session) -> dict[Concern, int]:
    """Return every concern's version (one small read); a concern's version changes with each committed write of it."""
    rows = session.execute(select(RegistryStateRow.id, RegistryStateRow.version)).all()
    found = {row.id: int(row.version or 0) for row in rows}
    return {concern: found.get(concern.value, 0) for concern in Concern}


def registry_version(session: Session) -> tuple[int, ...]:
    """Return a value that changes whenever a registry write through the services is committed."""
    return (concern_versions(session)[Concern.REGISTRY],)


def _bump_versions(session: Session, concerns: set[Concern]) -> None:
    # A recorded write moves its concerns' versions on, in the same transaction as the write itself.
    session.execute(
        update(RegistryStateRow)
        .where(RegistryStateRow.id.in_(sorted(c.value for c in concerns)))
        .values(version=RegistryStateRow.version + 1)
    )
    session.info.pop(VERSION_KEY, None)
    session.info[HOLDS_WRITE_KEY] = True
    if Concern.REGISTRY in concerns:
        session.info[WROTE_KEY] = True


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _write_released(session: Session) -> None:
    session.info.pop(HOLDS_WRITE_KEY, None)


@event.listens_for(Session, "after_flush")
def _flushed(session: Session, _flush: UOWTransaction) -> None:
    session.info[HOLDS_WRITE_KEY] = True


@event.listens_for(Session, "do_orm_execute")
def _statement(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        state.session.info[HOLDS_WRITE_KEY] = True
