"""Imports as people do them: a filled-in template under any name, absent optional columns reported per file,
a refused import counting nothing, a file that is not text writing nothing."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from tests.factories import ENTERPRISES, LINKS, write_basic, write_csv
from tests.interchange.registry_counts import written

from chainatlas.domain.kinds import ENTERPRISES as ENTERPRISE_KIND
from chainatlas.domain.kinds import SUPPLY_LINKS
from chainatlas.interchange.templates import template_xlsx
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.imports import ImportReport, run_import
from chainatlas.store.registry import RegistryRepository

CTX = WriteContext(actor="analyst1", via=Via.IMPORT, at=dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC))


def _import(session: Session, *paths: Path, kind: str | None = None) -> ImportReport:
    report = run_import(session, list(paths), CTX, kind=kind)
    if report.ok:
        session.commit()
    return report


def test_a_downloaded_template_filled_with_one_row_imports(session: Session, tmp_path: Path) -> None:
    assert _import(session, write_basic(tmp_path / "basic")).ok
    book = load_workbook(io.BytesIO(template_xlsx("enterprises")))
    row = ["E9", "长沙新材料有限公司", None, None, "中国", "湖南省", None, None, None, "是", "小型"]
    book["企业"].append(row + [None] * 9 + ["synthetic"])  # 21 columns: source is the last
    path = tmp_path / "upload" / "企业名单2025.xlsx"
    path.parent.mkdir()
    book.save(path)
    report = _import(session, path)
    assert report.ok, report.problems
    assert vars(report.counts["enterprises"]) == {"added": 1, "updated": 0, "unchanged": 0}  # the example skipped
    firm = RegistryRepository(session, ENTERPRISE_KIND).get(("E9",))
    assert firm is not None
    assert (firm.name_zh, firm.country, firm.province, firm.in_cluster, firm.size_class) == (
        "长沙新材料有限公司",
        "CN",
        "湖南省",
        True,
        "small",
    )
    assert [f["file"] for f in report.files] == ["企业名单2025.xlsx[企业]"]


def test_absent_optional_columns_are_listed_per_file_and_kept(session: Session, tmp_path: Path) -> None:
    links = [{**LINKS[0], "until": "2030", "evidence": "采购合同"}, LINKS[1]]
    folder = write_basic(tmp_path / "first")
    write_csv(folder / "supply_links.csv", "supply_links", links)
    assert _import(session, folder).ok
    later = tmp_path / "later"
    later.mkdir()
    headers = ["supplier_id", "customer_id", "node_code", "annual_value_cny", "share", "source"]
    changed = [{**LINKS[0], "share": "0.5"}]
    path = write_csv(later / "供应关系名单.csv", "supply_links", changed, headers=headers)
    report = _import(session, path, kind="supply_links")
    assert report.ok, report.problems
    assert vars(report.counts["supply_links"]) == {"added": 0, "updated": 1, "unchanged": 0}
    absent = ["since", "until", "confidence", "confidential", "evidence"]  # by hand: the optional ones not given
    assert report.files[0]["absent_columns"] == absent
    assert report.as_dict()["files"][0]["absent_columns"] == absent
    link = RegistryRepository(session, SUPPLY_LINKS).get(("E2", "E1", "U.HYD"))
    assert link is not None
    assert (link.share, link.until, link.evidence) == (0.5, 2030, "采购合同")


def test_a_file_with_every_column_has_no_absent_column(session: Session, tmp_path: Path) -> None:
    report = _import(session, write_basic(tmp_path / "basic"))
    assert report.ok
    assert [(f["file"], f["absent_columns"]) for f in report.files] == [
        ("chain_nodes.csv", []),
        ("enterprises.csv", []),
        ("supply_links.csv", []),
    ]


def test_a_refused_import_counts_nothing_added_updated_or_unchanged(
    engine: Engine, session: Session, tmp_path: Path
) -> None:
    assert _import(session, write_basic(tmp_path / "first")).ok
    folder = write_basic(tmp_path / "second")
    bad = [ENTERPRISES[0], {**ENTERPRISES[1], "in_cluster": "也许"}, {**ENTERPRISES[2], "id": "E4"}]
    write_csv(folder / "enterprises.csv", "enterprises", bad)
    before = written(engine)
    report = _import(session, folder)
    assert [(p.file, p.row, p.column) for p in report.problems] == [("enterprises.csv", 3, "in_cluster")]
    zero = {"added": 0, "updated": 0, "unchanged": 0}
    assert report.as_dict()["counts"] == {"chain_nodes": zero, "enterprises": zero, "supply_links": zero}
    assert written(engine) == before


def test_a_png_renamed_csv_is_one_problem_and_writes_nothing(session: Session, tmp_path: Path) -> None:
    path = tmp_path / "企业名单.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01")
    for kind in (None, "enterprises"):
        report = _import(session, path, kind=kind)
        assert [(p.file, p.code) for p in report.problems] == [("企业名单.csv", "import.not_text")]
        assert report.as_dict()["counts"] in ({}, {"enterprises": {"added": 0, "updated": 0, "unchanged": 0}})
    assert RegistryRepository(session, ENTERPRISE_KIND).count() == 0
