"""The column-wise validator of plain chunks (services/import_columns.py) against the per-row validator, the
oracle: the same records from plain cells (values, their repr, the fields set), the same problems (file, row,
column, code, value) with nothing written from a file holding every kind of bad cell, the same rows written from
good files; and plain chunks do go the column-wise way."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from chainatlas.domain.kinds import ENTERPRISE_NODES, SUPPLY_LINKS, KindSpec
from chainatlas.interchange.cells import READERS
from chainatlas.interchange.columns import COLUMNS, Cell
from chainatlas.interchange.synth import write_synthetic
from chainatlas.services import import_columns, imports
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.imports import ImportReport, run_import
from chainatlas.store.registry import RegistryRepository

CTX = WriteContext(actor="t", via=Via.IMPORT, at=dt.datetime(2026, 12, 7, tzinfo=dt.UTC))
LINK_HEADER = [c.name for c in COLUMNS["supply_links"]]
MAKE_HEADER = [c.name for c in COLUMNS["enterprise_nodes"]]
PLAIN_LINKS = [
    # every form at its bounds: money 0 and 15+2 digits, fractions 0, 1, 1.000 and 15 decimals, years 1800
    # and 2100, both flags, empty optional cells, Chinese and punctuation in texts
    {"supplier_id": "E1", "customer_id": "E2", "node_code": "N.A", "source": "s"},
    {
        "supplier_id": "E2",
        "customer_id": "E1",
        "node_code": "N.A",
        "annual_value_cny": "999999999999999.99",
        "share": "1",
        "since": "1800",
        "until": "2100",
        "confidence": "0.123456789012345",
        "confidential": "true",
        "evidence": "海关数据 (2024), p. 3; “年报”",
        "source": "synthetic",
    },
    {
        "supplier_id": "E1",
        "customer_id": "E3",
        "node_code": "N.A",
        "annual_value_cny": "0",
        "share": "0",
        "confidence": "1.000",
        "confidential": "false",
        "source": "x" * 2000,
    },
    {
        "supplier_id": "E3",
        "customer_id": "E1",
        "node_code": "N.A",
        "annual_value_cny": "1.10",
        "share": "0.5",
        "since": "2021",
        "source": "s",
    },
]
PLAIN_MAKES = [
    {"enterprise_id": "E1", "node_code": "N.A", "source": "s"},
    {
        "enterprise_id": "E2",
        "node_code": "N.A",
        "annual_output_cny": "12.5",
        "capacity": "999999999999999.123456",
        "capacity_unit": "台/年",
        "source": "s",
    },
    {"enterprise_id": "E3", "node_code": "N.A", "capacity": "0.000001", "capacity_unit": "t", "source": "s"},
]


def per_row(spec: KindSpec[Any], raw: dict[str, str]) -> Any:
    """Return a row's record as the per-row validator makes it: the cell readers, then pydantic."""
    cells = {c.name: c.cell for c in COLUMNS[spec.name]}
    data = {n: v if cells[n] is Cell.TEXT else READERS[cells[n]](v) for n, v in raw.items()}
    return spec.model.model_validate(data)


@pytest.mark.parametrize(("spec", "rows"), [(SUPPLY_LINKS, PLAIN_LINKS), (ENTERPRISE_NODES, PLAIN_MAKES)])
def test_plain_cells_give_the_per_row_validators_records(spec: KindSpec[Any], rows: list[dict[str, str]]) -> None:
    validator = import_columns.column_validator(spec)
    assert validator is not None
    got = validator.records([(i + 2, raw) for i, raw in enumerate(rows)])
    assert got is not None  # every cell plain
    expected = [per_row(spec, raw) for raw in rows]
    assert [record for _, record in got] == expected
    assert [repr(record) for _, record in got] == [repr(record) for record in expected]
    assert [r.model_fields_set for _, r in got] == [r.model_fields_set for r in expected]
    assert [n for n, _ in got] == [2, 3, 4, 5][: len(rows)]


