"""Sessions end, in Chromium (issue 11): the cookie a real browser holds is refused once the browser signs out,
and the password page offers to keep the API tokens."""

from __future__ import annotations

import base64
import json

import httpx
import pytest
from playwright.sync_api import expect
from tests.web.browser import walk_in_browser
from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.browser


def _decoded(cookie: str) -> dict[str, str]:
    payload = cookie.split(".")[0]
    found: dict[str, str] = json.loads(base64.b64decode(payload + "=" * (-len(payload) % 4)))
    return found


def test_a_cookie_copied_from_the_browser_is_refused_after_sign_out(server: str) -> None:
    with walk_in_browser(server) as walk:
        page = walk.page
        page.goto(server + "/login?next=/enterprises")
        walk.submit_sign_in("ana", PASSWORD)
        expect(page).to_have_url(server + "/enterprises")
        cookie = next(c["value"] for c in page.context.cookies() if c["name"] == "chainatlas_session")
        assert set(_decoded(cookie)) == {"sid", "csrf"} and "ana" not in json.dumps(_decoded(cookie))
        page.click("nav.topnav >> text=修改密码")
        expect(page.locator("input[name=keep_tokens]")).not_to_be_checked()
        walk.shot("sessions-01-password-keep-tokens")
        copied = httpx.Client(base_url=server, cookies={"chainatlas_session": cookie}, follow_redirects=False)
        assert copied.get("/enterprises").status_code == 200  # the copy works while the session lives
        page.click("nav.topnav >> text=退出")
        expect(page.locator("nav.topnav")).to_contain_text("登录")
    csrf = _decoded(cookie)["csrf"]
    refused = copied.get("/enterprises")
    assert refused.status_code == 303 and refused.headers["location"].startswith("/login")
    body = {"id": "T9", "name_zh": "重放公司", "country": "CN", "source": "synthetic"}
    assert copied.post("/api/v1/enterprises", json=body, headers={"X-CSRF-Token": csrf}).status_code == 401
    assert copied.get("/api/v1/enterprises?limit=1").status_code == 401
    copied.close()
