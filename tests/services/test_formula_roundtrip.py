"""The lossless export (`chainatlas export`) keeps text that starts like a formula verbatim: as a text cell in
XLSX (never a formula), as written in CSV and JSON; and it imports back identical."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy.orm import Session
from tests.factories import ENTERPRISES, admin_user, write_basic, write_csv
from tests.services.roundtrip import load, snapshot, wipe

from chainatlas.services.exports import export_registry

CALC = "=cmd|' /C calc'!A0"
HOSTILE = {
    "id": "E9",
    "name_zh": CALC,
    "name_en": "@SUM(1+1)",
    "city": "-2+3",
    "district": "+1",
    "country": "CN",
    "in_cluster": "true",
    "tags": "=HYPERLINK(1);-x",
    "source": "=1+1",
}
WRITTEN = {
    "name_zh": CALC,
    "name_en": "@SUM(1+1)",
    "city": "-2+3",
    "district": "+1",
    "tags": "=HYPERLINK(1);-x",
    "source": "=1+1",
}


@pytest.fixture
def hostile(session: Session, tmp_path: Path) -> Session:
    """Return a session over the basic registry plus an enterprise whose texts start like formulas."""
    folder = write_basic(tmp_path / "in")
    write_csv(folder / "enterprises.csv", "enterprises", [*ENTERPRISES, HOSTILE])
    load(session, folder)
    return session


def test_xlsx_export_stores_formula_like_text_as_text_cells_and_imports_back_identical(
    hostile: Session, tmp_path: Path
) -> None:
    before = snapshot(hostile)
    export_registry(hostile, admin_user(), tmp_path / "out", fmt="xlsx")
    sheet = load_workbook(tmp_path / "out" / "enterprises.xlsx").active
    names = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "E9")
    cells = {name: row[names.index(name)] for name in WRITTEN}
    assert {name: (c.value, c.data_type) for name, c in cells.items()} == {k: (v, "s") for k, v in WRITTEN.items()}
    wipe(hostile)
    load(hostile, tmp_path / "out")
    assert snapshot(hostile) == before


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_csv_and_json_exports_keep_formula_like_text_verbatim(hostile: Session, tmp_path: Path, fmt: str) -> None:
    export_registry(hostile, admin_user(), tmp_path / "out", fmt=fmt)
    path = tmp_path / "out" / f"enterprises.{fmt}"
    if fmt == "csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            firm = next(r for r in csv.DictReader(handle) if r["id"] == "E9")
    else:
        firm = next(r for r in json.loads(path.read_text(encoding="utf-8")) if r["id"] == "E9")
        firm["tags"] = ";".join(firm["tags"])
    assert {name: firm[name] for name in WRITTEN} == WRITTEN
