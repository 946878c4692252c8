"""Downloads of what a page lists: registry kinds in the interchange format, derived tables as CSV or XLSX.

CSV is UTF-8 with a byte-order mark, so Excel opens Chinese text correctly. Downloads are meant for people:
text that a spreadsheet would run as a formula stays inert (`interchange/inert.py`).
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from starlette.responses import Response

from chainatlas.domain.common import Record
from chainatlas.interchange.columns import COLUMNS
from chainatlas.interchange.inert import inert_csv_value, text_cell
from chainatlas.interchange.write import cell_text, write_table
from chainatlas.store.queries import PartnerLink
from chainatlas.web.i18n import Translator

MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
Cell = str | int | float | Decimal | bool | None


def attachment(body: bytes, filename: str, fmt: str) -> Response:
    """Return file contents as a download named `filename.fmt` (characters unsafe in a header become _)."""
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", filename)
    headers = {"Content-Disposition": f'attachment; filename="{safe}.{fmt}"', "Cache-Control": "no-store"}
    return Response(body, media_type=MEDIA[fmt], headers=headers)


def registry_download(kind: str, records: Sequence[Record], fmt: str) -> Response:
    """Return records of a registry kind in the interchange columns: XLSX imports back unchanged; CSV prefixes
    text that would run as a formula with `'` (a person opens it in a spreadsheet)."""
    if fmt == "csv":
        names = [column.name for column in COLUMNS[kind]]
        rows = [[cell_text(getattr(record, name)) for name in names] for record in records]
        return attachment(table_csv(names, rows), kind, fmt)
    with tempfile.TemporaryDirectory(prefix="chainatlas-download-") as folder:
        path = Path(folder) / f"{kind}.{fmt}"
        write_table(path, kind, records, fmt)
        return attachment(path.read_bytes(), kind, fmt)


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


def table_download(filename: str, headers: Sequence[str], rows: Sequence[Sequence[Cell]], fmt: str) -> Response:
    """Return a derived table as a CSV or XLSX download."""
    body = table_csv(headers, rows) if fmt == "csv" else table_xlsx(filename, headers, rows)
    return attachment(body, filename, fmt)


PARTNER_COLUMNS = (
    "col.partner_id",
    "col.partner",
    "col.in_cluster",
    "col.node_code",
    "col.node",
    "col.annual_value_cny",
    "col.share",
    "col.since",
    "badge.confidential",
    "col.source",
)


def partner_rows(partners: Sequence[PartnerLink], t: Translator) -> list[list[Cell]]:
    """Return an enterprise's partner links as table rows (value in yuan, share as a fraction)."""
    return [
        [
            p.partner.id,
            t.name(p.partner.name_zh, p.partner.name_en),
            t("yes") if p.partner.in_cluster else t("no"),
            p.link.node_code,
            t.name(p.node_name_zh, p.node_name_en),
            p.link.annual_value_cny,
            p.link.share,
            p.link.since,
            t("yes") if p.link.confidential else t("no"),
            p.link.source,
        ]
        for p in partners
    ]


def partner_download(filename: str, partners: Sequence[PartnerLink], fmt: str, t: Translator) -> Response:
    """Return an enterprise's suppliers or customers as a CSV or XLSX download with labels in the page language."""
    return table_download(filename, [t(key) for key in PARTNER_COLUMNS], partner_rows(partners, t), fmt)
