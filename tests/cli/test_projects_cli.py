"""`chainatlas projects status` and `chainatlas alerts` on the hand-made case (projects_cases)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.analytics.projects_cases import KEYS_A, KEYS_B, write_monitoring
from tests.conftest import Cli


def seeded(cli: Cli, tmp_path: Path) -> Cli:
    code, _, err = cli("import", str(write_monitoring(tmp_path / "files")))
    assert code == 0, err
    return cli


def test_projects_status_json(cli: Cli, tmp_path: Path) -> None:
    code, out, _ = seeded(cli, tmp_path)("projects", "status", "--as-of", "2025-04-15", "--json")
    assert code == 0
    rows = {p["id"]: p for p in json.loads(out)["projects"]}
    assert {k: rows["X1"][k] for k in ("investment_completion", "capacity_reached_share", "slip_days", "status")} == {
        "investment_completion": 0.8,
        "capacity_reached_share": 0.1,
        "slip_days": 105,
        "status": "late",
    }
    assert (rows["X2"]["status"], rows["X3"]["status"], rows["X3"]["slip_days"]) == ("no_plan", "done", 20)
    code, out, _ = cli("projects", "status", "X1", "--as-of", "2025-03-01", "--json")
    assert [(p["id"], p["slip_days"], p["status"]) for p in json.loads(out)["projects"]] == [("X1", 75, "slipping")]
    code, _, err = cli("projects", "status", "NOPE", "--as-of", "2025-03-01")
    assert code == 3 and "no project NOPE" in err  # not found is invalid input, as for `chain` commands
    code, _, err = cli("projects", "status", "--as-of", "15.04.2025")
    assert code == 2 and "--as-of" in err


def test_alerts_raise_once_clear_and_acknowledge(cli: Cli, tmp_path: Path) -> None:
    seeded(cli, tmp_path)
    code, out, _ = cli("alerts", "--as-of", "2025-04-15", "--json")
    first = json.loads(out)
    assert code == 0 and first["evaluation"]["raised"] == KEYS_A and [a["key"] for a in first["alerts"]] == KEYS_A
    second = json.loads(cli("alerts", "--as-of", "2025-04-15", "--json")[1])
    assert second["evaluation"]["raised"] == [] and [a["id"] for a in second["alerts"]] == [
        a["id"] for a in first["alerts"]
    ]
    later = json.loads(cli("alerts", "--as-of", "2026-01-15", "--json")[1])
    assert later["evaluation"]["cleared"] == ["milestone_late:projects/X1/投产"]
    assert sorted(a["key"] for a in later["alerts"]) == KEYS_B
    stale = next(a for a in later["alerts"] if a["rule"] == "stale_data")
    assert cli("user", "add", "ana", "--role", "analyst")[0] == 0  # --as-user names only an existing user
    code, out, _ = cli("alerts", "acknowledge", str(stale["id"]), "--json", user="ana")
    assert code == 0 and json.loads(out)["acknowledged_by"] == "ana"
    code, _, err = cli("alerts", "acknowledge", str(stale["id"]))
    assert code == 3 and "acknowledged by ana" in err
    code, _, err = cli("alerts", "acknowledge", "9999")
    assert code == 3 and "no alert 9999" in err
    listed = json.loads(cli("alerts", "--no-evaluate", "--state", "acknowledged", "--json")[1])
    assert listed["evaluation"] is None and [a["key"] for a in listed["alerts"]] == [stale["key"]]
    code, out, _ = cli("history", "--kind", "alerts", "--json")
    assert code == 0 and '"acknowledged_by": "ana"' in out
    code, _, err = cli("alerts", "--no-evaluate", "--state", "nonsense")
    assert code == 3 and "state" in err


def test_history_lists_evaluation_batches_next_to_imports(cli: Cli, tmp_path: Path) -> None:
    seeded(cli, tmp_path)
    assert cli("alerts", "--as-of", "2025-04-15", "--json")[0] == 0
    code, out, err = cli("history")
    assert code == 0, err
    assert "raised=3" in out  # KEYS_A
    assert "projects +3" in out  # the import batch still shows what it added
    code, out, _ = cli("history", "--json")
    batches = json.loads(out)["batches"]
    assert code == 0 and batches[0]["counts"]["alerts"]["raised"] == len(KEYS_A) == 3


def test_alerts_options_match_the_api(cli: Cli, tmp_path: Path) -> None:
    seeded(cli, tmp_path)
    day = ("--as-of", "2025-04-15", "--json")
    # 投产 is 105 days overdue: a warning under the default 180 critical days, critical beyond 100
    plain = json.loads(cli("alerts", *day)[1])["alerts"]
    assert [a["severity"] for a in plain if a["rule"] == "milestone_late"] == ["warning"]
    strict = json.loads(cli("alerts", *day, "--milestone-critical-days", "100")[1])["alerts"]
    assert [a["severity"] for a in strict if a["rule"] == "milestone_late"] == ["critical"]
    # a 6-month ramp expects about 105/181 = 0.58 of the capacity at A; 0.1 reached: behind by ~0.48 > 0.2
    code, out, _ = cli("alerts", *day, "--ramp-months", "6")
    assert code == 0 and "capacity_behind:projects/X1" in json.loads(out)["evaluation"]["raised"]
    only = json.loads(cli("alerts", *day, "--rule", "stale_data")[1])["alerts"]
    assert [a["key"] for a in only] == ["stale_data:indicators/rd_spend/cluster", "stale_data:projects/X2"]
    code, _, err = cli("alerts", *day, "--rule", "nonsense")
    assert code == 3 and "rule" in err


def test_contradictory_thresholds_exit_2_naming_both(cli: Cli, tmp_path: Path) -> None:
    seeded(cli, tmp_path)
    code, _, err = cli("projects", "status", "--as-of", "2025-04-15", "--slipping-after", "100", "--late-after", "10")
    assert code == 2 and "--slipping-after" in err and "--late-after" in err
    code, _, err = cli(
        "alerts", "--as-of", "2025-04-15", "--milestone-late-days", "30", "--milestone-critical-days", "10"
    )
    assert code == 2 and "--milestone-late-days" in err and "--milestone-critical-days" in err
    assert json.loads(cli("alerts", "--no-evaluate", "--state", "all", "--json")[1])["alerts"] == []
