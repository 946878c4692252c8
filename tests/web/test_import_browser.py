"""Importing in a real browser: a file of an ordinary name through the kind chooser, with an optional column
absent (kept, and said absent); a PNG renamed .csv (one clear problem on the styled page, nothing written)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from playwright.sync_api import expect
from tests.interchange.registry_counts import written
from tests.web.browser import Walk, walk_in_browser
from tests.web.conftest import PASSWORD

from chainatlas.store.engine import make_engine

pytestmark = pytest.mark.browser
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01" + bytes(64)


def staff_list(folder: Path) -> Path:
    """Write 企业名单2025.xlsx: Sany renamed, in Chinese headers, without the stock code (股票代码) column."""
    folder.mkdir()
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Sheet1"
    sheet.append(["企业编号", "企业名称", "国家", "集群内", "来源"])
    sheet.append(["E0001", "三一重工股份有限公司", "中国", "是", "三一重工2024年年度报告"])
    path = folder / "企业名单2025.xlsx"
    book.save(path)
    return path


def sign_in_to_the_import_page(walk: Walk) -> None:
    walk.page.goto(walk.server + "/login?next=/import")
    walk.submit_sign_in("ana", PASSWORD)
    expect(walk.page).to_have_url(walk.server + "/import")


def import_through_the_kind_chooser(walk: Walk, upload: Path) -> None:
    page = walk.page
    page.select_option("#import-kind", "enterprises")
    page.set_input_files("input[type=file]", str(upload))
    expect(page.locator("#chosen-files")).to_have_text("企业名单2025.xlsx")
    walk.shot("import-1-chooser")
    page.click("form.upload button[type=submit]")
    counts = page.locator("#count-table tbody tr")
    expect(counts).to_have_count(1)
    expect(counts.locator("td")).to_have_text(["企业 enterprises", "0", "1", "0"])
    files = page.locator("#file-table tbody tr")
    expect(files.locator("td").nth(0)).to_have_text("企业名单2025.xlsx")
    expect(files.locator("td.absent-columns")).to_contain_text("股票代码 listed_code")
    expect(page.locator(".alert.ok")).to_contain_text("导入成功")
    expect(page.locator("#import-kind")).to_have_value("enterprises")  # the chooser keeps its choice
    walk.shot("import-2-absent-columns")


def the_absent_value_is_kept(walk: Walk) -> None:
    page = walk.page
    page.goto(walk.server + "/enterprises/E0001")
    expect(page.locator("h1")).to_contain_text("三一重工股份有限公司")
    profile = page.locator("dl.fields")
    expect(profile).to_contain_text("股票代码")
    expect(profile).to_contain_text("600031.SH")  # the file had no 股票代码 column: the stored code stays
    walk.shot("import-3-profile")


def download_fill_and_import_the_template(walk: Walk, folder: Path) -> None:
    """The template downloaded from the page, filled with one row and uploaded under another name, imports."""
    page = walk.page
    page.goto(walk.server + "/import")
    page.click("#import-templates summary")
    with page.expect_download() as download:
        page.click("#import-templates a[href='/import/templates/enterprises.xlsx']")
    assert download.value.suggested_filename == "企业导入模板_enterprises.xlsx"
    template = folder / "template.xlsx"
    download.value.save_as(template)
    book = load_workbook(template)
    book["企业"].append(
        ["E9999", "长沙模板测试有限公司", None, None, "中国", *[None] * 15, "synthetic"]
    )  # source: the 21st
    filled = folder / "新增企业.xlsx"
    book.save(filled)
    page.set_input_files("input[type=file]", str(filled))
    page.click("form.upload button[type=submit]")
    expect(page.locator("#count-table tbody tr td")).to_have_text(["企业 enterprises", "1", "0", "0"])
    walk.shot("import-4-template")


def upload_a_png_renamed_csv(walk: Walk, folder: Path) -> None:
    page = walk.page
    path = folder / "截图.csv"
    path.write_bytes(PNG)
    page.goto(walk.server + "/import")
    page.set_input_files("input[type=file]", str(path))
    page.click("form.upload button[type=submit]")
    expect(page.locator("h1")).to_have_text("导入数据")  # the styled page, not an error page
    rows = page.locator("#problem-table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.locator("td").nth(0)).to_have_text("截图.csv")
    expect(rows.locator("td").nth(4)).to_have_text("不是文本文件（是 PNG 文件）：请上传 CSV、XLSX 或 JSON 文件")
    expect(page.locator(".alert.error")).to_contain_text("未写入任何数据")
    walk.shot("import-5-png")


def the_same_in_english(walk: Walk, folder: Path) -> None:
    """On an English page the problem is English; Chinese is left only in the file's own name."""
    page = walk.page
    page.context.add_cookies([{"name": "lang", "value": "en", "url": walk.server}])
    page.goto(walk.server + "/import")
    page.set_input_files("input[type=file]", str(folder / "截图.csv"))
    page.click("form.upload button[type=submit]")
    result = page.locator("#import-result")
    expect(result.locator("#problem-table tbody td").nth(4)).to_have_text(
        "is not a text file (it is a PNG file): upload a CSV, XLSX or JSON file"
    )
    shown = result.inner_text().replace("截图.csv", "")
    assert not re.search(r"[\u4e00-\u9fff]", shown), shown
    expect(page.locator("#import-kind option").first).to_have_text("Tell from the file name or headers")


def test_an_import_through_the_kind_chooser_and_a_png_renamed_csv(server: str, db_url: str, tmp_path: Path) -> None:
    engine = make_engine(db_url)
    try:
        with walk_in_browser(server) as walk:
            sign_in_to_the_import_page(walk)
            import_through_the_kind_chooser(walk, staff_list(tmp_path / "upload"))
            the_absent_value_is_kept(walk)
            download_fill_and_import_the_template(walk, tmp_path)
            before = written(engine)
            upload_a_png_renamed_csv(walk, tmp_path)
            the_same_in_english(walk, tmp_path)
            assert written(engine) == before
    finally:
        engine.dispose()
    expected = "status of 422"  # the refused upload's page answers 422 (invalid input), as it should
    assert [text for text in walk.errors if expected not in text] == [], walk.errors
