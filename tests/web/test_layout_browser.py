"""The layout at phone and desktop widths in a real browser: at 390 px no page of the walk scrolls sideways, none
shows text of the other language once its scripts have run, and the menu button opens the menu; at 1280 px every
menu label stays on one line."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import Page, expect, sync_playwright
from tests.web.browser import CHROMIUM, CHROMIUM_ARGS, SHOTS
from tests.web.conftest import PASSWORD
from tests.web.language import foreign_text
from tests.web.walk import PAGES, WALKER, add_walker

from chainatlas.store.engine import make_engine

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
ENGLISH_PAGES = ("/", "/enterprises", "/enterprises/E0001", "/chain/gaps", "/scorecard", "/resilience")
WIDTH = "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
TALL_LABELS = """() => [...document.querySelectorAll('.nav-links a, .nav-right > a, .nav-right button')]
  .filter(a => a.getBoundingClientRect().height >= 1.5 * parseFloat(getComputedStyle(a).lineHeight)
    + parseFloat(getComputedStyle(a).paddingTop) + parseFloat(getComputedStyle(a).paddingBottom))
  .map(a => a.textContent.trim())"""


def sign_in(page: Page, server: str) -> None:
    """Sign the walking administrator in through the sign-in form."""
    page.goto(server + "/login")
    page.fill("input[name=username]", WALKER)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.card button[type=submit]")
    page.wait_for_url(server + "/")


def visit(page: Page, url: str, limit: float = 120.0) -> None:
    """Open a page, waiting out a background analysis (202 with a refresh) until the page itself is shown."""
    deadline = time.monotonic() + limit
    response = page.goto(url)
    while response is not None and response.status == 202 and time.monotonic() < deadline:
        time.sleep(0.5)
        response = page.goto(url)
    page.wait_for_load_state("load")


def walk_pages(page: Page, server: str, paths: tuple[str, ...], lang: str) -> dict[str, object]:
    """Return what is wrong with the pages (of paths) as the browser shows them: wider than the screen (scroll and
    screen widths), or text in the other language once the scripts have run."""
    wrong: dict[str, object] = {}
    for path in paths:
        visit(page, server + path)
        page.wait_for_timeout(150)  # charts size themselves after load
        scroll, screen = page.evaluate(WIDTH)
        if scroll > screen:
            wrong[path] = (scroll, screen)
        if foreign := foreign_text(page.content(), lang):
            wrong[f"{path} ({lang})"] = foreign
    return wrong


def test_no_page_is_wider_than_a_phone_nor_in_two_languages_and_the_menu_button_opens_the_menu(
    server: str, db_url: str
) -> None:
    engine = make_engine(db_url)
    add_walker(engine)
    engine.dispose()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(locale="zh-CN", viewport=PHONE, device_scale_factor=1, is_mobile=True)
            page = context.new_page()
            sign_in(page, server)
            links = page.locator(".nav-links a").first
            expect(links).to_be_hidden()
            page.click(".menu-button")
            expect(links).to_be_visible()
            expect(page.locator(".menu-button")).to_have_attribute("aria-expanded", "true")
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / "phone-menu-open.png"))
            assert walk_pages(page, server, PAGES, "zh") == {}
            context.add_cookies([{"name": "lang", "value": "en", "url": server}])
            assert walk_pages(page, server, ENGLISH_PAGES, "en") == {}
        finally:
            browser.close()


def test_menu_labels_stay_on_one_line_at_desktop_width(server: str, db_url: str) -> None:
    engine = make_engine(db_url)
    add_walker(engine)
    engine.dispose()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(locale="zh-CN", viewport=DESKTOP)
            page = context.new_page()
            sign_in(page, server)
            expect(page.locator(".menu-button")).to_be_hidden()
            for lang in ("zh", "en"):
                context.add_cookies([{"name": "lang", "value": lang, "url": server}])
                visit(page, server + "/enterprises")
                page.screenshot(path=str(SHOTS / f"desktop-menu-{lang}.png"))
                assert page.evaluate(TALL_LABELS) == [], lang
                scroll, screen = page.evaluate(WIDTH)
                assert scroll <= screen, lang
        finally:
            browser.close()
