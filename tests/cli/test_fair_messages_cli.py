"""What the fair CLI says: "no fair X" for an unknown fair, unmet must-meets named with their reason, no
negative zero in the schedule summary."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

from tests.conftest import Cli
from tests.fair_cases import _no_common_slot, write_fair

from chainatlas.services.fair_schedule import schedule_summary


def test_an_unknown_fair_is_named_as_such(cli: Cli, tmp_path: Path) -> None:
    cli("fair", "import", str(write_fair(tmp_path / "in")))
    for args in (("recommend", "NOPE", "B1"), ("agenda", "NOPE", "B1", "--format", "json")):
        code, _, err = cli("fair", *args)
        assert code != 0 and "no fair NOPE" in err and "participant" not in err, (args, err)
    code, _, err = cli("fair", "recommend", "F1", "NOPE")
    assert code != 0 and "no participant NOPE in fair F1" in err


def test_schedule_names_each_unmet_must_meet_and_why(cli: Cli, tmp_path: Path) -> None:
    assert cli("fair", "import", str(_no_common_slot(tmp_path / "in")))[0] == 0
    code, out, _ = cli("fair", "schedule", "F1", "--time-limit", "5")
    assert code == 0 and "1 must-meet pair(s) unmet" in out
    assert "unmet must-meet X3 – B2: no common available slot" in out
    code, out, _ = cli("fair", "schedule", "F1", "--time-limit", "5", "--json")
    reasons = json.loads(out)["unmet_must_reasons"]
    assert [(r["exhibitor"], r["buyer"], r["reason"]) for r in reasons] == [("X3", "B2", "no_common_slot")]


def test_the_summary_never_shows_negative_zero() -> None:
    result = SimpleNamespace(
        status="optimal",
        meetings=[],
        objective=-1e-9,
        upper_bound=-0.0,
        gap=-0.0,
        seconds=0.0,
        method="cp-sat",
        idle_gaps=0,
        shortfall=0,
        unmet_must=[],
    )
    summary = schedule_summary(result, 0)  # type: ignore[arg-type]
    assert json.dumps([summary["objective"], summary["upper_bound"], summary["gap"]]) == "[0.0, 0.0, 0.0]"
