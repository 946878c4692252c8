"""The shipped demo dataset: its size, its honesty about sources, and a byte-exact export round trip."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from tests.conftest import Cli

from chainatlas.cli.registry import demo_dir


def _rows(kind: str) -> list[dict[str, str]]:
    with (demo_dir() / f"{kind}.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_demo_loads_with_the_promised_size(cli: Cli) -> None:
    code, _, err = cli("demo")
    assert code == 0, err
    counts = json.loads(cli("stats", "--json")[1])["counts"]
    assert 80 <= counts["chain_nodes"] <= 200
    assert counts["enterprises"] >= 300 and counts["supply_links"] >= 2000 and counts["projects"] == 10
    assert counts["targets"] > 0 and counts["milestones"] > 0 and counts["project_progress"] > 0
    assert cli("demo", "--if-empty", "--json")[1].strip().startswith('{\n  "skipped"')


def test_demo_export_is_byte_identical_to_the_shipped_files(cli: Cli, tmp_path: Path) -> None:
    cli("demo")
    assert cli("export", str(tmp_path / "out"))[0] == 0
    for shipped in sorted(demo_dir().glob("*.csv")):
        assert (tmp_path / "out" / shipped.name).read_bytes() == shipped.read_bytes(), shipped.name


def test_every_record_names_a_source_and_generated_ones_say_synthetic() -> None:
    for kind in (
        "chain_nodes",
        "enterprises",
        "enterprise_nodes",
        "supply_links",
        "indicators",
        "targets",
        "projects",
        "milestones",
        "project_progress",
        "organisations",
    ):
        for row in _rows(kind):
            assert row["source"] == "synthetic" or "http" in row["source"], (kind, row)
    assert all(row["source"] == "synthetic" for row in _rows("supply_links"))


def test_real_companies_carry_only_sourced_facts() -> None:
    real = {row["id"]: row for row in _rows("enterprises") if row["source"] != "synthetic"}
    assert {r["name_zh"] for r in real.values()} == {"三一重工", "中联重科", "铁建重工", "山河智能", "星邦智能"}
    for row in real.values():
        assert row["unified_code"] == "" and row["employees"] == "" and row["founded"] == ""
    assert {r["listed_code"] for r in real.values()} == {"600031.SH", "000157.SZ", "688425.SH", "002097.SZ", ""}


def test_indicators_cover_2018_to_2025_and_the_flagship_project_is_there() -> None:
    years = {row["period"][:4] for row in _rows("indicators")}
    assert {str(y) for y in range(2018, 2026)} <= years
    projects = {row["name_zh"]: row for row in _rows("projects")}
    assert "中联智慧产业城" in projects and "http" in projects["中联智慧产业城"]["source"]
