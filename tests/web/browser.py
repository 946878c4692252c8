"""A real browser for the page tests: Debian's Chromium driven by Playwright (installed by
`scripts/install-browser.sh`, which `make test` runs first). A missing browser fails the test rather than
skipping it, so a green run cannot hide a missing install step."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"


class Walk:
    """One visitor's tab: steps call `shot` after each stop, console errors are collected."""

    def __init__(self, page: Page, server: str) -> None:
        self.page, self.server = page, server
        self.errors: list[str] = []
        page.set_default_timeout(15_000)
        page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def submit_sign_in(self, username: str, password: str) -> None:
        """Fill in and send the sign-in form of the page the tab is on."""
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", password)
        self.page.click("form.card button[type=submit]")

    def shot(self, name: str) -> None:
        """Save a full-page screenshot of the current page."""
        self.page.wait_for_load_state("networkidle")
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@contextmanager
def walk_in_browser(server: str) -> Iterator[Walk]:
    """Open a Chinese-locale tab on `server` in headless Chromium; close the browser afterwards."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/install-browser.sh (make test does)")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
            yield Walk(context.new_page(), server)
        finally:
            browser.close()
