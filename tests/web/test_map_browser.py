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
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(server + "/map")
        expect(page.locator("#industry-map[data-drawn=true] canvas").first).to_be_visible()
        page.click("[data-map-pick]")
        page.locator("#industry-map").click()  # the middle of the map: inside Changsha
        longitude = float(page.input_value("#place-form [name=longitude]"))
        latitude = float(page.input_value("#place-form [name=latitude]"))
        assert 111.8 < longitude < 114.3 and 27.8 < latitude < 28.7  # Changsha's extent, by hand
        page.select_option("#place-form [name=enterprise_id]", "E0001")
        page.click("#place-form button[type=submit]")
        expect(page.locator("p.notice")).to_have_text("The firm's place was updated.")
        expect(page.locator("#map-unplaced .unplaced-list")).not_to_contain_text("Sany")
        expect(page.locator("#map-unplaced .unplaced-list")).to_contain_text("Zoomlion")
        walk.shot("map-04-placed")
    assert walk.errors == [], f"the browser reported errors: {walk.errors}"
