"""`chainatlas fair import|recommend|schedule|agenda` on the hand-made fair F1."""

from __future__ import annotations

import json
from pathlib import Path

from icalendar import Calendar
from tests.conftest import Cli
from tests.fair_cases import schedule_violations, write_fair


def test_import_recommend_schedule_and_write_an_agenda(cli: Cli, tmp_path: Path) -> None:
    code, _, err = cli("fair", "import", str(write_fair(tmp_path / "in")), "--json")
    assert code == 0, err
    code, out, err = cli("fair", "recommend", "F1", "B3", "--json")
    assert code == 0, err
    assert [r["exhibitor"] for r in json.loads(out)["recommendations"]] == []  # X3 said no thanks; no one else fits
    code, out, err = cli("fair", "schedule", "F1", "--time-limit", "10", "--json")
    assert code == 0, err
    result = json.loads(out)
    assert result["meetings"] > 0 and result["unmet_must"] == [] and result["objective"] <= result["upper_bound"]
    code, out, _ = cli("export", str(tmp_path / "out"), "--format", "json")
    assert code == 0
    meetings = json.loads((tmp_path / "out" / "fair_meetings.json").read_text(encoding="utf-8"))
    assert len(meetings) == result["meetings"] and schedule_violations(meetings, vetoed={("X3", "B3")}) == []
    target = tmp_path / "b2.ics"
    code, out, err = cli("fair", "agenda", "F1", "B2", "--format", "ics", "--output", str(target), "--json")
    assert code == 0, err
    events = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert len(events) == json.loads(out)["meetings"] == sum(m["buyer_id"] == "B2" for m in meetings)


def test_unknown_fair_or_format_fails_cleanly(cli: Cli, tmp_path: Path) -> None:
    cli("fair", "import", str(write_fair(tmp_path / "in")))
    code, _, err = cli("fair", "schedule", "NOFAIR", "--time-limit", "1")
    assert code == 1 and "no fair NOFAIR" in err
    code, _, err = cli("fair", "agenda", "F1", "B2", "--format", "pdf")
    assert code == 2
