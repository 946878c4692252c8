"""`chainatlas fair … --json` keeps its keys and value types (the shape scripts rely on), written out by hand."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import Cli
from tests.fair_cases import write_fair

PAIR = {
    "exhibitor": str,
    "exhibitor_name": str,
    "buyer": str,
    "buyer_name": str,
    "score": float,
    "must": bool,
    "parts": dict,
    "reasons_en": list,
    "reasons_zh": list,
}
PARTS = {"node": float, "text": float, "gap": float, "preference": float}
SCHEDULE = {
    "fair": str,
    "status": str,
    "meetings": int,
    "candidates": int,
    "objective": float,
    "upper_bound": float,
    "gap": float,
    "seconds": float,
    "method": str,
    "idle_gaps": int,
    "shortfall": int,
    "unmet_must": list,
    "unmet_must_reasons": list,
}
AGENDA = {"fair": str, "participant": str, "name_zh": str, "timezone": str, "synthetic": bool, "meetings": list}
AGENDA_MEETING = {
    "day": int,
    "slot": int,
    "start": str,
    "end": str,
    "table": int,
    "with": str,
    "with_name_zh": str,
    "with_name_en": (str, type(None)),
    "booth": (str, type(None)),
    "must": bool,
    "score": float,
    "outcome": type(None),
}


def assert_shape(value: dict[str, Any], shape: dict[str, Any]) -> None:
    """Assert a JSON object has exactly these keys, each of its type (bool is not an int here)."""
    assert list(value) == list(shape)
    for key, kind in shape.items():
        assert isinstance(value[key], kind), (key, value[key])
        if kind in (int, float):
            assert not isinstance(value[key], bool), key


def test_recommend_schedule_and_agenda_json_keep_their_keys_and_types(cli: Cli, tmp_path: Path) -> None:
    assert cli("fair", "import", str(write_fair(tmp_path / "in")))[0] == 0
    code, out, err = cli("fair", "recommend", "F1", "B1", "--json")
    assert code == 0, err
    found = json.loads(out)
    assert list(found) == ["fair", "participant", "cluster", "recommendations"] and found["recommendations"]
    assert found["cluster"] == "default"
    for pair in found["recommendations"]:
        assert_shape(pair, PAIR)
        assert_shape(pair["parts"], PARTS)
    code, out, err = cli("fair", "schedule", "F1", "--time-limit", "10", "--json")
    assert code == 0, err
    schedule = json.loads(out)
    assert_shape(schedule, SCHEDULE)
    target = tmp_path / "b1.json"
    code, out, err = cli("fair", "agenda", "F1", "B1", "--format", "json", "--output", str(target), "--json")
    assert code == 0, err
    assert json.loads(out) == {"file": str(target), "meetings": json.loads(out)["meetings"]}
    agenda = json.loads(target.read_text(encoding="utf-8"))
    assert_shape(agenda, AGENDA)
    assert agenda["meetings"]
    for meeting in agenda["meetings"]:
        assert_shape(meeting, AGENDA_MEETING)
