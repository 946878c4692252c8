"""`--as-user` names who the change history records: only an existing, active user; by default the login."""

from __future__ import annotations

import getpass
import json
from pathlib import Path

from sqlalchemy import Engine, text
from tests.conftest import Cli
from tests.factories import write_basic


def _import_actors(cli: Cli) -> list[str]:
    history = json.loads(cli("history", "--json")[1])
    return sorted({batch["actor"] for batch in history["batches"]})


def test_as_user_records_the_named_user_and_the_login_by_default(cli: Cli, tmp_path: Path) -> None:
    assert cli("user", "add", "ana", "--role", "analyst")[0] == 0
    code, _, err = cli("import", str(write_basic(tmp_path / "in")), user="ana")
    assert code == 0, err
    assert _import_actors(cli) == ["ana"]
    code, _, err = cli("user", "add", "bob", "--role", "viewer", "--json")  # no --as-user: the login name
    assert code == 0, err
    history = json.loads(cli("history", "--kind", "users", "--json")[1])["changes"]
    assert next(c["actor"] for c in history if c["record_key"] == "bob") == getpass.getuser()


def test_as_user_naming_no_user_is_refused_and_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    code, out, err = cli("import", str(write_basic(tmp_path / "in")), user="ghost")
    assert code == 2 and out == ""
    assert err.startswith("error: --as-user ghost: no such user") and "没有" not in err, err
    zh = cli("import", str(write_basic(tmp_path / "in")), user="ghost", lang="zh_CN.UTF-8")[2]
    assert zh.startswith("错误：没有名为 ghost 的用户"), zh
    assert json.loads(cli("stats", "--json")[1])["counts"]["enterprises"] == 0


def test_as_user_naming_a_disabled_user_is_refused(cli: Cli, engine: Engine, tmp_path: Path) -> None:
    assert cli("user", "add", "old", "--role", "analyst")[0] == 0
    with engine.begin() as connection:
        connection.execute(text("UPDATE users SET is_active = false WHERE username = 'old'"))
    code, _, err = cli("import", str(write_basic(tmp_path / "in")), user="old")
    assert code == 2 and "--as-user old: the user is disabled" in err, err
    assert "用户 old 已停用" in cli("import", str(write_basic(tmp_path / "in")), user="old", lang="zh_CN.UTF-8")[2]
    assert json.loads(cli("stats", "--json")[1])["counts"]["enterprises"] == 0


def test_chainatlas_user_in_the_environment_is_checked_like_as_user(cli: Cli) -> None:
    from typer.testing import CliRunner

    from chainatlas.cli.main import app

    result = CliRunner().invoke(
        app,
        ["--db", cli.db_url, "stats"],
        env={"CHAINATLAS_USER": "ghost", "LANG": "en_US.UTF-8", "LC_ALL": None, "LC_MESSAGES": None},
    )
    assert result.exit_code == 2 and "--as-user ghost: no such user" in result.stderr, result.stderr