@pytest.mark.parametrize(
    ("column", "cell"),
    [
        ("supplier_id", None),  # a required cell missing
        ("supplier_id", "E 1"),
        ("supplier_id", "E;1"),
        ("supplier_id", "E/1"),
        ("supplier_id", "E" * 65),
        ("supplier_id", "企业1"),  # a valid code, not the plain ASCII form: the per-row validator reads it
        ("annual_value_cny", "1,234.5"),  # valid, grouped
        ("annual_value_cny", "-1"),
        ("annual_value_cny", "1.234"),
        ("annual_value_cny", "1e3"),
        ("annual_value_cny", "1234567890123456"),
        ("capacity", "1"),  # not a field of a link
        ("share", "1.5"),
        ("share", "50%"),
        ("share", ".5"),
        ("since", "1799"),
        ("since", "2101"),
        ("since", "02021"),
        ("confidential", "是"),  # valid, not the plain form
        ("confidential", "TRUE"),
        ("evidence", "a\tb"),
        ("source", "x" * 2001),
    ],
)
def test_a_cell_out_of_the_plain_form_sends_the_chunk_to_the_per_row_validator(column: str, cell: str | None) -> None:
    validator = import_columns.column_validator(SUPPLY_LINKS)
    assert validator is not None
    bad = {k: v for k, v in {**PLAIN_LINKS[1], column: cell}.items() if v is not None}
    assert validator.records([(2, PLAIN_LINKS[0]), (3, bad)]) is None


def _csv(path: Path, header: list[str], rows: list[dict[str, str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    return path


def bad_links(base: Path) -> list[dict[str, str]]:
    """Return plain links of the synthetic registry, with every kind of bad cell among them, a few per chunk."""
    with (base / "supply_links.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = [{k: v for k, v in r.items() if v} for r in csv.DictReader(handle)]
    spoilt: list[dict[str, str | None]] = [
        {"supplier_id": None},
        {"customer_id": "NO-SUCH-FIRM"},
        {"node_code": "N;1"},
        {"annual_value_cny": "-5"},
        {"annual_value_cny": "1.234"},
        {"annual_value_cny": "abc"},
        {"annual_value_cny": "NaN"},
        {"annual_value_cny": "1" * 20},
        {"share": "1.5"},
        {"share": "inf"},
        {"since": "1700"},
        {"since": "year"},
        {"since": "2000", "until": "1801"},
        {"confidence": "-0.1"},
        {"confidential": "maybe"},
        {"evidence": "bad\x01text"},
        {"source": "x" * 2001},
        {"customer_id": "SELF"},
        {"supplier_id": "DUPLICATE"},
    ]
    for i, changes in enumerate(spoilt):
        at = 3 + 7 * i  # the bad rows fall in different chunks of 5; the chunks between are plain
        row = dict(rows[at - 1]) if changes.get("supplier_id") == "DUPLICATE" else dict(rows[at])
        for column, cell in changes.items():
            if cell is None:
                row.pop(column)
            elif cell == "SELF":
                row[column] = row["supplier_id"]
            elif cell != "DUPLICATE":
                row[column] = cell
        rows[at] = row
    return rows


def _import(session: Session, folders: list[Path], column_wise: bool, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr(imports, "COLUMN_WISE", column_wise)
    monkeypatch.setattr(imports, "CHUNK", 5)
    report = run_import(session, folders, CTX)
    written = {
        spec.name: [repr(r) for r in RegistryRepository(session, spec).all()]
        for spec in (SUPPLY_LINKS, ENTERPRISE_NODES)
    }
    session.rollback()
    return report, written


def test_bad_cells_give_the_per_row_validators_problems_and_nothing_written(
    session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = tmp_path / "base"
    write_synthetic(base, enterprises=60, links=200, seed=5)
    rows = bad_links(base)
    _csv(base / "supply_links.csv", LINK_HEADER, rows)
    calls: list[bool] = []
    real = import_columns.ColumnValidator.records

    def spy(self: import_columns.ColumnValidator, chunk: Any) -> Any:
        found = real(self, chunk)
        calls.append(found is not None)
        return found

    monkeypatch.setattr(import_columns.ColumnValidator, "records", spy)
    oracle, oracle_written = _import(session, [base], False, monkeypatch)
    assert calls == []
    report, report_written = _import(session, [base], True, monkeypatch)
    assert isinstance(report, ImportReport) and not report.ok
    assert report.as_dict() == oracle.as_dict()
    # every spoilt cell is reported (a few cells give two problems, e.g. the self link's customer)
    assert len({(p.row, p.column) for p in report.problems}) >= 19
    assert report_written == oracle_written == {"supply_links": [], "enterprise_nodes": []}
    assert True in calls and False in calls  # plain chunks went column-wise, spoilt ones row by row


def test_good_files_write_the_same_rows_either_way(
    session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = tmp_path / "base"
    write_synthetic(base, enterprises=60, links=300, seed=7)
    oracle, oracle_written = _import(session, [base], False, monkeypatch)
    report, report_written = _import(session, [base], True, monkeypatch)
    assert oracle.ok and report.ok
    # the same counts, files and added keys (the batch ids differ: each import takes the next one)
    assert {**report.as_dict(), "batch_id": None} == {**oracle.as_dict(), "batch_id": None}
    assert report.added_keys == oracle.added_keys
    assert report_written == oracle_written
    assert len(report_written["supply_links"]) == 300
