"""The API's documentation pages in a real browser with every other host blocked: Swagger UI at /api/docs and
ReDoc at /api/redoc render the operations from the vendored files alone, and "Authorize" with an API token
makes a "Try it out" call that anonymous callers are refused succeed."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, Route
from sqlalchemy.orm import Session
from tests.web.browser import walk_in_browser

from chainatlas.services.context import Via, WriteContext
from chainatlas.services.users import create_token
from chainatlas.store.engine import make_engine

pytestmark = pytest.mark.browser
SLOW = 60_000
"""Building the OpenAPI document (130 operations) and rendering it takes seconds on a busy two-core machine."""


def block_other_hosts(page: Page, server: str) -> list[str]:
    """Abort every request that does not go to the test server; return the list the aborted URLs go to."""
    outside: list[str] = []

    def handle(route: Route) -> None:
        if route.request.url.startswith(server):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", handle)
    return outside


def analyst_token(db_url: str) -> str:
    """Return a fresh API token of the analyst `ana` (whom the server fixture adds)."""
    engine = make_engine(db_url)
    ctx = WriteContext(actor="setup", via=Via.CLI, at=dt.datetime.now(dt.UTC))
    with Session(engine) as session:
        token = create_token(session, ctx, username="ana", name="docs test")
        session.commit()
    engine.dispose()
    return token


def test_swagger_ui_renders_the_operations_offline(server: str) -> None:
    with walk_in_browser(server) as walk:
        outside = block_other_hosts(walk.page, server)
        walk.page.set_default_timeout(SLOW)
        walk.page.goto(f"{server}/api/docs")
        walk.page.wait_for_selector(".opblock-summary-path[data-path='/api/v1/tokens']")
        assert walk.page.locator(".opblock-summary-path[data-path='/api/v1/stats']").count() == 1
        assert walk.page.locator("button.authorize").count() == 1
        walk.shot("api-docs-swagger")
        assert outside == [], f"the page asked other hosts for {outside}"
        assert walk.errors == []


def test_redoc_renders_the_operations_offline(server: str) -> None:
    with walk_in_browser(server) as walk:
        outside = block_other_hosts(walk.page, server)
        walk.page.set_default_timeout(SLOW)
        walk.page.goto(f"{server}/api/redoc")
        walk.page.locator("[data-section-id^='operation/']").nth(50).wait_for(state="attached")
        assert walk.page.get_by_text("bearerToken").count() > 0  # the security scheme's section
        walk.shot("api-docs-redoc")
        assert outside == [], f"the page asked other hosts for {outside}"


def test_authorize_with_a_token_makes_try_it_out_succeed(server: str, db_url: str) -> None:
    token = analyst_token(db_url)
    with walk_in_browser(server) as walk:
        page = walk.page
        page.set_default_timeout(SLOW)
        block_other_hosts(page, server)
        sent: list[str | None] = []
        page.on(
            "request",
            lambda request: (
                sent.append(request.headers.get("authorization")) if request.url.endswith("/api/v1/tokens") else None
            ),
        )
        page.goto(f"{server}/api/docs")
        page.click("button.authorize")
        page.fill(".auth-container input[type=text], .auth-container input[type=password]", token)
        page.locator(".auth-container").first.locator("button.authorize").click()
        page.click("button.btn-done")
        operation = page.locator(".opblock-get").filter(
            has=page.locator(".opblock-summary-path[data-path='/api/v1/tokens']")
        )
        operation.locator(".opblock-summary").click()
        operation.locator("button.try-out__btn").click()
        operation.locator("button.execute").click()
        status = operation.locator(".live-responses-table .response .response-col_status").first
        status.wait_for()
        assert status.inner_text().strip().startswith("200")
        assert sent == [f"Bearer {token}"]
        walk.shot("api-docs-try-it-out")
