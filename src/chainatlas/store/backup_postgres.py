"""Back up and restore a PostgreSQL database's schema with pg_dump and pg_restore (custom format).

The backup holds the one schema the engine uses (its `search_path`), so several installations (or
test runs) can share a server. A restore renames the live schema aside, restores the backup in one
transaction, upgrades it if it is older, and only then drops the old schema; any failure puts the old
schema back, so the database never stays half-restored. Readers see no schema for that short moment:
restore with the server stopped.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess  # pg_dump and pg_restore are the tools for this; argv lists, no shell
from pathlib import Path

from sqlalchemy import Engine, text

from chainatlas.store.backup import (
    POSTGRES_MAGIC,
    BackupError,
    NotABackup,
    Progress,
    check_magic,
    check_revision,
    refuse_unless_confirmed,
)
from chainatlas.store.migrate import current_revision, upgrade

COPY_LINE = re.compile(r"^COPY (?P<table>\S+) \(version_num\) FROM stdin;$")
VERSION_TABLE_ENTRY = re.compile(r"^\d+; \d+ \d+ TABLE (?P<schema>\S+) alembic_version ", re.MULTILINE)


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"找不到 PostgreSQL 客户端工具 {name}，请安装（Debian: postgresql-client）并加入 PATH / {name} is not on "
            "PATH: install the PostgreSQL client tools (Debian: postgresql-client)"
        )
    return path


def _environment(engine: Engine) -> dict[str, str]:
    """Return the environment that points libpq at the engine's database (the password never in argv)."""
    url = engine.url
    found = {
        "PGHOST": url.host,
        "PGPORT": url.port,
        "PGUSER": url.username,
        "PGPASSWORD": url.password,
        "PGDATABASE": url.database,
    }
    return {**os.environ, **{key: str(value) for key, value in found.items() if value is not None}}


def _run(engine: Engine, argv: list[str]) -> str:
    """Run a client tool; return its standard output or raise BackupError with its message."""
    done = subprocess.run(argv, env=_environment(engine), capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{Path(argv[0]).name} 失败 / {Path(argv[0]).name} failed: {done.stderr.strip()}")
    return done.stdout


def current_schema(engine: Engine) -> str:
    """Return the schema the engine creates its tables in."""
    with engine.connect() as connection:
        return str(connection.execute(text("SELECT current_schema()")).scalar_one())


def backup(engine: Engine, target: Path, on_progress: Progress) -> str | None:
    """Dump the engine's schema into `target` (written aside, then moved in place); return its revision."""
    pg_dump = _tool("pg_dump")
    schema = current_schema(engine)
    target = target.resolve()
    partial = target.with_name(f".{target.name}.partial")
    on_progress(f"pg_dump --schema {schema}", 0, 0)
    try:
        _run(engine, [pg_dump, "--format=custom", f"--schema={schema}", f"--file={partial}", "--no-owner"])
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return current_revision(engine)


def _dump_facts(engine: Engine, source: Path) -> tuple[str, bool, str | None]:
    """Return the schema a dump holds, whether the dump creates it, and its Alembic revision (None: none)."""
    pg_restore = _tool("pg_restore")
    check_magic(source, expected=POSTGRES_MAGIC)
    try:
        listing = _run(engine, [pg_restore, "--list", str(source)])
        data = _run(engine, [pg_restore, "--data-only", "--table=alembic_version", "--file=-", str(source)])
    except BackupError as error:
        raise NotABackup(
            f"{source} 已损坏或不是 Chain Atlas 的备份 / {source} is damaged or not a backup: {error}"
        ) from error
    schemas = VERSION_TABLE_ENTRY.findall(listing)
    lines = data.splitlines()
    starts = [i for i, line in enumerate(lines) if COPY_LINE.match(line)]
    if len(schemas) != 1 or not starts:
        raise NotABackup(f"{source} 不是 Chain Atlas 的备份 / {source} is not a Chain Atlas backup")
    revision = lines[starts[0] + 1] if lines[starts[0] + 1] != "\\." else None
    creates = re.search(rf"^\d+; \d+ \d+ SCHEMA - {re.escape(schemas[0])} ", listing, re.MULTILINE) is not None
    return schemas[0], creates, revision


def restore(engine: Engine, source: Path, *, yes: bool, on_progress: Progress) -> str:
    """Replace the engine's schema by the backup in `source`; return the revision it ends at."""
    dumped, creates, revision = _dump_facts(engine, source)
    older = check_revision(engine, revision)
    schema = current_schema(engine)
    refuse_unless_confirmed(engine, yes=yes, schema=schema)
    if dumped != schema and _schema_exists(engine, dumped):
        raise BackupError(
            f"备份来自模式 {dumped}，而该模式已存在 / the backup holds schema {dumped}, which exists already; "
            f"restore into the database whose schema is {dumped}, or drop it first"
        )
    aside = f"{schema}_old"
    _execute(engine, f'DROP SCHEMA IF EXISTS "{aside}" CASCADE', f'ALTER SCHEMA "{schema}" RENAME TO "{aside}"')
    engine.dispose()
    try:
        _restore_in_place(engine, source, dumped=dumped, creates=creates, schema=schema, on_progress=on_progress)
        if older:
            on_progress(f"upgrade from {revision}", 0, 0)
            upgrade(engine)
    except Exception:
        _execute(
            engine,
            f'DROP SCHEMA IF EXISTS "{dumped}" CASCADE',
            f'DROP SCHEMA IF EXISTS "{schema}" CASCADE',
            f'ALTER SCHEMA "{aside}" RENAME TO "{schema}"',
        )
        raise
    finally:
        engine.dispose()
    _execute(engine, f'DROP SCHEMA "{aside}" CASCADE')
    return current_revision(engine) or ""


def _restore_in_place(
    engine: Engine, source: Path, *, dumped: str, creates: bool, schema: str, on_progress: Progress
) -> None:
    """Run pg_restore of the backup into its own schema, then give that schema the engine's schema name."""
    on_progress("pg_restore", 0, 0)
    if not creates:
        _execute(engine, f'CREATE SCHEMA "{dumped}"')
    command = ["--single-transaction", "--no-owner", "--exit-on-error", f"--dbname={engine.url.database}"]
    _run(engine, [_tool("pg_restore"), *command, str(source)])
    if dumped != schema:
        _execute(engine, f'ALTER SCHEMA "{dumped}" RENAME TO "{schema}"')


def _schema_exists(engine: Engine, name: str) -> bool:
    query = text("SELECT 1 FROM information_schema.schemata WHERE schema_name = :name")
    with engine.connect() as connection:
        return connection.execute(query, {"name": name}).first() is not None


def _execute(engine: Engine, *statements: str) -> None:
    """Run DDL statements in one transaction (PostgreSQL DDL is transactional)."""
    with engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement))
