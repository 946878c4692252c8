"""Downloads of listings: CSV with a UTF-8 BOM that the csv module reads, XLSX that openpyxl opens."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy.orm import Session
from tests.factories import write_csv
from tests.web.conftest import Pages, demo_rows
from tests.web.pages import csv_rows

from chainatlas.interchange.columns import COLUMNS
from chainatlas.interchange.tables import table_csv, table_xlsx
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.imports import run_import


def test_enterprise_list_downloads_every_matching_row_not_just_the_page(pages: Pages) -> None:
    pages.login("ana")
    inside = [row for row in demo_rows("enterprises") if row["in_cluster"] == "true"]
    response = pages.client.get("/enterprises?in_cluster=true&page=3&format=csv")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert 'filename="enterprises.csv"' in response.headers["content-disposition"]
    rows = csv_rows(response.content)
    assert rows[0][:3] == ["企业编号", "企业名称", "英文名称"] and len(rows[0]) == len(COLUMNS["enterprises"])
    assert rows[0] == [column.header_zh for column in COLUMNS["enterprises"]]  # the page labels are the import headers
    assert sorted(r[0] for r in rows[1:]) == sorted(r["id"] for r in inside)
    by_id = {r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    assert by_id["E0002"]["企业名称"] == "中联重科" and by_id["E0002"]["股票代码"] == "000157.SZ"
    assert by_id["E0002"]["集群内"] == "是"


def test_enterprise_list_downloads_as_xlsx(pages: Pages) -> None:
    pages.login("ana")
    response = pages.client.get("/enterprises", params={"q": "中联", "format": "xlsx"})
    assert response.status_code == 200 and "spreadsheetml" in response.headers["content-type"]
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0][:3] == ["企业编号", "企业名称", "英文名称"] and len(values) == 2
    assert values[1][:3] == ["E0002", "中联重科", "Zoomlion"]
    firm = dict(zip(values[0], values[1], strict=True))
    # by hand from demo/data/enterprises.csv: in the cluster, export share 0.3804, tags 全球50强;上市
    assert (firm["集群内"], firm["出口占比"], firm["标签"]) == ("是", 0.3804, "全球50强;上市")


def test_enterprise_list_xlsx_for_people_has_numbers_words_and_the_page_language(pages: Pages) -> None:
    pages.login("ana")
    sheet = load_workbook(io.BytesIO(pages.client.get("/enterprises?q=E0001&format=xlsx").content)).active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    cells = dict(zip(header, sheet[2], strict=True))
    assert (cells["出口占比"].value, cells["集群内"].value) == (None, "是")
    assert cells["企业编号"].data_type == "s" and cells["股票代码"].value == "600031.SH"
    zoomlion = load_workbook(io.BytesIO(pages.client.get("/enterprises?q=E0002&format=xlsx").content)).active
    assert zoomlion is not None
    share = zoomlion.cell(2, header.index("出口占比") + 1)
    assert (share.value, share.data_type) == (0.3804, "n")  # a number, not the text "0.3804"
    pages.client.get("/lang/en")
    english = load_workbook(io.BytesIO(pages.client.get("/enterprises?q=E0002&format=xlsx").content)).active
    assert english is not None
    assert [c.value for c in english[1]][:3] == ["Id", "Chinese name", "English name"]
    assert english.cell(2, header.index("集群内") + 1).value == "Yes"


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


CALC = "=cmd|' /C calc'!A0"
HOSTILE_FIRM = {
    "id": "E9001",
    "name_zh": CALC,
    "name_en": "@SUM(1+1)*cmd|' /C calc'!A0",
    "country": "CN",
    "city": "-2+3+cmd|' /C calc'!A0",
    "in_cluster": "true",
    "source": "+1+cmd|' /C calc'!A0",
}


def store_hostile_supplier(pages: Pages, folder: Path) -> None:
    """Store an enterprise whose texts start like formulas, supplying E0002 (through the ordinary import)."""
    node = next(r["node_code"] for r in demo_rows("supply_links") if r["customer_id"] == "E0002")
    link = {
        "supplier_id": "E9001",
        "customer_id": "E0002",
        "node_code": node,
        "annual_value_cny": "1234.50",
        "source": CALC,
    }
    folder.mkdir()
    write_csv(folder / "enterprises.csv", "enterprises", [HOSTILE_FIRM])
    write_csv(folder / "supply_links.csv", "supply_links", [link])
    at = dt.datetime(2026, 1, 2, tzinfo=dt.UTC)
    with Session(pages.engine) as session:
        assert run_import(session, [folder], WriteContext(actor="t", via=Via.IMPORT, at=at)).ok
        session.commit()


def test_page_downloads_keep_stored_formulas_inert(pages: Pages, tmp_path: Path) -> None:
    store_hostile_supplier(pages, tmp_path / "hostile")
    pages.login("ana")
    rows = csv_rows(pages.client.get("/enterprises", params={"q": "E9001", "format": "csv"}).content)
    firm = dict(zip(rows[0], rows[1], strict=True))
    assert [firm[k] for k in ("企业名称", "英文名称", "市", "来源")] == [
        "'" + CALC,
        "'@SUM(1+1)*cmd|' /C calc'!A0",
        "'-2+3+cmd|' /C calc'!A0",
        "'+1+cmd|' /C calc'!A0",
    ]
    suppliers = csv_rows(pages.client.get("/enterprises/E0002/suppliers?format=csv").content)
    line = next(r for r in suppliers if r[0] == "E9001")
    assert (line[1], line[5], line[9]) == ("'" + CALC, "1234.50", "'" + CALC)
    sheet = load_workbook(io.BytesIO(pages.client.get("/enterprises/E0002/suppliers?format=xlsx").content)).active
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "E9001")
    assert [(c.value, c.data_type, c.quotePrefix) for c in (row[1], row[9])] == [(CALC, "s", True)] * 2
    assert (row[5].value, row[5].data_type) == (1234.5, "n")
    listing = load_workbook(io.BytesIO(pages.client.get("/enterprises?q=E9001&format=xlsx").content)).active
    assert [(c.value, c.data_type, c.quotePrefix) for c in listing[2][1:3]] == [
        (CALC, "s", True),
        ("@SUM(1+1)*cmd|' /C calc'!A0", "s", True),
    ]


def test_csv_for_people_prefixes_a_quote_and_keeps_numbers() -> None:
    body = table_csv(["name", "value"], [[CALC, Decimal("-3.5")], ["-3.5", -2], ["@x", 1.25], ["三一", None]])
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[1:] == [["'" + CALC, "-3.5"], ["-3.5", "-2"], ["'@x", "1.25"], ["三一", ""]]


def test_xlsx_for_people_keeps_the_value_as_quote_prefixed_text_and_numbers_as_numbers() -> None:
    sheet = load_workbook(
        io.BytesIO(table_xlsx("t", ["=name", "value"], [[CALC, Decimal("-3.5")], ["-3.5", -2]]))
    ).active
    header, calc, number, signed, negative = sheet["A1"], sheet["A2"], sheet["B2"], sheet["A3"], sheet["B3"]
    assert (header.value, header.data_type, header.quotePrefix) == ("=name", "s", True)
    assert (calc.value, calc.data_type, calc.quotePrefix) == (CALC, "s", True)
    assert (number.value, number.data_type) == (-3.5, "n")
    assert (signed.value, signed.data_type, signed.quotePrefix) == ("-3.5", "s", False)
    assert (negative.value, negative.data_type) == (-2, "n")
