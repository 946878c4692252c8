"""The change history: one batch row per import, one change row per record written."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from chainatlas.store.rows import ChangeBatchRow, ChangeRow, RegistryStateRow

VERSION_KEY = "chainatlas.registry_version"
"""Where a unit of work keeps the registry version it read (see registry_version)."""


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
        self, *, at: dt.datetime, actor: str, via: str, files: list[dict[str, Any]], counts: dict[str, Any]
    ) -> int:
        """Record an import and return its batch id."""
        row = ChangeBatchRow(at=at, actor=actor, via=via, files=files, counts=counts)
        self.session.add(row)
        self.session.flush()
        _bump_version(self.session)
        return row.id

    def add_changes(self, changes: list[dict[str, Any]]) -> None:
        """Record writes, each a mapping of ChangeRow's columns (without id)."""
        if changes:
            self.session.execute(insert(ChangeRow), changes)
            _bump_version(self.session)

    def changes(self, *, kind: str | None = None, batch_id: int | None = None, limit: int = 100) -> list[Change]:
        """Return the newest changes first, optionally for one kind or one batch."""
        statement = select(ChangeRow).order_by(ChangeRow.id.desc()).limit(limit)
        if kind is not None:
            statement = statement.where(ChangeRow.kind == kind)
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


def registry_version(session: Session) -> tuple[int, ...]:
    """Return a value that changes whenever a write through the services is committed (one-row read)."""
    return (int(session.scalar(select(RegistryStateRow.version).where(RegistryStateRow.id == 1)) or 0),)


def _bump_version(session: Session) -> None:
    # Every recorded write moves the version on, in the same transaction as the write itself.
    session.execute(
        update(RegistryStateRow).where(RegistryStateRow.id == 1).values(version=RegistryStateRow.version + 1)
    )
    session.info.pop(VERSION_KEY, None)
