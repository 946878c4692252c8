"""The JSON that `scorecard`, `projects status` and `alerts` print keeps its keys and value types (pinned here as
the commands printed them before their results became typed: money and quantities as decimal strings, dates as
ISO strings, rates as numbers)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from tests.analytics.projects_cases import write_monitoring
from tests.conftest import Cli
from tests.scorecard_cases import write_files

CJK = re.compile(r"[\u4e00-\u9fff]")

NUMBER = (int, float)
TARGET_TYPES: dict[str, tuple[type, ...]] = {
    "metric": (str,),
    "scope": (str,),
    "unit": (str, type(None)),
    "series_unit": (str, type(None)),
    "target_period": (str,),
    "target_value": NUMBER,
    "baseline_period": (str, type(None)),
    "baseline_value": (*NUMBER, type(None)),
    "direction": (str,),
    "latest_period": (str, type(None)),
    "latest_value": (*NUMBER, type(None)),
    "latest_source": (str, type(None)),
    "progress": (*NUMBER, type(None)),
    "required_cagr": (*NUMBER, type(None)),
    "actual_cagr": (*NUMBER, type(None)),
    "cagr_from_period": (str, type(None)),
    "projected_value": (*NUMBER, type(None)),
    "projection_low": (*NUMBER, type(None)),
    "projection_high": (*NUMBER, type(None)),
    "status": (str, type(None)),
    "reasons": (list,),
    "series": (list,),
    "projection": (list,),
    "year_to_date": (list,),
    "target_source": (str,),
    "synthetic": (bool,),
}
POINT_KEYS = {"period", "value", "source", "synthetic", "yoy"}
PROJECTED_KEYS = {"period", "value", "low", "high"}
OPTIONAL_TEXT = (str, type(None))
PROJECT_TYPES: dict[str, tuple[type, ...]] = {
    "id": (str,),
    "name_zh": (str,),
    "name_en": OPTIONAL_TEXT,
    "kind": (str,),
    "owner_id": OPTIONAL_TEXT,
    "as_of": (str,),
    "investment_completion": (*NUMBER, type(None)),
    "capacity_reached_share": (*NUMBER, type(None)),
    "planned_capacity_share": (*NUMBER, type(None)),
    "slip_days": (int, type(None)),
    "status": (str,),
    "planned_investment_cny": OPTIONAL_TEXT,
    "investment_completed_cny": OPTIONAL_TEXT,
    "investment_period": OPTIONAL_TEXT,
    "investment_source": OPTIONAL_TEXT,
    "planned_capacity": OPTIONAL_TEXT,
    "capacity_reached": OPTIONAL_TEXT,
    "capacity_period": OPTIONAL_TEXT,
    "capacity_source": OPTIONAL_TEXT,
    "capacity_unit": OPTIONAL_TEXT,
    "start": OPTIONAL_TEXT,
    "planned_finish": OPTIONAL_TEXT,
    "milestones": (list,),
    "source": (str,),
    "synthetic": (bool,),
}
MILESTONE_KEYS = {"name", "planned_date", "actual_date", "done", "delay_days", "source"}
ALERT_KEYS = {
    "id",
    "key",
    "rule",
    "subject",
    "severity",
    "state",
    "details",
    "first_raised_on",
    "last_seen_on",
    "cleared_on",
    "times_raised",
    "acknowledged_by",
    "acknowledged_at",
    "message",
}


def assert_types(row: dict[str, Any], types: dict[str, tuple[type, ...]]) -> None:
    assert set(row) == set(types)
    wrong = {k: type(v).__name__ for k, v in row.items() if not isinstance(v, types[k])}
    assert not wrong, wrong


def test_scorecard_json_keeps_its_keys_and_types(cli: Cli, tmp_path: Path) -> None:
    assert cli("import", str(write_files(tmp_path / "small")))[0] == 0
    code, out, _ = cli("scorecard", "--as-of", "2025-12-31", "--json")
    data = json.loads(out)
    assert code == 0 and set(data) == {"as_of", "cluster", "targets"} and data["as_of"] == "2025-12-31"
    assert data["cluster"] == "default"
    for target in data["targets"]:
        assert_types(target, TARGET_TYPES)
        assert all(set(p) == POINT_KEYS for p in target["series"] + target["year_to_date"])
        assert all(set(p) == PROJECTED_KEYS for p in target["projection"])
        assert all(set(r) == {"field", "code", "message"} for r in target["reasons"])
    assert any(t["projection"] for t in data["targets"]) and any(t["reasons"] for t in data["targets"])


def test_projects_status_json_keeps_its_keys_and_types(cli: Cli, tmp_path: Path) -> None:
    assert cli("import", str(write_monitoring(tmp_path / "files")))[0] == 0
    code, out, _ = cli("projects", "status", "--as-of", "2025-04-15", "--json")
    data = json.loads(out)
    assert code == 0 and set(data) == {"as_of", "cluster", "counts", "projects"} and data["as_of"] == "2025-04-15"
    assert data["cluster"] == "default"
    assert all(isinstance(n, int) for n in data["counts"].values())
    for row in data["projects"]:
        assert_types(row, PROJECT_TYPES)
        assert all(set(m) == MILESTONE_KEYS for m in row["milestones"])
    x1 = next(row for row in data["projects"] if row["id"] == "X1")
    assert x1["planned_investment_cny"] == "1000000.00" and x1["start"] == "2024-01-01"


def test_alerts_json_keeps_its_keys_and_types(cli: Cli, tmp_path: Path) -> None:
    assert cli("import", str(write_monitoring(tmp_path / "files")))[0] == 0
    code, out, _ = cli("alerts", "--as-of", "2025-04-15", "--json")
    data = json.loads(out)
    assert code == 0 and set(data) == {"as_of", "evaluation", "alerts"}
    evaluation = data["evaluation"]
    assert set(evaluation) == {"as_of", "raised", "refreshed", "reopened", "cleared"}
    assert evaluation["as_of"] == "2025-04-15" and all(
        isinstance(evaluation[k], list) for k in evaluation if k != "as_of"
    )
    assert data["alerts"] and all(set(a) == ALERT_KEYS for a in data["alerts"])
    first = data["alerts"][0]
    assert isinstance(first["id"], int) and isinstance(first["first_raised_on"], str)
    assert cli("user", "add", "ana", "--role", "analyst")[0] == 0
    code, out, _ = cli("alerts", "acknowledge", str(first["id"]), "--json", user="ana")
    acknowledged = json.loads(out)
    assert code == 0 and set(acknowledged) == ALERT_KEYS and isinstance(acknowledged["acknowledged_at"], str)
    assert json.loads(cli("alerts", "--no-evaluate", "--json")[1])["evaluation"] is None


def test_alert_messages_follow_the_locale(cli: Cli, tmp_path: Path) -> None:
    assert cli("import", str(write_monitoring(tmp_path / "files")))[0] == 0
    english = json.loads(cli("alerts", "--as-of", "2025-04-15", "--json", lang="en_US.UTF-8")[1])["alerts"]
    chinese = json.loads(cli("alerts", "--no-evaluate", "--json", lang="zh_CN.UTF-8")[1])["alerts"]
    assert [a["id"] for a in english] == [a["id"] for a in chinese]
    assert all(e["message"] != c["message"] for e, c in zip(english, chinese, strict=True))
    assert all(re.search(r"[A-Za-z]{3,}", a["message"]) for a in english)
    assert all(CJK.search(a["message"]) for a in chinese)
