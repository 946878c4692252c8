"""The change history: one batch row per import, one change row per record written."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from chainatlas.store.rows import ChangeBatchRow, ChangeRow, RegistryStateRow

VERSION_KEY = "chainatlas.registry_version"
"""Where a unit of work keeps the versions it read (see concern_versions)."""


class Concern(IntEnum):
    """What a recorded write changes, each with its own version (its row id in registry_state).

    Caches key on the concerns they depend on: analyses on the registry alone, so signing in, adding a user,
    evaluating alerts or saving a what-if scenario (which changes no record the analyses read) never empties them.
    """

    REGISTRY = 1
    USERS = 2
    ALERTS = 3
    SCENARIOS = 4


CONCERN_OF_KIND = {"users": Concern.USERS, "alerts": Concern.ALERTS, "scenarios": Concern.SCENARIOS}
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


@dataclass(frozen=True)
class Batch:
    """One recorded import."""

    id: int
    at: dt.datetime
    actor: str
    via: str
    files: list[dict[str, Any]]
    counts: dict[str, Any]


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
    ) -> int:
        """Record an import (or another bulk write of one concern) and return its batch id."""
        row = ChangeBatchRow(at=at, actor=actor, via=via, files=files, counts=counts)
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
        return [
            Change(r.id, r.batch_id, r.at, r.actor, r.via, r.kind, r.record_key, r.action, r.before, r.after)
            for r in self.session.scalars(statement)
        ]

    def batches(self, *, limit: int = 100) -> list[Batch]:
        """Return the newest import batches first."""
        statement = select(ChangeBatchRow).order_by(ChangeBatchRow.id.desc()).limit(limit)
        return [Batch(r.id, r.at, r.actor, r.via, r.files, r.counts) for r in self.session.scalars(statement)]


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
