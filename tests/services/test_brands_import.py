"""Brands, rankings and platforms through the import: Chinese file names and headers, references, errors."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy.orm import Session
from tests.factories import admin_user, write_basic
from tests.scorecard_cases import CTX

from chainatlas.services.exports import export_registry
from chainatlas.services.imports import run_import


@pytest.fixture
def session(rollback_session: Session) -> Session:
    """Run each test in a transaction that is rolled back: the services here write only through this session."""
    return rollback_session


def write_zh(path: Path, headers: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        writer.writerows(rows)


def test_chinese_files_import_and_export_in_the_format(session: Session, tmp_path: Path) -> None:
    folder = write_basic(tmp_path / "in")
    write_zh(
        folder / "品牌.csv",
        ["品牌编号", "品牌名称", "英文名称", "所属企业", "来源"],
        [["B1", "甲牌", "", "E1", "synthetic"]],
    )
    write_zh(
        folder / "品牌排名.csv",
        ["品牌编号", "榜单", "年份", "名次", "来源"],
        [["B1", "global_top50", "2023", "12", "synthetic"]],
    )
    write_zh(
        folder / "创新平台.csv",
        ["平台编号", "平台名称", "英文名称", "平台类型", "级别", "依托企业", "认定年份", "来源"],
        [["PL1", "甲中心", "", "制造业创新中心", "省级", "E3", "2021", "synthetic"]],
    )
    report = run_import(session, [folder], CTX)
    assert report.ok, [p.as_text() for p in report.problems]
    session.commit()
    counts = export_registry(session, admin_user(), tmp_path / "out")
    assert (counts["brands.csv"], counts["brand_rankings.csv"], counts["innovation_platforms.csv"]) == (1, 1, 1)
    with (tmp_path / "out" / "innovation_platforms.csv").open(encoding="utf-8-sig") as handle:
        assert list(csv.DictReader(handle)) == [
            {
                "id": "PL1",
                "name_zh": "甲中心",
                "name_en": "",
                "kind": "manufacturing_innovation_centre",
                "level": "provincial",
                "owner_id": "E3",
                "year": "2021",
                "source": "synthetic",
            }
        ]


def test_every_problem_is_named_and_nothing_is_written(session: Session, tmp_path: Path) -> None:
    folder = write_basic(tmp_path / "in")
    write_zh(
        folder / "brands.csv",
        ["id", "name_zh", "name_en", "owner_id", "source"],
        [["B1", "甲牌", "", "E9", "synthetic"]],
    )
    write_zh(
        folder / "brand_rankings.csv",
        ["brand_id", "ranking", "year", "rank", "source"],
        [["B2", "global_top50", "2023", "60", "synthetic"]],
    )
    report = run_import(session, [folder], CTX)
    found = {(p.file, p.row, p.column) for p in report.problems}
    assert ("brands.csv", 2, "owner_id") in found  # unknown enterprise E9
    assert ("brand_rankings.csv", 2, "brand_id") in found  # unknown brand B2
    assert ("brand_rankings.csv", 2, "rank") in found  # beyond 50
    session.rollback()
    assert export_registry(session, admin_user(), tmp_path / "out")["brands.csv"] == 0
