"""The resilience pages in a real browser over the demo data: the what-if form (a country stops), its graph of
what fails, a site's supply graph, and the ranked table with its scatter once the background analysis is done.
Screenshots go to test-output/screenshots/ (resilience-*.png)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from tests.web.browser import Walk, walk_in_browser
from tests.web.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def sign_in(walk: Walk) -> None:
    page = walk.page
    page.goto(walk.server + "/resilience/what-if")
    expect(page).to_have_url(walk.server + "/login?next=/resilience/what-if")
    walk.submit_sign_in("ana", PASSWORD)
    expect(page).to_have_url(walk.server + "/resilience/what-if")


def germany_stops(walk: Walk) -> str:
    page = walk.page
    page.check("input[name=by][value=country]")
    page.select_option("#whatif-country", "DE")
    page.click("#whatif-run")
    expect(page.locator("#whatif-result")).to_be_visible()
    expect(page.locator("#whatif-graph canvas")).to_be_visible()
    expect(page.locator("#whatif-graph")).to_have_attribute("data-drawn", "true")
    stopped = page.locator("#stopped-list li")
    assert stopped.count() > 0 and int(page.locator("#result-stopped").inner_text()) == stopped.count()
    assert page.locator("#result-loss").inner_text().endswith("元")
    walk.shot("resilience-1-what-if-germany")
    first = stopped.first.get_attribute("data-id")
    assert first
    return first


def open_a_site(walk: Walk, site: str) -> None:
    page = walk.page
    page.click(f"#stopped-list li[data-id='{site}'] a")
    expect(page).to_have_url(walk.server + f"/resilience/nodes/{site}")
    expect(page.locator("#supply-graph canvas")).to_be_visible()
    expect(page.locator("#supply-graph")).to_have_attribute("data-drawn", "true")
    walk.shot("resilience-2-site-graph")


def ranked_table(walk: Walk) -> None:
    page = walk.page
    page.click("nav.topnav >> text=供应链韧性")
    expect(page.locator("#exposure-table")).to_be_visible(timeout=120_000)  # reloads itself while analysing
    expect(page.locator("#ttr-chart canvas")).to_be_visible()
    expect(page.locator("#exposure-table .badge.synthetic").first).to_be_visible()
    walk.shot("resilience-3-exposure-ranking")


def test_what_if_graph_and_ranking_in_a_browser(server: str) -> None:
    with walk_in_browser(server) as walk:
        sign_in(walk)
        open_a_site(walk, germany_stops(walk))
        ranked_table(walk)
    assert walk.errors == [], f"the browser reported errors: {walk.errors}"
