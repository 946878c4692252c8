"""Tables for people to download as CSV or XLSX (a page's listing, a derived table, a fair's schedule).

CSV is UTF-8 with a byte-order mark, so Excel opens Chinese text correctly. Text that a spreadsheet would
run as a formula stays inert (`interchange/inert.py`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from chainatlas.interchange.inert import inert_csv_value, text_cell

Cell = str | int | float | Decimal | bool | dt.date | None
"""A value of a table for people; a date or date-time stays one in XLSX (CSV writes it in ISO form)."""


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
