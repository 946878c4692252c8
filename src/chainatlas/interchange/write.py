"""Write registry records as interchange files: CSV (UTF-8 with BOM), XLSX or JSON."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from chainatlas.domain.common import Record
from chainatlas.interchange.columns import COLUMNS
from chainatlas.interchange.inert import text_cell

EXPORT_FORMATS = ("csv", "xlsx", "json")


def cell_text(value: Any) -> str:
    """Return a value as the text the interchange format writes (empty for missing)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, tuple | list):
        return ";".join(str(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def json_value(value: Any) -> Any:
    """Return a value as JSON writes it: money and decimals as exact strings."""
    if value is None or isinstance(value, bool | int | float | str):
        return value.value if isinstance(value, Enum) else value
    if isinstance(value, tuple | list):
        return [str(v) for v in value]
    return cell_text(value)


def write_table(path: Path, kind: str, records: Iterable[Record], fmt: str) -> int:
    """Write one kind's records to a file in a format; return the number of rows written."""
    names = [column.name for column in COLUMNS[kind]]
    if fmt == "csv":
        return _write_csv(path, names, records)
    if fmt == "xlsx":
        return _write_xlsx(path, kind, names, records)
    if fmt == "json":
        return _write_json(path, names, records)
    raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")


def _write_csv(path: Path, names: list[str], records: Iterable[Record]) -> int:
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(names)
        for record in records:
            writer.writerow([cell_text(getattr(record, name)) for name in names])
            count += 1
    return count


def _write_xlsx(path: Path, kind: str, names: list[str], records: Iterable[Record]) -> int:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(kind)
    sheet.append(names)
    count = 0
    for record in records:
        sheet.append([_text_cell(sheet, cell_text(getattr(record, name))) for name in names])
        count += 1
    workbook.save(path)
    return count


def _text_cell(sheet: Any, text: str) -> Any:
    """Return a text cell: codes such as 000157.SZ and exact decimals stay as written, and a leading `=`
    stays text rather than becoming a formula (the value itself is kept verbatim: the export is lossless)."""
    return text_cell(sheet, text) if text else None


def _write_json(path: Path, names: list[str], records: Iterable[Record]) -> int:
    items = [{name: json_value(getattr(record, name)) for name in names} for record in records]
    path.write_text(json.dumps(items, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return len(items)
