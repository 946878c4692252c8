"""`chainatlas backup` and `restore`: the round trip gives identical exports; bad files, newer schemas and
databases with data are refused with nothing changed; an older schema is upgraded after restoring."""

from __future__ import annotations

import datetime as dt
import filecmp
import json
import shutil
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session
from tests.conftest import Cli

from chainatlas.domain.user import Role
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.sessions import start_session
from chainatlas.services.users import add_user, create_token, user_for_token
from chainatlas.store.backup import backup_database
from chainatlas.store.migrate import alembic_config, current_revision, upgrade

# The migrations the package ships, in order (docs/development.md "Schema changes"); the last is the head.
OLDER = "0007"


def _export(cli: Cli, folder: Path) -> list[str]:
    code, _, err = cli("export", str(folder))
    assert code == 0, err
    return sorted(p.name for p in folder.iterdir())


def _same_exports(left: Path, right: Path) -> bool:
    names = sorted(p.name for p in left.iterdir())
    match, mismatch, errors = filecmp.cmpfiles(left, right, names, shallow=False)
    return sorted(p.name for p in right.iterdir()) == names and not mismatch and not errors


def _change_data(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE enterprises SET name_zh = 'changed' WHERE id = (SELECT min(id) FROM enterprises)")
        )
        connection.execute(text("DELETE FROM supply_links WHERE id = (SELECT min(id) FROM supply_links)"))


@pytest.mark.slow
def test_backup_change_restore_gives_identical_exports(cli: Cli, engine: Engine, tmp_path: Path) -> None:
    assert cli("demo")[0] == 0
    files = _export(cli, tmp_path / "before")
    assert len(files) >= 10
    code, out, err = cli("backup", str(tmp_path / "atlas.backup"), "--json")
    assert code == 0, err
    assert json.loads(out)["bytes"] == (tmp_path / "atlas.backup").stat().st_size > 0
    _change_data(engine)
    _export(cli, tmp_path / "changed")
    assert not _same_exports(tmp_path / "before", tmp_path / "changed")
    code, _, err = cli("restore", str(tmp_path / "atlas.backup"))
    assert code == 2 and "已有数据" in err and "add --yes" in err, err
    assert _same_exports(tmp_path / "changed", _export_to(cli, tmp_path / "refused"))
    _restore_cut_short(cli, engine, tmp_path)
    assert _same_exports(tmp_path / "changed", _export_to(cli, tmp_path / "failed"))
    code, out, err = cli("restore", str(tmp_path / "atlas.backup"), "--yes", "--json")
    assert code == 0, err
    _export(cli, tmp_path / "after")
    assert _same_exports(tmp_path / "before", tmp_path / "after")


