"""The pages in a real browser: Debian's headless Chromium driven by Playwright over the real server.

One walk through the product on the demo data, a screenshot of every step in test-output/screenshots/.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from tests.factories import VALID_CODE
from tests.web.browser import Walk, walk_in_browser
from tests.web.conftest import PASSWORD
from tests.web.pages import BAD_CODE, enterprise_csv

pytestmark = pytest.mark.browser


def overview_in_both_languages(walk: Walk) -> None:
    page = walk.page
    page.goto(walk.server + "/")
    expect(page.locator("h1")).to_have_text("集群概览")
    expect(page.locator("#trend-chart canvas")).to_be_visible()
    expect(page.locator(".badge.synthetic").first).to_be_visible()
    walk.shot("01-overview")
    page.click("a.lang-switch")
    expect(page.locator("h1")).to_have_text("Cluster overview")
    expect(page.locator("nav.topnav")).to_contain_text("Enterprises")
    walk.shot("02-overview-english")
    page.click("a.lang-switch")
    expect(page.locator("h1")).to_have_text("集群概览")


def sign_in_on_the_way_to_the_registry(walk: Walk) -> None:
    page = walk.page
    page.click("nav.topnav >> text=企业")
    expect(page).to_have_url(walk.server + "/login?next=/enterprises")
    page.fill("input[name=username]", "ana")
    page.fill("input[name=password]", PASSWORD)
    walk.shot("03-sign-in")
    page.click("form.card button[type=submit]")
    expect(page).to_have_url(walk.server + "/enterprises")


def search_and_open_the_firm_and_its_suppliers(walk: Walk) -> None:
    page = walk.page
    page.fill("input[name=q]", "中联")
    page.press("input[name=q]", "Enter")
    expect(page.locator("p.total")).to_contain_text("共 1 家")
    expect(page.locator("#enterprise-table")).to_contain_text("中联重科")
    walk.shot("04-search")
    page.click("#enterprise-table >> text=中联重科")
    expect(page).to_have_url(walk.server + "/enterprises/E0002")
    expect(page.locator("h1")).to_have_text("中联重科")
    expect(page.locator("#network-chart canvas")).to_be_visible()
    expect(page.locator("#suppliers-table")).to_contain_text("11.60 亿元")
    walk.shot("05-enterprise")
    page.click("#suppliers >> text=查看全部")
    expect(page).to_have_url(walk.server + "/enterprises/E0002/suppliers")
    expect(page.locator("#suppliers-table tbody tr")).to_have_count(228)
    walk.shot("06-suppliers")


def click_a_chain_node(walk: Walk) -> None:
    page = walk.page
    page.click("nav.topnav >> text=产业链图谱")
    expect(page.locator("#tree-chart canvas")).to_be_visible()
    page.click('#node-list a.node-link[data-code="U.HYD"]')
    panel = page.locator("#node-panel")
    expect(panel.locator("h2")).to_contain_text("液压系统")
    expect(panel.locator(".panel-firms li").first).to_be_visible()
    expect(panel).to_contain_text("在企业名录中查看全部")
    walk.shot("07-chain")


def open_the_gap_ranking(walk: Walk) -> None:
    page = walk.page
    page.click("nav.topnav >> text=补链缺口")
    expect(page).to_have_url(walk.server + "/chain/gaps")
    expect(page.locator("#gap-chart canvas")).to_be_visible()
    expect(page.locator("#gap-table td.node-cell").first).to_be_visible()
    expect(page.locator(".downloads a.chip").first).to_have_attribute("href", re.compile(r"format=csv"))
    walk.shot("09-gaps")


def targets_with_a_foreign_maker(walk: Walk) -> str:
    """Open the targets of the key-technology hydraulics gaps, best first, until one lists a maker abroad."""
    page = walk.page
    cells = page.locator('#gap-table td.node-cell[data-key="true"][data-code^="U.HYD"]')
    codes = cells.evaluate_all("cells => cells.map(cell => cell.dataset.code)")
    assert codes, "no key-technology hydraulics gap"
    for code in codes:
        page.goto(f"{walk.server}/chain/nodes/{code}/targets")
        expect(page.locator("#node-metrics")).to_be_visible()
        if page.locator('#target-table td.firm-cell[data-region="abroad"]').count():
            return str(code)
    raise AssertionError(f"no foreign maker among the targets of {codes}")


def attract_a_foreign_hydraulics_maker(walk: Walk) -> None:
    page = walk.page
    code = targets_with_a_foreign_maker(walk)
    foreign = page.locator("#target-table tbody tr", has=page.locator('td[data-region="abroad"]')).first
    firm = foreign.locator("td.firm-cell").get_attribute("data-firm")
    walk.shot("10-targets")
    foreign.locator("a.try-attract").click()
    expect(page.locator("input[name=attract_firm]")).to_have_value(str(firm))
    page.click("#evaluate")
    headline = page.locator("#headline")
    expect(headline).to_be_visible()
    before, after = (float(str(headline.get_attribute(f"data-{end}")).rstrip("%")) for end in ("before", "after"))
    assert after > before, (code, firm, before, after)
    expect(page.locator("#change-table")).to_contain_text("本地配套率（按金额）")
    expect(page.locator("#rate-chart canvas")).to_be_visible()
    walk.shot("11-what-if")


def upload_a_file_with_a_bad_credit_code(walk: Walk, upload: Path) -> None:
    page = walk.page
    page.click("nav.topnav >> text=导入")
    page.set_input_files("input[type=file]", str(upload))
    expect(page.locator("#chosen-files")).to_have_text("enterprises.csv")
    page.click("form.upload button[type=submit]")
    report = page.locator("#problem-table")
    expect(report).to_contain_text("unified_code")
    expect(report).to_contain_text(BAD_CODE)
    expect(report.locator("tbody tr")).to_have_count(1)
    expect(page.locator(".alert.error")).to_contain_text("未写入任何数据")
    walk.shot("08-import-report")


def bad_upload(folder: Path) -> Path:
    """Write an enterprises.csv whose second firm has a credit code with a wrong check character."""
    folder.mkdir()
    firm = {"id": "T002", "name_zh": "测试二号", "country": "CN", "unified_code": BAD_CODE, "source": "synthetic"}
    path = folder / "enterprises.csv"
    path.write_bytes(enterprise_csv({**firm, "id": "T001", "unified_code": VALID_CODE}, firm))
    return path


def test_a_walk_through_the_product(server: str, tmp_path: Path) -> None:
    with walk_in_browser(server) as walk:
        overview_in_both_languages(walk)
        sign_in_on_the_way_to_the_registry(walk)
        search_and_open_the_firm_and_its_suppliers(walk)
        click_a_chain_node(walk)
        upload_a_file_with_a_bad_credit_code(walk, bad_upload(tmp_path / "upload"))
        open_the_gap_ranking(walk)
        attract_a_foreign_hydraulics_maker(walk)
    expected = "status of 422"  # the import report page itself answers 422 (invalid input), as it should
    assert [text for text in walk.errors if expected not in text] == [], f"the browser reported errors: {walk.errors}"
