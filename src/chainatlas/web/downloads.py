"""Downloads of what a page lists: registry kinds in the interchange format, derived tables as CSV or XLSX.

The bytes come from `interchange.tables` (through `services.exports`); this module names and labels them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from starlette.responses import Response

from chainatlas.domain.common import Record
from chainatlas.domain.registry_results import PartnerLink
from chainatlas.services.exports import Cell as Cell  # the pages' row builders type their cells with it
from chainatlas.services.exports import registry_file, table_csv, table_xlsx
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


def registry_download(kind: str, records: Sequence[Record], fmt: str) -> Response:
    """Return records of a registry kind as a download in the interchange columns (`interchange.tables`)."""
    return attachment(registry_file(kind, records, fmt), kind, fmt)


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
