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
        "investment_completion": 0.8, "capacity_reached_share": 0.1, "slip_days": 105, "status": "late"}  # fmt: skip
    assert (rows["X2"]["status"], rows["X3"]["status"], rows["X3"]["slip_days"]) == ("no_plan", "done", 20)
    code, out, _ = cli("projects", "status", "X1", "--as-of", "2025-03-01", "--json")
    assert [(p["id"], p["slip_days"], p["status"]) for p in json.loads(out)["projects"]] == [("X1", 75, "slipping")]
    code, _, err = cli("projects", "status", "NOPE", "--as-of", "2025-03-01")
    assert code == 1 and "no project NOPE" in err
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
    code, out, _ = cli("alerts", "acknowledge", str(stale["id"]), "--json", user="ana")
    assert code == 0 and json.loads(out)["acknowledged_by"] == "ana"
    code, _, err = cli("alerts", "acknowledge", str(stale["id"]))
    assert code == 3 and "acknowledged by ana" in err
    code, _, err = cli("alerts", "acknowledge", "9999")
    assert code == 1 and "no alert 9999" in err
    listed = json.loads(cli("alerts", "--no-evaluate", "--state", "acknowledged", "--json")[1])
    assert listed["evaluation"] is None and [a["key"] for a in listed["alerts"]] == [stale["key"]]
    code, out, _ = cli("history", "--kind", "alerts", "--json")
    assert code == 0 and '"acknowledged_by": "ana"' in out
    code, _, err = cli("alerts", "--no-evaluate", "--state", "nonsense")
    assert code == 3 and "state" in err
