"""Tables for people to download: registry kinds in the interchange columns, derived tables as CSV or XLSX.

CSV is UTF-8 with a byte-order mark, so Excel opens Chinese text correctly. Text that a spreadsheet would
run as a formula stays inert (`interchange/inert.py`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from chainatlas.domain.common import Record
from chainatlas.interchange.columns import COLUMNS
from chainatlas.interchange.inert import inert_csv_value, text_cell
from chainatlas.interchange.write import cell_text, write_table

Cell = str | int | float | Decimal | bool | dt.date | None
"""A value of a table for people; a date or date-time stays one in XLSX (CSV writes it in ISO form)."""


def registry_file(kind: str, records: Sequence[Record], fmt: str) -> bytes:
    """Return records of a registry kind in the interchange columns: XLSX imports back unchanged; CSV prefixes
    text that would run as a formula with `'` (a person opens it in a spreadsheet)."""
    if fmt == "csv":
        names = [column.name for column in COLUMNS[kind]]
        rows = [[cell_text(getattr(record, name)) for name in names] for record in records]
        return table_csv(names, rows)
    with tempfile.TemporaryDirectory(prefix="chainatlas-download-") as folder:
        path = Path(folder) / f"{kind}.{fmt}"
        write_table(path, kind, records, fmt)
        return path.read_bytes()


def table_csv(headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> bytes:
    """Return a table as CSV bytes: UTF-8 with BOM, CRLF line ends, empty cells for missing values."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([inert_csv_value(name) for name in headers])
    for row in rows:
        writer.writerow(["" if value is None else inert_csv_value(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def table_xlsx(title: str, headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> bytes:
    """Return a table as an XLSX workbook: numbers stay numbers, text is always text (never a formula)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])

    def cell(value: Cell) -> Any:
        return text_cell(sheet, value) if isinstance(value, str) else value

    sheet.append([cell(name) for name in headers])
    for row in rows:
        sheet.append([cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
