"""Optional columns (a field with a default) may be absent from a file: existing records keep them.

export_share (出口占比, a fraction 0–1) is the worked example of adding an optional field to a kind.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy.orm import Session
from tests.factories import ENTERPRISES, write_csv

from chainatlas.domain.enterprise import Enterprise
from chainatlas.domain.kinds import ENTERPRISES as ENTERPRISE_KIND
from chainatlas.interchange.discovery import discover
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.imports import ImportReport, import_tables
from chainatlas.store.registry import RegistryRepository

CTX = WriteContext(actor="analyst1", via=Via.IMPORT, at=dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC))
OLD_HEADERS = [  # the enterprises file as it was before export_share existed
    "id",
    "name_zh",
    "name_en",
    "unified_code",
    "country",
    "province",
    "city",
    "district",
    "park",
    "in_cluster",
    "size_class",
    "tags",
    "founded",
    "employees",
    "parent_id",
    "listed_code",
    "source",
]


def run_import(session: Session, path: Path) -> ImportReport:
    tables, problems = discover([path])
    assert problems == []
    report = import_tables(session, tables, CTX)
    if report.ok:
        session.commit()
    return report


def file_in(folder: Path) -> Path:
    folder.mkdir()
    return folder / "enterprises.csv"


def stored(session: Session) -> dict[str, Enterprise]:
    return {firm.id: firm for firm in RegistryRepository(session, ENTERPRISE_KIND).all()}


def test_an_absent_optional_column_leaves_existing_values_and_empties_new_ones(
    session: Session, tmp_path: Path
) -> None:
    first = [{**ENTERPRISES[0], "listed_code": "600031.SH", "export_share": "0.25"}, ENTERPRISES[1]]
    assert run_import(session, write_csv(file_in(tmp_path / "a"), "enterprises", first)).ok
    renamed = {**ENTERPRISES[0], "name_zh": "长沙甲机械股份有限公司"}  # a present column still updates
    headers = ["id", "name_zh", "country", "in_cluster", "source"]  # no listed_code, no export_share, no tags
    later = [renamed, ENTERPRISES[2]]
    path = write_csv(file_in(tmp_path / "b"), "enterprises", later, headers=headers)
    report = run_import(session, path)
    assert report.ok, report.problems
    assert (report.counts["enterprises"].added, report.counts["enterprises"].updated) == (1, 1)
    firms = stored(session)
    assert firms["E1"].name_zh == "长沙甲机械股份有限公司"
    assert (firms["E1"].listed_code, firms["E1"].export_share, firms["E1"].tags) == (
        "600031.SH",
        0.25,
        ("规上", "链主"),
    )
    assert (firms["E3"].listed_code, firms["E3"].export_share, firms["E3"].tags) == (None, None, ())
    assert firms["E2"].unified_code == ENTERPRISES[1]["unified_code"]  # not in the second file: untouched


def test_a_present_but_empty_optional_column_clears_the_value(session: Session, tmp_path: Path) -> None:
    first = [{**ENTERPRISES[0], "listed_code": "600031.SH"}]
    assert run_import(session, write_csv(file_in(tmp_path / "a"), "enterprises", first)).ok
    cleared = write_csv(file_in(tmp_path / "b"), "enterprises", ENTERPRISES[:1])
    assert run_import(session, cleared).ok
    assert stored(session)["E1"].listed_code is None


def test_an_old_file_without_export_share_still_imports(session: Session, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "enterprises.csv", "enterprises", ENTERPRISES, headers=OLD_HEADERS)
    report = run_import(session, path)
    assert report.ok, report.problems
    assert [firm.export_share for firm in stored(session).values()] == [None, None, None]


def test_export_share_is_read_in_english_or_chinese_header(session: Session, tmp_path: Path) -> None:
    rows = [{**ENTERPRISES[0], "export_share": "0.3804"}, {**ENTERPRISES[2], "export_share": "0"}]
    headers = ["id", "name_zh", "country", "出口占比", "source"]
    path = tmp_path / "enterprises.csv"
    write_csv(path, "enterprises", [{**row, "出口占比": row["export_share"]} for row in rows], headers=headers)
    assert run_import(session, path).ok
    assert {k: v.export_share for k, v in stored(session).items()} == {"E1": 0.3804, "E3": 0.0}


@pytest.mark.parametrize(
    ("text", "hint"),
    [("38", "(38 % is 0.38)"), ("-0.1", "between 0 and 1"), ("1.5", "(1.5 % is 0.015)"), ("abc", "must be a number")],
)
def test_export_share_outside_zero_to_one_is_refused_with_a_clear_message(
    session: Session, tmp_path: Path, text: str, hint: str
) -> None:
    path = write_csv(tmp_path / "enterprises.csv", "enterprises", [{**ENTERPRISES[0], "export_share": text}])
    report = run_import(session, path)
    assert [(p.row, p.column, p.value) for p in report.problems] == [(2, "export_share", text)]
    assert hint in report.problems[0].message
    assert stored(session) == {}
