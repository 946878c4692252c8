"""Downloads of what a page lists, for people: headers in the page language, numbers as numbers, yes/no in
the page language, money to the fen. Interchange files for re-import come from `chainatlas export` and the API.

The bytes come from `interchange.tables` (through `services.exports`); this module names and labels them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from decimal import Decimal
from enum import Enum

from starlette.responses import Response

from chainatlas.domain.common import Record
from chainatlas.domain.kinds import KIND_BY_NAME
from chainatlas.domain.registry_results import PartnerLink
from chainatlas.services.exports import Cell as Cell  # the pages' row builders type their cells with it
from chainatlas.services.exports import table_csv, table_xlsx
from chainatlas.web.i18n import Translator

MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def attachment(body: bytes, filename: str, fmt: str) -> Response:
    """Return file contents as a download named `filename.fmt` (characters unsafe in a header become _)."""
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", filename)
    headers = {"Content-Disposition": f'attachment; filename="{safe}.{fmt}"', "Cache-Control": "no-store"}
    return Response(body, media_type=MEDIA[fmt], headers=headers)


def record_cell(value: object, t: Translator) -> Cell:
    """Return a record's value as a cell for people: yes/no words, lists joined, numbers and dates kept (money is
    already to the fen: the registry's Money type has two decimal places)."""
    if isinstance(value, bool):
        return t("yes") if value else t("no")
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, tuple | list):
        return ";".join(str(item) for item in value)
    if value is None or isinstance(value, int | float | Decimal | dt.date | str):
        return value
    return str(value)


def record_rows(kind: str, records: Sequence[Record], t: Translator) -> tuple[list[str], list[list[Cell]]]:
    """Return a registry kind's records as headers (the page's field labels) and rows of cells for people."""
    names = list(KIND_BY_NAME[kind].model.model_fields)
    rows = [[record_cell(getattr(record, name), t) for name in names] for record in records]
    return [t(f"field.{name}") for name in names], rows


def records_download(kind: str, records: Sequence[Record], fmt: str, t: Translator) -> Response:
    """Return a listing of registry records as a download for people (see the module's docstring)."""
    headers, rows = record_rows(kind, records, t)
    return table_download(kind, headers, rows, fmt)


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
