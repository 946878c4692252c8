"""Engines and the unit of work: one transaction per request, command or import; the caller commits."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session


class DatabaseFolderMissing(Exception):
    """An SQLite URL names a file in a folder that does not exist."""


POOL_SIZE, POOL_OVERFLOW = 10, 30
"""Up to 40 connections: as many as the server's worker threads, so a burst never waits on the pool."""


def make_engine(url: str, *, create_folder: bool = False) -> Engine:
    """Return an engine for a database URL; an SQLite file gets WAL and foreign keys (and, when asked,
    its folder: only the default `var/` is made on demand, so a mistyped path fails instead)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, pool_size=POOL_SIZE, max_overflow=POOL_OVERFLOW)
    if parsed.database and parsed.database != ":memory:":
        folder = Path(parsed.database).parent
        if create_folder:
            folder.mkdir(parents=True, exist_ok=True)
        elif not folder.is_dir():
            raise DatabaseFolderMissing(f"the folder of the SQLite database does not exist: {folder}")
    engine = create_engine(url, connect_args={"timeout": 30}, pool_size=POOL_SIZE, max_overflow=POOL_OVERFLOW)
    event.listen(engine, "connect", _sqlite_pragmas)
    event.listen(engine, "checkout", _enforce_foreign_keys)
    return engine


def _enforce_foreign_keys(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
    # Every unit of work starts with foreign keys enforced, whatever a bulk load did before.
    dbapi_connection.execute("PRAGMA foreign_keys=ON")


def check_foreign_keys_per_batch(session: Session) -> None:
    """On SQLite, check foreign keys once at the end of a bulk load instead of on every row.

    Call first in a unit of work whose references the caller validates itself, and call
    `foreign_key_violations` before committing. Elsewhere (or after a write) it changes nothing.
    """
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")


def foreign_key_violations(session: Session, tables: list[str]) -> list[tuple[Any, ...]]:
    """Return the rows of the given tables whose foreign keys point nowhere (SQLite; empty elsewhere,
    where constraints are enforced by the server at commit)."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return []
    found: list[tuple[Any, ...]] = []
    for table in tables:
        found.extend(tuple(row) for row in connection.exec_driver_sql(f'PRAGMA foreign_key_check("{table}")'))
    return found


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def after_commit(session: Session, callback: Callable[[], None]) -> None:
    """Call back once the session's current transaction commits (not at all if it is rolled back)."""

    def called(_session: Session) -> None:
        callback()

    event.listen(session, "after_commit", called, once=True)


class UnitOfWork:
    """A session for one unit of work; nothing is written unless the caller commits."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.session = Session(engine, expire_on_commit=False)

    def __enter__(self) -> UnitOfWork:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.session.rollback()
        self.session.close()

    def commit(self) -> None:
        """Make every write of this unit of work permanent."""
        self.session.commit()

    def rollback(self) -> None:
        """Drop every write of this unit of work."""
        self.session.rollback()
