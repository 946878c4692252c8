"""Back up and restore an SQLite database through SQLite's online backup API.

The backup is consistent while the server keeps writing. A restore copies the file aside, checks and
upgrades it there, then copies it over the database in one step of the backup API: one write
transaction, so readers see the old data or the new, never a mix, and a crash leaves the old data.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Engine

from chainatlas.store.backup import (
    SQLITE_MAGIC,
    NotABackup,
    Progress,
    check_magic,
    check_revision,
    refuse_unless_confirmed,
)
from chainatlas.store.engine import make_engine
from chainatlas.store.migrate import upgrade

PAGES_PER_STEP = 1024
"""Pages copied per step of a backup (4 MB at the default page size), so progress can be shown."""


def database_path(engine: Engine) -> Path:
    """Return the file of an SQLite engine."""
    name = engine.url.database
    if not name or name == ":memory:":
        raise NotABackup("内存数据库无法备份或恢复 / an in-memory database cannot be backed up or restored")
    return Path(name)


@contextlib.contextmanager
def _connected(path: Path, *, read_only: bool = False) -> Iterator[sqlite3.Connection]:
    uri = f"file:{path}?mode=ro" if read_only else f"file:{path}"
    connection = sqlite3.connect(uri, uri=True, timeout=30)
    try:
        yield connection
    finally:
        connection.close()


@contextlib.contextmanager
def _temporary_beside(path: Path, suffix: str) -> Iterator[Path]:
    """Yield a fresh file name in the folder of `path` (so the final move never crosses file systems)."""
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)
    os.close(handle)
    Path(name).unlink()
    try:
        yield Path(name)
    finally:
        for leftover in (name, f"{name}-wal", f"{name}-shm", f"{name}-journal"):
            Path(leftover).unlink(missing_ok=True)


def _copy(source: sqlite3.Connection, target: sqlite3.Connection, step: str, on_progress: Progress) -> None:
    def report(_status: int, remaining: int, total: int) -> None:
        on_progress(step, total - remaining, total)

    source.backup(target, pages=PAGES_PER_STEP, progress=report)


def backup(engine: Engine, target: Path, on_progress: Progress) -> str | None:
    """Copy the live database into `target` (written aside, then moved in place); return its revision."""
    source_path = database_path(engine)
    target = target.resolve()
    with _temporary_beside(target, ".partial") as partial:
        with _connected(source_path, read_only=True) as source, _connected(partial) as copy:
            _copy(source, copy, "backup", on_progress)
            copy.execute("PRAGMA journal_mode=DELETE")
            revision = _revision(copy)
        partial.replace(target)
    return revision


def _revision(connection: sqlite3.Connection) -> str | None:
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    return None if row is None else str(row[0])


def _checked_copy(source: Path, staging: Path, on_progress: Progress) -> str | None:
    """Copy a backup file into `staging` and return its revision; raise NotABackup on a damaged file."""
    check_magic(source, expected=SQLITE_MAGIC)
    try:
        with _connected(source, read_only=True) as backup_file, _connected(staging) as copy:
            _copy(backup_file, copy, "read backup", on_progress)
            verdict = copy.execute("PRAGMA quick_check").fetchone()
            revision = _revision(copy)
    except sqlite3.DatabaseError as error:
        raise NotABackup(f"{source} 已损坏，无法读取 / {source} is damaged: {error}") from error
    if verdict is None or verdict[0] != "ok":
        raise NotABackup(f"{source} 已损坏 / {source} is damaged: {verdict}")
    return revision


def restore(engine: Engine, source: Path, *, yes: bool, on_progress: Progress) -> str:
    """Replace the database by the backup in `source`; return the revision the database ends at."""
    target_path = database_path(engine)
    with _temporary_beside(target_path, ".restore") as staging:
        revision = _checked_copy(source, staging, on_progress)
        older = check_revision(engine, revision)
        refuse_unless_confirmed(engine, yes=yes)
        if older:
            on_progress(f"upgrade from {revision}", 0, 0)
            staged = make_engine(f"sqlite:///{staging}")
            upgrade(staged)
            staged.dispose()
        engine.dispose()
        with _connected(staging) as ready, _connected(target_path) as live:
            ready.backup(live, pages=-1, progress=lambda _s, r, t: on_progress("replace", t - r, t))
            final = _revision(live)
    return final or ""
