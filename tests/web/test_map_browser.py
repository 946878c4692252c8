"""The map page in a real browser: drawn in Chinese and English, usable at 390 px, a firm opened by a click."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from tests.web.browser import walk_in_browser
from tests.web.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.slow]
WIDTH = "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"


def test_the_map_draws_in_both_languages_and_at_phone_width(server: str) -> None:
    with walk_in_browser(server) as walk:
        page = walk.page
        page.goto(server + "/login")
        walk.submit_sign_in("ana", PASSWORD)
        page.wait_for_url(server + "/")
        page.click("nav.topnav >> text=产业地图")
        expect(page.locator("h1")).to_have_text("产业地图")
        expect(page.locator("#industry-map[data-drawn=true] canvas").first).to_be_visible()
        expect(page.locator("#map-unplaced")).to_contain_text("三一重工")
        walk.shot("map-01-zh")
        page.click("a.lang-switch")
        expect(page.locator("h1")).to_have_text("Industry map")
        expect(page.locator("#industry-map[data-drawn=true] canvas").first).to_be_visible()
        walk.shot("map-02-en")
        page.set_viewport_size({"width": 390, "height": 844})
        page.reload()
        expect(page.locator("#industry-map[data-drawn=true] canvas").first).to_be_visible()
        scroll, client = page.evaluate(WIDTH)
        wide = page.evaluate(
            "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 392 && !e.closest('.table-wrap')).map(e => e.tagName + '.' + e.className + '#' + e.id).slice(0, 12)"
        )
        assert scroll <= client, f"the map page scrolls sideways at 390 px: {scroll} > {client} {wide}"
        box = page.locator("#industry-map").bounding_box()
        assert box is not None and box["width"] <= 390 and box["height"] >= 300
        walk.shot("map-03-phone")
        with page.expect_download() as download:
            page.click("[data-map-download=svg]")
        assert download.value.suggested_filename == "map.svg"
    assert walk.errors == [], f"the browser reported errors: {walk.errors}"
