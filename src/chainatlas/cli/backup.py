"""Backup and restore commands: the whole database to one file and back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy import Engine

from chainatlas.cli.output import EXIT_FAILURE, EXIT_INVALID, EXIT_USAGE, fail, out, print_json, progress, state
from chainatlas.services.backup import (
    BackupError,
    CarriedOver,
    HasData,
    NewerSchema,
    NotABackup,
    backup_database,
    restore_database,
)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]


def backup(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The backup file to write (replaced if it exists).")],
    json_out: JsonFlag = False,
) -> None:
    """Back up the whole database to FILE, consistently while the server runs (SQLite: online backup API;
    PostgreSQL: pg_dump custom format of the schema in use)."""
    if not file.parent.is_dir():
        fail(
            f"备份文件所在的文件夹 {file.parent} 不存在 / the folder of the backup file, {file.parent}, does not exist",
            EXIT_USAGE,
        )
    engine = state(ctx).engine()
    with progress() as bar:
        task = bar.add_task("backup", total=None)
        try:
            revision = backup_database(
                engine,
                file,
                lambda step, done, total: bar.update(task, description=step, completed=done, total=total or None),
            )
        except BackupError as error:
            fail(str(error), EXIT_FAILURE)
    engine.dispose()
    facts = {"file": str(file), "bytes": file.stat().st_size, "revision": revision, "database": engine.dialect.name}
    if json_out:
        print_json(facts)
    else:
        out.print(
            f"备份完成 / backed up to {file} ({facts['bytes']:,} bytes, schema revision {revision})", highlight=False
        )


def restore(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A file written by `chainatlas backup`.")],
    yes: Annotated[bool, typer.Option("--yes", help="Replace a database that holds data.")] = False,
    json_out: JsonFlag = False,
) -> None:
    """Replace the whole database by a backup; an older schema is upgraded afterwards. A file from a newer
    Chain Atlas, or one that is not a backup, is refused; a database with data needs --yes."""
    engine = state(ctx).engine()
    revision, carried = _restored(engine, file, yes=yes)
    engine.dispose()
    facts = {
        "file": str(file),
        "revision": revision,
        "database": engine.dialect.name,
        "tokens_revoked_again": carried.tokens_revoked_again,
        "sessions_ended": carried.sessions_ended,
    }
    if json_out:
        print_json(facts)
    else:
        out.print(
            f"恢复完成，所有登录会话已结束，备份后撤销的 {carried.tokens_revoked_again} 个令牌保持撤销 / restored {file} "
            f"(schema revision {revision}); {carried.sessions_ended} sign-in session(s) ended, "
            f"{carried.tokens_revoked_again} token(s) revoked since the backup stay revoked",
            highlight=False,
        )


def _restored(engine: Engine, file: Path, *, yes: bool) -> tuple[str, CarriedOver]:
    """Restore a backup with a progress bar; a refusal exits with its code (2 data without --yes, 3 not usable)."""
    with progress() as bar:
        task = bar.add_task("restore", total=None)
        try:
            return restore_database(
                engine,
                file,
                yes=yes,
                at=dt.datetime.now(dt.UTC),
                on_progress=lambda step, done, total: bar.update(
                    task, description=step, completed=done, total=total or None
                ),
            )
        except HasData as error:
            fail(str(error), EXIT_USAGE)
        except (NotABackup, NewerSchema) as error:
            fail(str(error), EXIT_INVALID)
        except BackupError as error:
            fail(str(error), EXIT_FAILURE)
