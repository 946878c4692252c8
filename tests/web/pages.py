"""Reading what the pages give: a chart's embedded options, a downloaded CSV's rows, the enterprise count,
and an enterprises.csv to upload."""

from __future__ import annotations

import csv
import io
import json
import re

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from tests.factories import VALID_CODE
from tests.web.conftest import Pages

from chainatlas.interchange.columns import COLUMNS
from chainatlas.store.rows import EnterpriseRow

BOM = b"\xef\xbb\xbf"
# VALID_CODE with its last (check) character changed from 3 to 4: the check fails.
BAD_CODE = VALID_CODE[:-1] + "4"


def enterprise_csv(*rows: dict[str, str]) -> bytes:
    """Return enterprises.csv content with the given rows (missing columns empty)."""
    names = [column.name for column in COLUMNS["enterprises"]]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=names, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({name: row.get(name, "") for name in names})
    return buffer.getvalue().encode("utf-8")


def enterprise_count(pages: Pages) -> int:
    """Return how many enterprises the pages' database holds."""
    with Session(pages.engine) as session:
        return int(session.scalar(select(func.count()).select_from(EnterpriseRow)) or 0)


def chart_json(html: str, element_id: str) -> dict[str, object]:
    """Return the JSON a page embeds for one of its charts."""
    match = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', html, re.S)
    assert match, f"no chart data {element_id}"
    data: dict[str, object] = json.loads(match.group(1))
    return data


def csv_rows(body: bytes) -> list[list[str]]:
    """Return the rows of a downloaded CSV, which must start with a byte-order mark."""
    assert body.startswith(BOM)
    return list(csv.reader(io.StringIO(body[len(BOM) :].decode("utf-8"))))
