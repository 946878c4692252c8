"""Editing a record in a real browser (Debian's Chromium through Playwright): a wrong value is shown beside
its field in Chinese, corrected and saved, and the change appears in the record's history; the enterprise
picker of a supply-link form finds an enterprise by its name. Screenshots go to test-output/screenshots/.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from tests.web.browser import Walk, walk_in_browser
from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.browser


def edit_with_a_mistake(walk: Walk) -> None:
    page = walk.page
    page.goto(walk.server + "/login?next=/enterprises/E0300")
    walk.submit_sign_in("ana", PASSWORD)
    expect(page).to_have_url(walk.server + "/enterprises/E0300")
    page.click("#edit-record")
    expect(page).to_have_url(walk.server + "/records/enterprises/E0300/edit")
    expect(page.locator("#f-id")).to_have_attribute("readonly", "")
    page.fill("#f-employees", "一百二十")
    page.fill("#f-name_zh", "")
    page.click("form.record-form button[type=submit]")
    expect(page.locator("#form-problems")).to_contain_text("有 2 处需要修改")
    expect(page.locator("#err-employees")).to_have_text("须为整数")
    expect(page.locator("#err-name_zh")).to_have_text("必填")
    expect(page.locator("#f-employees")).to_have_value("一百二十")
    walk.shot("r01-record-edit-problems")


def correct_and_save(walk: Walk) -> None:
    page = walk.page
    page.fill("#f-employees", "120")  # demo enterprises.csv: E0300 has 22
    page.fill("#f-name_zh", "长沙芃崧重型结构科技有限公司")
    page.click("form.record-form button[type=submit]")
    expect(page).to_have_url(walk.server + "/enterprises/E0300")
    row = page.locator("#history-table tbody tr").first
    expect(row).to_contain_text("ana")
    expect(row).to_contain_text("网页")
    expect(row).to_contain_text(re.compile(r"员工数：\s*22\s*→\s*120"))
    expect(page.locator("#history a", has_text="在变更历史页查看")).to_have_attribute(
        "href", "/history?kind=enterprises&record=E0300"
    )
    walk.shot("r02-record-history")


def pick_an_enterprise_by_name(walk: Walk) -> None:
    page = walk.page
    page.goto(walk.server + "/records/supply_links/new")
    page.locator("#f-supplier_id").press_sequentially("三一重工")
    expect(page.locator("#list-supplier_id option[value=E0001]")).to_have_count(1)
    expect(page.locator("#list-supplier_id option[value=E0001]")).to_have_attribute("label", "三一重工")


def test_a_record_edit_with_a_mistake_in_the_browser(server: str) -> None:
    with walk_in_browser(server) as walk:
        edit_with_a_mistake(walk)
        correct_and_save(walk)
        pick_an_enterprise_by_name(walk)
    unexpected = [e for e in walk.errors if "status of 422" not in e]  # the refused form answers 422, as it should
    assert unexpected == [], f"the browser reported errors: {unexpected}"
