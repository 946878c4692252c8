"""Backup and restore of the whole database: what both back ends share (schema revisions, refusals).

SQLite goes through the online backup API (`store.backup_sqlite`), PostgreSQL through pg_dump and
pg_restore in their custom format (`store.backup_postgres`). A restore never leaves a half-restored
database: it is prepared aside and put in place in one step.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from alembic.script import ScriptDirectory
from sqlalchemy import ColumnElement, Engine, and_, column, inspect, not_, select, table, text, true

from chainatlas.store.backup_carry import CarriedOver, carry_over, live_state
from chainatlas.store.migrate import alembic_config

Progress = Callable[[str, int, int], None]
"""Called with (step, done, total) while a backup or restore works; total 0 when unknown."""


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


class NotABackup(BackupError):
    """The file is not a Chain Atlas backup (or not one for this kind of database)."""


class NewerSchema(BackupError):
    """The backup holds a schema newer than this version of Chain Atlas knows."""


class HasData(BackupError):
    """The database to restore into holds data and the caller did not confirm."""


def no_progress(_step: str, _done: int, _total: int) -> None:
    """Ignore progress."""


def revision_history(engine: Engine) -> list[str]:
    """Return the package's Alembic revisions from the first to the head."""
    script = ScriptDirectory.from_config(alembic_config(engine))
    return [revision.revision for revision in reversed(list(script.walk_revisions()))]


def check_revision(engine: Engine, revision: str | None) -> bool:
    """Return whether a backup at `revision` needs an upgrade after restoring; raise if it cannot be restored.

    Revisions are compared by their position in the Alembic history, never as strings.
    """
    history = revision_history(engine)
    if revision is None:
        raise NotABackup(
            "备份中没有数据库结构版本，不是 Chain Atlas 的备份 / the file holds no schema revision: not a Chain Atlas backup"
        )
    if revision not in history:
        raise NewerSchema(
            f"备份的数据库结构版本 {revision} 比本程序（最新 {history[-1]}）新，或不属于 Chain Atlas；请先升级 Chain Atlas / "
            f"the backup's schema revision {revision} is newer than this Chain Atlas knows (head {history[-1]}) "
            "or not from Chain Atlas; upgrade Chain Atlas first"
        )
    return history.index(revision) < len(history) - 1


BOOKKEEPING = frozenset({"alembic_version", "registry_state", "alert_schedule", "analysis_cache"})
"""Tables a freshly migrated, empty database already fills, and the shared cache of analysis results (derived,
recomputed on demand): their rows are not data."""


MIGRATION_ROWS: dict[str, dict[str, Any]] = {
    "clusters": {
        "id": "default",
        "name_zh": "本集群",
        "name_en": "The cluster",
        "region": "",
        "root_code": None,
        "source": "migration 0014: the enterprises' in_cluster flag",
    },
}
"""Rows the migrations themselves write (0014's default cluster): left as they were made, they are not data."""


def _not_made_by_migrations(name: str) -> ColumnElement[bool]:
    made = MIGRATION_ROWS.get(name)
    if made is None:
        return true()
    return not_(and_(*(column(c).is_(None) if v is None else column(c) == v for c, v in made.items())))


def has_data(engine: Engine, schema: str | None = None) -> bool:
    """Return whether any table of the database (but the bookkeeping ones) holds a row a migration did not make."""
    names = [n for n in inspect(engine).get_table_names(schema=schema) if n not in BOOKKEEPING]
    with engine.connect() as connection:
        for name in names:
            rows = select(text("1")).select_from(table(name, schema=schema)).where(_not_made_by_migrations(name))
            if connection.execute(rows.limit(1)).first():
                return True
    return False


def refuse_unless_confirmed(engine: Engine, *, yes: bool, schema: str | None = None) -> None:
    """Raise HasData when the target database holds data and the caller did not say --yes."""
    if not yes and has_data(engine, schema):
        url = engine.url.render_as_string(hide_password=True)
        raise HasData(
            f"数据库 {url} 已有数据，恢复会替换全部数据；确认请加 --yes / the database {url} holds data that the "
            "restore replaces entirely; add --yes to go on"
        )


def backup_database(engine: Engine, target: Path, on_progress: Progress = no_progress) -> str | None:
    """Write a backup of the whole database to a file; return the schema revision it holds."""
    from chainatlas.store import backup_postgres, backup_sqlite

    if engine.dialect.name == "sqlite":
        return backup_sqlite.backup(engine, target, on_progress)
    return backup_postgres.backup(engine, target, on_progress)


def restore_database(
    engine: Engine, source: Path, *, yes: bool, at: dt.datetime, on_progress: Progress = no_progress
) -> tuple[str, CarriedOver]:
    """Replace the database by a backup (upgrading an older schema); return the revision it ends at and what
    was carried over from the replaced database (store.backup_carry: versions, revocations, sessions)."""
    from chainatlas.store import backup_postgres, backup_sqlite

    if not source.is_file():
        raise NotABackup(f"找不到备份文件 / no such backup file: {source}")
    before = live_state(engine)
    if engine.dialect.name == "sqlite":
        revision = backup_sqlite.restore(engine, source, yes=yes, on_progress=on_progress)
    else:
        revision = backup_postgres.restore(engine, source, yes=yes, on_progress=on_progress)
    return revision, carry_over(engine, before, at=at)


SQLITE_MAGIC, POSTGRES_MAGIC = b"SQLite format 3\x00", b"PGDMP"


def check_magic(source: Path, *, expected: bytes) -> None:
    """Raise NotABackup unless the file starts as a backup for this kind of database does."""
    with source.open("rb") as handle:
        head = handle.read(16)
    if head.startswith(expected):
        return
    if head.startswith(SQLITE_MAGIC) or head.startswith(POSTGRES_MAGIC):
        kind = "SQLite" if head.startswith(SQLITE_MAGIC) else "PostgreSQL"
        raise NotABackup(
            f"{source} 是 {kind} 数据库的备份，不能恢复到这种数据库 / {source} is a backup of a {kind} database; "
            f"restore it into a {kind} database"
        )
    raise NotABackup(f"{source} 不是 Chain Atlas 的备份 / {source} is not a Chain Atlas backup")
