"""The fair in a real browser: generate the demo fair's schedule, watch its progress, open the grid and an agenda."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from tests.web.browser import walk_in_browser
from tests.web.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_generate_the_schedule_and_open_an_agenda(server: str) -> None:
    with walk_in_browser(server) as walk:
        page = walk.page
        page.goto(server + "/login?next=/fairs")
        walk.submit_sign_in("ana", PASSWORD)
        expect(page).to_have_url(server + "/fairs")
        page.click("#fair-table >> text=日程总表")
        expect(page.locator("h1")).to_contain_text("第三届长沙国际工程机械展览会")
        expect(page.locator("td.meeting")).to_have_count(0)
        page.fill("input[name=time_limit]", "10")
        page.click("#schedule-button")
        expect(page.locator("#schedule-progress")).to_be_visible()
        walk.shot("fair-01-progress")
        expect(page.locator("td.meeting").first).to_be_visible(timeout=90_000)  # the page reloads when the job is done
        expect(page.locator("#schedule-text")).to_contain_text("已完成")
        walk.shot("fair-02-grid")
        page.locator("td.meeting a").first.click()
        expect(page.locator("#agenda-table tbody tr").first).to_be_visible()
        expect(page.locator(".badge.synthetic").first).to_be_visible()
        walk.shot("fair-03-agenda")
        page.click("a.lang-switch")
        expect(page.locator("#agenda-h")).to_contain_text("Agenda")
    assert walk.errors == [], f"the browser reported errors: {walk.errors}"