def _restore_cut_short(cli: Cli, engine: Engine, tmp_path: Path) -> None:
    """Restore the backup cut to 90 %: SQLite refuses the damaged file; PostgreSQL finds the archive's table of
    contents and revision intact, so pg_restore starts and fails half-way, and the old schema is put back."""
    raw = (tmp_path / "atlas.backup").read_bytes()
    (tmp_path / "cut.backup").write_bytes(raw[: len(raw) * 9 // 10])
    code, _, err = cli("restore", str(tmp_path / "cut.backup"), "--yes")
    if engine.dialect.name == "postgresql":
        assert code == 1 and "pg_restore 失败 / pg_restore failed" in err, err
    else:
        assert code == 3 and "已损坏" in err, err


def _export_to(cli: Cli, folder: Path) -> Path:
    _export(cli, folder)
    return folder


def test_a_file_that_is_not_a_backup_is_refused(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    code, _, err = cli("restore", str(tmp_path / "notes.txt"), "--yes")
    assert code == 3 and "不是 Chain Atlas 的备份" in err and "is not a Chain Atlas backup" in err, err
    code, _, err = cli("restore", str(tmp_path / "missing.backup"), "--yes")
    assert code == 3 and "no such backup file" in err, err


def test_a_damaged_backup_is_refused_and_changes_nothing(cli: Cli, tmp_path: Path) -> None:
    assert cli("user", "add", "ana", "--role", "analyst")[0] == 0
    assert cli("backup", str(tmp_path / "whole.backup"))[0] == 0
    raw = (tmp_path / "whole.backup").read_bytes()
    (tmp_path / "cut.backup").write_bytes(raw[: len(raw) // 2])
    assert cli("user", "add", "bob", "--role", "viewer")[0] == 0
    code, _, err = cli("restore", str(tmp_path / "cut.backup"), "--yes")
    assert code == 3 and "/" in err, err
    users = json.loads(cli("history", "--kind", "users", "--json")[1])["changes"]
    assert sorted(c["record_key"] for c in users) == ["ana", "bob"]


def test_a_backup_from_a_newer_schema_is_refused(cli: Cli, engine: Engine, tmp_path: Path) -> None:
    head = current_revision(engine)
    with engine.begin() as connection:  # as a later Chain Atlas would leave it: a revision this code lacks
        connection.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    backup_database(engine, tmp_path / "newer.backup")
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = :head"), {"head": head})
    code, _, err = cli("restore", str(tmp_path / "newer.backup"), "--yes")
    assert code == 3 and "备份的数据库结构版本 0099" in err and "newer than this Chain Atlas" in err, err
    assert current_revision(engine) == head


def test_a_backup_from_an_older_schema_is_upgraded_after_restoring(cli: Cli, engine: Engine, tmp_path: Path) -> None:
    head = current_revision(engine)
    command.downgrade(alembic_config(engine), OLDER)
    backup_database(engine, tmp_path / "older.backup")
    upgrade(engine)
    engine.dispose()
    code, out, err = cli("restore", str(tmp_path / "older.backup"), "--json")  # the database is empty: no --yes
    assert code == 0, err
    assert json.loads(out)["revision"] == head == current_revision(engine)
    assert cli("alerts", "--no-evaluate", "--json")[0] == 0  # a table of a later migration is there


def test_postgres_backup_without_pg_dump_says_so(
    cli: Cli, engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite needs no client tools")
    monkeypatch.setenv("PATH", str(tmp_path))
    code, _, err = cli("backup", str(tmp_path / "x.backup"))
    assert code == 1 and "找不到 PostgreSQL 客户端工具 pg_dump" in err and "pg_dump is not on PATH" in err, err


@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="needs the PostgreSQL client tools")
def test_a_backup_of_the_other_database_kind_is_refused(cli: Cli, engine: Engine, tmp_path: Path) -> None:
    other = tmp_path / "other.backup"
    other.write_bytes(b"PGDMP\x01\x0e" if engine.dialect.name == "sqlite" else b"SQLite format 3\x00" + bytes(100))
    code, _, err = cli("restore", str(other), "--yes")
    kind = "PostgreSQL" if engine.dialect.name == "sqlite" else "SQLite"
    assert code == 3 and f"is a backup of a {kind} database" in err, err


def test_a_postgres_backup_restores_into_the_schema_of_another_url(cli: Cli, engine: Engine, tmp_path: Path) -> None:
    if engine.dialect.name != "postgresql" or shutil.which("pg_dump") is None:
        pytest.skip("PostgreSQL with its client tools only")
    assert cli("user", "add", "ana", "--role", "analyst")[0] == 0
    before = _export_to(cli, tmp_path / "before")
    assert cli("backup", str(tmp_path / "a.backup"))[0] == 0
    source = str(engine.url.query["options"]).removeprefix("-csearch_path=")
    other = f"{source[:50]}_b"
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{other}" CASCADE'))
        connection.execute(text(f'CREATE SCHEMA "{other}"'))
    into = Cli(cli.db_url.replace(source, other), tmp_path)
    code, _, err = into("restore", str(tmp_path / "a.backup"))
    assert code == 1 and f"the backup holds schema {source}, which exists already" in err, err
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{source}" CASCADE'))
    engine.dispose()
    code, _, err = into("restore", str(tmp_path / "a.backup"))
    assert code == 0, err
    assert _same_exports(before, _export_to(into, tmp_path / "after"))
    with engine.begin() as connection:
        assert connection.execute(text(f'SELECT count(*) FROM "{other}".users')).scalar_one() == 1
        connection.execute(text(f'DROP SCHEMA "{other}" CASCADE'))


def _versions(engine: Engine) -> dict[int, int]:
    with engine.connect() as connection:
        return {int(i): int(v) for i, v in connection.execute(text("SELECT id, version FROM registry_state"))}


def test_a_restore_winds_back_no_version_revocation_or_session(cli: Cli, engine: Engine, tmp_path: Path) -> None:
    """A restore must not hand the running server versions it has cached under, revive a token revoked
    since the backup, or keep a sign-in session alive."""
    now = dt.datetime.now(dt.UTC)
    ctx = WriteContext(actor="setup", via=Via.CLI, at=now)
    with Session(engine) as session:
        add_user(session, ctx, username="ana", role=Role.ANALYST, password="pw-for-ana-1")
        token = create_token(session, ctx, username="ana", name="t")
        user = user_for_token(session, token, now=now)
        assert user is not None
        start_session(session, user, at=now, address=None)
        session.commit()
    assert cli("backup", str(tmp_path / "atlas.backup"))[0] == 0
    code, out, _ = cli("user", "tokens", "ana", "--json")
    assert cli("user", "revoke", str(json.loads(out)["tokens"][0]["id"]))[0] == 0
    assert cli("user", "add", "bob", "--role", "viewer")[0] == 0  # moves the users version on
    before = _versions(engine)
    code, out, err = cli("restore", str(tmp_path / "atlas.backup"), "--yes", "--json")
    assert code == 0, err
    assert json.loads(out)["tokens_revoked_again"] == 1 and json.loads(out)["sessions_ended"] == 1
    after = _versions(engine)
    assert all(after[concern] > version for concern, version in before.items()), (before, after)
    with Session(engine) as session:
        assert user_for_token(session, token, now=dt.datetime.now(dt.UTC)) is None
        live = session.scalar(text("SELECT count(*) FROM user_sessions WHERE ended_at IS NULL"))
        assert live == 0


def test_a_backup_into_a_missing_folder_names_it(cli: Cli, tmp_path: Path) -> None:
    code, _, err = cli("backup", str(tmp_path / "no" / "such" / "atlas.backup"))
    assert code == 2 and "不存在" in err and str(tmp_path / "no" / "such") in err, err
