"""The command line: exit codes, --json shapes, the change history of CLI and import writes."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import Cli
from tests.factories import LINKS, write_basic, write_csv

from chainatlas import config

KINDS = [
    "chain_nodes",
    "enterprises",
    "enterprise_nodes",
    "supply_links",
    "indicators",
    "targets",
    "projects",
    "milestones",
    "project_progress",
    "resilience_profiles",
    "bom_lines",
    "fairs",
    "fair_participants",
    "fair_preferences",
    "fair_meetings",
    "fair_attendance",
]
KINDS += ["brands", "brand_rankings", "innovation_platforms", "clusters", "cluster_members", "organisations"]


def test_stats_json_shape_on_an_empty_registry(cli: Cli) -> None:
    code, out, _ = cli("stats", "--json")
    assert code == 0
    # a registry is never without a cluster: the migration creates the default one (and nothing else)
    assert json.loads(out) == {"counts": {**dict.fromkeys(KINDS, 0), "clusters": 1}}


def test_import_then_stats(cli: Cli, tmp_path: Path) -> None:
    code, _, _ = cli("import", str(write_basic(tmp_path / "in")))
    assert code == 0
    counts = json.loads(cli("stats", "--json")[1])["counts"]
    assert (counts["chain_nodes"], counts["enterprises"], counts["supply_links"]) == (4, 3, 2)


def test_invalid_import_exits_3_and_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    folder = write_basic(tmp_path / "in")
    write_csv(folder / "supply_links.csv", "supply_links", [{**LINKS[0], "share": "2"}])
    code, out, _ = cli("import", str(folder), "--json")
    assert code == 3
    report = json.loads(out)
    assert report["ok"] is False
    assert report["counts"]["supply_links"] == {"added": 0, "updated": 0, "unchanged": 0}  # refused: nothing done
    where = ("file", "row", "column", "value", "message", "code", "params")
    assert [{key: p[key] for key in where} for p in report["problems"]] == [
        {
            "file": "supply_links.csv",
            "row": 2,
            "column": "share",
            "value": "2",
            "message": "must be at most 1",
            "code": "field.at_most",
            "params": {"limit": 1},
        }
    ]
    assert json.loads(cli("stats", "--json")[1])["counts"]["enterprises"] == 0
    code, out, _ = cli("import", str(folder))
    assert code == 3 and "supply_links.csv row 2, column `share`: 2: must be at most 1" in out


def test_dry_run_reports_counts_and_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    code, out, _ = cli("import", str(write_basic(tmp_path / "in")), "--dry-run", "--json")
    assert code == 0
    assert json.loads(out)["counts"]["enterprises"] == {"added": 3, "updated": 0, "unchanged": 0}
    assert json.loads(cli("stats", "--json")[1])["counts"]["enterprises"] == 0


def test_usage_errors_exit_2(cli: Cli, tmp_path: Path) -> None:
    assert cli("import", str(tmp_path), "--kind", "nonsense")[0] == 2
    assert cli("export", str(tmp_path), "--format", "pdf")[0] == 2
    assert cli("no-such-command")[0] == 2


def test_unknown_file_kind_and_missing_path_exit_3(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "stuff.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    code, out, _ = cli("import", str(tmp_path / "stuff.csv"), str(tmp_path / "missing.csv"))
    assert code == 3
    assert "stuff.csv: cannot tell its kind from its name" in out
    assert "missing.csv: no such file or folder" in out


def test_export_writes_bom_csv_sorted_by_key(cli: Cli, tmp_path: Path) -> None:
    cli("import", str(write_basic(tmp_path / "in")))
    code, _, _ = cli("export", str(tmp_path / "out"))
    assert code == 0
    raw = (tmp_path / "out" / "enterprises.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid,name_zh,name_en,unified_code,country,")
    with (tmp_path / "out" / "supply_links.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["supplier_id"], r["customer_id"]) for r in rows] == [("E2", "E1"), ("E3", "E1")]
    assert rows[0]["annual_value_cny"] == "600000.00" and rows[0]["confidential"] == "false"


def test_history_records_cli_and_import_writes_with_the_user(cli: Cli, tmp_path: Path) -> None:
    for name in ("alice", "admin1"):  # --as-user names only an existing user
        assert cli("user", "add", name, "--role", "analyst")[0] == 0
    cli("import", str(write_basic(tmp_path / "in")), user="alice")
    write_csv(tmp_path / "in" / "supply_links.csv", "supply_links", [{**LINKS[0], "share": "0.5"}, LINKS[1]])
    cli("import", str(tmp_path / "in"), user="alice")
    code, _, err = cli("user", "add", "bob", "--role", "analyst", "--password", "correct-horse-42", user="admin1")
    assert code == 0, err
    history = json.loads(cli("history", "--json")[1])
    by_action = {(c["kind"], c["action"]): c for c in history["changes"]}
    user_change = next(c for c in history["changes"] if c["kind"] == "users" and c["record_key"] == "bob")
    assert (user_change["actor"], user_change["via"], user_change["record_key"]) == ("admin1", "cli", "bob")
    assert "correct-horse-42" not in json.dumps(history) and "password_hash" not in user_change["after"]
    link_change = by_action[("supply_links", "update")]
    assert (link_change["actor"], link_change["via"]) == ("alice", "import")
    assert [b["counts"]["supply_links"] for b in history["batches"]] == [
        {"added": 0, "updated": 1, "unchanged": 1},
        {"added": 2, "updated": 0, "unchanged": 0},
    ]


def test_user_add_prints_a_one_time_password_once(cli: Cli) -> None:
    code, out, _ = cli("user", "add", "carol", "--role", "viewer", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["user"]["must_change_password"] is True and len(data["one_time_password"]) >= 12
    code, _, err = cli("user", "add", "carol")
    assert code == 3 and "already exists" in err


def test_weak_password_and_member_without_enterprise_are_refused(cli: Cli) -> None:
    code, _, err = cli("user", "add", "dave", "--role", "member", "--password", "short")
    assert code == 3
    assert "password: must have at least 10 characters" in err
    assert "enterprise_id: a member account belongs to one enterprise" in err


def test_synth_writes_files_that_import_cleanly(cli: Cli, tmp_path: Path) -> None:
    code, out, err = cli("synth", str(tmp_path / "s"), "--enterprises", "50", "--links", "300", "--seed", "3", "--json")
    assert code == 0, err
    assert json.loads(out)["files"]["supply_links.csv"] == 300
    assert cli("import", str(tmp_path / "s"))[0] == 0
    counts = json.loads(cli("stats", "--json")[1])["counts"]
    assert (counts["enterprises"], counts["supply_links"]) == (50, 300)


def test_synth_refuses_impossible_sizes(cli: Cli, tmp_path: Path) -> None:
    assert cli("synth", str(tmp_path / "s"), "--enterprises", "1")[0] == 2
    code, _, err = cli("synth", str(tmp_path / "s"), "--enterprises", "2", "--links", "10000000")
    assert code == 3 and "links" in err


def test_bad_database_urls_and_paths_fail_cleanly(cli: Cli, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from chainatlas.cli.main import app

    runner = CliRunner()
    missing = runner.invoke(app, ["--db", f"sqlite:///{tmp_path}/no-such-folder/x.db", "stats"])
    assert missing.exit_code == 1 and "does not exist" in missing.stderr
    assert not (tmp_path / "no-such-folder").exists()
    assert runner.invoke(app, ["--db", str(tmp_path / "x.db"), "stats"]).exit_code == 2
    assert cli("history", "--kind", "bogus")[0] == 2
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "chainatlas", "--db", cli.db_url, "export", str(tmp_path / "afile" / "out")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr and "afile" in result.stderr


def test_whatif_refuses_unknown_firms_and_negative_values(cli: Cli, tmp_path: Path) -> None:
    cli("import", str(write_basic(tmp_path / "in")))
    code, _, err = cli("chain", "whatif", "--add-supplier", "E3:U.HYD:E1:-5")
    assert code == 3 and "value must be a number of yuan ≥ 0" in err
    code, _, err = cli("chain", "whatif", "--attract", "E404")
    assert code == 3 and "firm: unknown enterprise E404" in err


LATE_EVENING_UTC = dt.datetime(2026, 12, 7, 23, 30, tzinfo=dt.UTC)
"""23:30 UTC on 7 December 2026 is 07:30 on 8 December in Changsha (UTC+8) and 18:30 on the 7th in New York (UTC−5)."""


def test_the_default_as_of_is_today_in_the_clusters_time_zone(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(config, "utc_now", lambda: LATE_EVENING_UTC)
    monkeypatch.delenv("CHAINATLAS_TIME_ZONE", raising=False)
    code, out, _ = cli("scorecard", "--json")
    assert code == 0 and json.loads(out)["as_of"] == "2026-12-08"
    monkeypatch.setenv("CHAINATLAS_TIME_ZONE", "America/New_York")
    assert json.loads(cli("projects", "status", "--json")[1])["as_of"] == "2026-12-07"
    monkeypatch.setenv("CHAINATLAS_TIME_ZONE", "UTC")
    assert json.loads(cli("scorecard", "--json")[1])["as_of"] == "2026-12-07"


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "", "../etc/passwd"])
def test_an_unknown_time_zone_is_a_setting_error_naming_it(zone: str) -> None:
    with pytest.raises(config.SettingError, match="CHAINATLAS_TIME_ZONE"):
        config.load_settings({"CHAINATLAS_TIME_ZONE": zone}, database_url="sqlite://")


def test_an_unknown_time_zone_stops_the_command_with_exit_2(tmp_path: Path) -> None:
    env = {**os.environ, "CHAINATLAS_TIME_ZONE": "Mars/Olympus_Mons"}
    db = f"sqlite:///{tmp_path / 'x.db'}"
    done = subprocess.run(
        [sys.executable, "-m", "chainatlas", "--db", db, "stats"], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 2 and "CHAINATLAS_TIME_ZONE" in done.stderr and "Mars/Olympus_Mons" in done.stderr
