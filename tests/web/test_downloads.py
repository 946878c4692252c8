"""Downloads of listings: CSV with a UTF-8 BOM that the csv module reads, XLSX that openpyxl opens."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from openpyxl import load_workbook
from tests.web.conftest import Pages, demo_rows

from chainatlas.interchange.columns import COLUMNS
from chainatlas.web.downloads import table_csv, table_xlsx

BOM = b"\xef\xbb\xbf"


def csv_rows(body: bytes) -> list[list[str]]:
    assert body.startswith(BOM)
    return list(csv.reader(io.StringIO(body[len(BOM) :].decode("utf-8"))))


def test_enterprise_list_downloads_every_matching_row_not_just_the_page(pages: Pages) -> None:
    pages.login("ana")
    inside = [row for row in demo_rows("enterprises") if row["in_cluster"] == "true"]
    response = pages.client.get("/enterprises?in_cluster=true&page=3&format=csv")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert 'filename="enterprises.csv"' in response.headers["content-disposition"]
    rows = csv_rows(response.content)
    assert rows[0] == [column.name for column in COLUMNS["enterprises"]]
    assert sorted(r[0] for r in rows[1:]) == sorted(r["id"] for r in inside)
    by_id = {r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    assert by_id["E0002"]["name_zh"] == "中联重科" and by_id["E0002"]["listed_code"] == "000157.SZ"


def test_enterprise_list_downloads_as_xlsx(pages: Pages) -> None:
    pages.login("ana")
    response = pages.client.get("/enterprises", params={"q": "中联", "format": "xlsx"})
    assert response.status_code == 200 and "spreadsheetml" in response.headers["content-type"]
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0][:3] == ["id", "name_zh", "name_en"] and len(values) == 2
    assert values[1][:3] == ["E0002", "中联重科", "Zoomlion"]


def test_supplier_list_downloads_as_csv_and_xlsx(pages: Pages) -> None:
    pages.login("ana")
    suppliers = [r for r in demo_rows("supply_links") if r["customer_id"] == "E0002"]
    rows = csv_rows(pages.client.get("/enterprises/E0002/suppliers?format=csv").content)
    assert rows[0][:2] == ["企业编号", "合作企业"] and len(rows) == len(suppliers) + 1
    assert rows[1][0] == "E0028" and rows[1][5] == "1160474269.93" and rows[1][6] == "0.7167"
    response = pages.client.get("/enterprises/E0002/suppliers?format=xlsx")
    assert 'filename="E0002-suppliers.xlsx"' in response.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == len(suppliers) + 1
    assert sheet["A2"].value == "E0028" and sheet["F2"].value == 1160474269.93  # a number Excel can sum
    pages.client.get("/lang/en")
    english = csv_rows(pages.client.get("/enterprises/E0002/customers?format=csv").content)
    assert english[0][:2] == ["Enterprise id", "Partner"]


def test_downloads_keep_text_that_looks_like_a_formula_inert() -> None:
    rows = csv_rows(table_csv(["name", "value"], [["=HYPERLINK(1)", Decimal("2.50")], ["-x", None]]))
    assert rows[1:] == [["'=HYPERLINK(1)", "2.50"], ["'-x", ""]]
    sheet = load_workbook(io.BytesIO(table_xlsx("t", ["name"], [["=SUM(A1)"]]))).active
    assert sheet["A2"].value == "=SUM(A1)" and sheet["A2"].data_type == "s"
