"""The scorecard page in a real browser: a chart per target drawn, a date chosen, both languages."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from tests.web.browser import walk_in_browser
from tests.web.conftest import demo_rows

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_the_scorecard_page_draws_a_chart_per_target(server: str) -> None:
    # the page shows the default cluster's scorecard: the second cluster's targets (scope cluster:<its id>) are
    # on its own one
    targets = [t for t in demo_rows("targets") if not t["scope"].startswith("cluster:")]
    with walk_in_browser(server) as walk:
        page = walk.page
        page.goto(server + "/")
        page.click("nav.topnav >> text=目标考核")
        expect(page.locator("h1")).to_have_text("目标考核")
        assert "as_of=" in page.url  # today's date, put in the address
        expect(page.locator("section.sc-card")).to_have_count(len(targets))
        with_data = sum(
            1 for card in page.locator("section.sc-card").all() if card.locator("[data-scorecard-chart]").count()
        )
        expect(page.locator("[data-scorecard-chart][data-drawn=true] canvas")).to_have_count(with_data)
        assert with_data == len(targets) - 1  # the sourced 2015 target has no observation of its metric
        expect(page.locator("#definitions")).to_contain_text("完成进度")
        walk.shot("scorecard-01-today")
        page.fill("form.inline-form input[name=as_of]", "2025-12-31")
        page.click("form.inline-form button")
        page.wait_for_url("**/scorecard?as_of=2025-12-31")
        expect(page.locator(".badge.synthetic").first).to_be_visible()
        card = page.locator("section.sc-card", has_text="全球工程机械50强品牌数")
        expect(card).to_contain_text("4.9%")  # (7 / 5)^(1/7) − 1: five ranked in the 2023 list, seven by 2030
        card.scroll_into_view_if_needed()
        walk.shot("scorecard-02-as-of-2025")
        page.click("a.lang-switch")
        expect(page.locator("h1")).to_have_text("Targets scorecard")
        expect(page.locator("#definitions")).to_contain_text("prediction interval")
        walk.shot("scorecard-03-english")
    assert walk.errors == [], f"the browser reported errors: {walk.errors}"
