"""`chainatlas scorecard`: the documented JSON, the as-of date, the table, bad dates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import Cli
from tests.scorecard_cases import write_files


def test_scorecard_json_as_of_a_date(cli: Cli, tmp_path: Path) -> None:
    assert cli("import", str(write_files(tmp_path / "small")))[0] == 0
    code, out, _ = cli("scorecard", "--as-of", "2025-12-31", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["as_of"] == "2025-12-31"
    rows = {(t["metric"], t["scope"], t["target_period"]): t for t in data["targets"]}
    assert set(rows) == {
        ("enterprises_above_scale", "cluster", "2027"),
        ("output", "cluster", "2027"),
        ("global_top50_brands", "cluster", "2030"),
        ("group_revenue", "E1", "2026"),
    }
    above = rows[("enterprises_above_scale", "cluster", "2027")]
    assert (above["latest_value"], above["target_value"]) == (2, 4)  # E1 and E2 are 规上 in the cluster
    assert above["required_cagr"] == pytest.approx(2**0.5 - 1)
    # ln 1, ln 2, ln 2 at x = 0, 1, 2: slope ln2 / 2, mean (2/3) ln2, so at x = 4 (2027) 2^(2/3 + 3/2) = 2^(13/6)
    assert above["projected_value"] == pytest.approx(2 ** (13 / 6)) and above["status"] == "on_track"
    revenue = rows[("group_revenue", "E1", "2026")]  # 100 → 110, one year to 120: needs 9.09 %, has 10 %
    assert revenue["required_cagr"] == pytest.approx(120 / 110 - 1)
    assert revenue["actual_cagr"] == pytest.approx(0.1) and revenue["status"] == "on_track"
    earlier = json.loads(cli("scorecard", "--as-of", "2025-06-30", "--json")[1])
    revenue = next(t for t in earlier["targets"] if t["metric"] == "group_revenue")
    assert (revenue["latest_period"], revenue["actual_cagr"], revenue["status"]) == ("2024", None, "at_risk")


def test_scorecard_table_and_bad_dates(cli: Cli, tmp_path: Path) -> None:
    cli("import", str(write_files(tmp_path / "small")))
    code, out, _ = cli("scorecard", "--as-of", "2025-12-31")
    assert code == 0 and "targets scorecard as of 2025-12-31" in out
    assert "global_top50_brands cluster 2030, actual_cagr: fewer than two observations" in out
    code, _, err = cli("scorecard", "--as-of", "31/12/2025")
    assert code == 2 and "YYYY-MM-DD" in err


@pytest.mark.parametrize("command", [("scorecard",), ("projects", "status"), ("alerts",)])
@pytest.mark.parametrize("day", ["0999-01-01", "0001-01-01", "2101-01-01", "20250101"])
def test_an_as_of_date_out_of_range_or_not_yyyy_mm_dd_exits_2(cli: Cli, command: tuple[str, ...], day: str) -> None:
    # Before the shared rule, a year below 1000 crashed the scorecard (exit 1, a traceback) and 20250101 was taken.
    code, _, err = cli(*command, "--as-of", day)
    assert code == 2 and "Traceback" not in err
    text = " ".join(err.replace("│", " ").split())
    assert "--as-of" in text and "YYYY-MM-DD from 1800-01-01 to 2100-12-31" in text
