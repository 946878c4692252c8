"""Export-then-import round trips: wipe the database, load a folder, snapshot every kind's records."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import delete
from sqlalchemy.orm import Session

from chainatlas.domain.kinds import KINDS
from chainatlas.interchange.discovery import discover
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.imports import import_tables
from chainatlas.store.registry import RegistryRepository
from chainatlas.store.rows import Base

CTX = WriteContext(actor="t", via=Via.IMPORT, at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))


def wipe(session: Session) -> None:
    """Delete every row of every table and commit."""
    for table in reversed(Base.metadata.sorted_tables):
        session.execute(delete(table))
    session.commit()


def load(session: Session, folder: Path) -> None:
    """Import a folder of files, which must be clean, and commit."""
    tables, problems = discover([folder])
    assert problems == []
    report = import_tables(session, tables, CTX)
    assert report.ok, [p.as_text() for p in report.problems]
    session.commit()


def snapshot(session: Session) -> dict[str, list[object]]:
    """Return every record of every kind."""
    return {spec.name: list(RegistryRepository(session, spec).all()) for spec in KINDS}
