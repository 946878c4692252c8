"""`chainatlas fair schedule-b2b`: JSON shape, exit codes, and errors naming the field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.analytics.b2b_check import DATA, read_raw, total, violations
from typer.testing import CliRunner

from chainatlas.cli.main import app

needs_data = pytest.mark.skipif(not DATA.is_dir(), reason="benchmark data not beside the checkout")

# 1 meets 2 (only slot 1 is free for 2) and 3 (only slot 3 for 3): one forced break for participant 1.
FORCED_BREAK = """nBusiness = 3; nMeetings = 2; nTables = 1; nTotalSlots = 3; nMorningSlots = 3;
requested = [| 1, 2, 3 | 1, 3, 3 |];
meetingsxBusiness = [{1,2,3}, {1,2}, {1,3}];
nMeetingsBusiness = [2, 1, 1];
forbidden = [{0}, {0,2,3}, {0,1,2}];
fixed = [0, 0];
precedences = [{}, {}];
"""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["fair", "schedule-b2b", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "instance.dzn"
    path.write_text(text, encoding="utf-8")
    return path


def test_json_of_an_optimal_schedule(tmp_path: Path) -> None:
    code, out, err = run(str(write(tmp_path, FORCED_BREAK)), "--json")
    assert code == 0, err
    assert json.loads(out) == {
        "status": "optimal",
        "breaks": 1,
        "optimal": True,
        "meetings": [
            {"meeting": 1, "p1": 1, "p2": 2, "slot": 1, "table": 1},
            {"meeting": 2, "p1": 1, "p2": 3, "slot": 3, "table": 1},
        ],
    }


def test_no_schedule_within_the_allowed_breaks_exits_1(tmp_path: Path) -> None:
    code, out, _ = run(str(write(tmp_path, FORCED_BREAK)), "--json", "--max-breaks", "0")
    assert code == 1
    assert json.loads(out) == {"status": "infeasible", "breaks": None, "optimal": False, "meetings": []}


def test_human_output_names_the_status(tmp_path: Path) -> None:
    code, out, _ = run(str(write(tmp_path, FORCED_BREAK)))
    assert code == 0 and "optimal: 1 breaks in total, proved optimal" in out
    code, out, err = run(str(write(tmp_path, FORCED_BREAK)), "--max-breaks", "0")
    assert code == 1 and out == "" and "infeasible: no schedule exists with at most 0 breaks" in err


def test_a_parse_error_names_the_field_and_exits_3(tmp_path: Path) -> None:
    code, out, err = run(str(write(tmp_path, FORCED_BREAK.replace("| 1, 3, 3 |", "| 1, 3, 5 |"))), "--json")
    assert code == 3 and out == ""
    assert "instance.dzn line 2, field `requested`: row 2: session must be" in err


def test_a_missing_file_exits_3(tmp_path: Path) -> None:
    code, _, err = run(str(tmp_path / "absent.dzn"))
    assert code == 3 and "absent.dzn" in err


def test_options_are_checked() -> None:
    assert run("x.dzn", "--max-breaks", "-1")[0] == 2
    assert run("x.dzn", "--time-limit", "0")[0] == 2


@needs_data
def test_time_limit_without_a_schedule_is_unknown_and_exits_1() -> None:
    code, out, _ = run(str(DATA / "forum-14.original.dzn"), "--json", "--time-limit", "0.1")
    assert code == 1
    assert json.loads(out) == {"status": "unknown", "breaks": None, "optimal": False, "meetings": []}


@needs_data
@pytest.mark.slow
def test_tic_12_schedule_is_valid_and_optimal() -> None:
    path = DATA / "tic-12.original.dzn"
    code, out, err = run(str(path), "--json")
    assert code == 0, err
    result = json.loads(out)
    raw = read_raw(path.read_text(encoding="utf-8"))
    meetings = result["meetings"]
    assert [m["meeting"] for m in meetings] == list(range(1, 126))
    assert [(m["p1"], m["p2"]) for m in meetings] == [(a, b) for a, b, _ in raw.requested]
    slots, tables = [m["slot"] for m in meetings], [m["table"] for m in meetings]
    assert violations(raw, slots, tables, 2) == []
    assert (result["status"], result["optimal"], result["breaks"], total(raw, slots)) == ("optimal", True, 0, 0)
