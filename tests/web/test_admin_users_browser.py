"""User administration in Chromium (issue 13): an admin adds a user and sees the one-time password once, the user
signs in with it, the admin disables the user (their session stops working), enables them again and revokes a token."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest
from playwright.sync_api import Page, expect
from sqlalchemy.orm import Session
from tests.web.browser import Walk, walk_in_browser
from tests.web.conftest import PASSWORD

from chainatlas.domain.user import Role
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.users import add_user
from chainatlas.store.engine import make_engine

pytestmark = pytest.mark.browser
NEW_PASSWORD = "my-own-pass-42"


def _add_admin(db_url: str) -> None:
    engine = make_engine(db_url)
    with Session(engine) as session:
        ctx = WriteContext(actor="setup", via=Via.CLI, at=dt.datetime.now(dt.UTC))
        add_user(session, ctx, username="root", role=Role.ADMIN, password=PASSWORD)
        session.commit()
    engine.dispose()


def _add_user(walk: Walk) -> str:
    page = walk.page
    page.click("#nav-admin-users")
    expect(page.locator("h1")).to_have_text("用户管理")
    page.fill("#add-username", "xiaoli")
    page.fill("#add-display-name", "小李")
    page.select_option("#add-role", "analyst")
    page.click("#add-user button[type=submit]")
    expect(page.locator(".alert.ok")).to_contain_text("已添加用户 xiaoli")
    password = page.locator("#one-time-password").inner_text()
    walk.shot("admin-users-01-one-time-password")
    page.click("text=返回用户一览")
    expect(page.locator("#users")).to_contain_text("xiaoli")
    assert password not in page.content()
    return password


def _first_sign_in(walk: Walk, their: Page, password: str) -> None:
    their.goto(walk.server + "/login")
    their.fill("input[name=username]", "xiaoli")
    their.fill("input[name=password]", password)
    their.click("form.card button[type=submit]")
    expect(their).to_have_url(walk.server + "/account/password")
    their.fill("input[name=current_password]", password)
    their.fill("input[name=new_password]", NEW_PASSWORD)
    their.fill("input[name=confirm_password]", NEW_PASSWORD)
    their.click("form.card button[type=submit]")
    expect(their).to_have_url(walk.server + "/")
    expect(their.locator(".who")).to_have_text("xiaoli")


def _disable_and_enable(walk: Walk, their: Page) -> None:
    page = walk.page
    page.goto(walk.server + "/admin/users/xiaoli")
    page.click("#disable")
    expect(page.locator("#confirm-text")).to_contain_text("停用用户 xiaoli？")
    walk.shot("admin-users-02-confirm-disable")
    page.click("#confirm-yes")
    expect(page.locator("#user-state")).to_contain_text("已停用")
    their.reload()
    expect(their.locator(".who")).to_have_count(0)
    page.click("#enable")
    expect(page.locator("#user-state")).to_contain_text("启用")
    their.goto(walk.server + "/login")
    their.fill("input[name=username]", "xiaoli")
    their.fill("input[name=password]", NEW_PASSWORD)
    their.click("form.card button[type=submit]")
    expect(their.locator(".who")).to_have_text("xiaoli")


def _own_token(walk: Walk, their: Page) -> str:
    their.goto(walk.server + "/account/password")
    their.click("#my-tokens")
    their.fill("#create-token input[name=name]", "数据脚本")
    their.click("#create-token button[type=submit]")
    token = their.locator("#new-token").inner_text()
    assert httpx.get(walk.server + "/api/v1/tokens", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    return token


def _revoke(walk: Walk, token: str) -> None:
    page = walk.page
    page.goto(walk.server + "/admin/users/xiaoli")
    row = page.locator("#tokens tr", has_text="数据脚本")
    expect(row).to_contain_text("有效")
    row.locator("text=撤销").click()
    expect(page.locator("#confirm-text")).to_contain_text("撤销令牌“数据脚本”")
    page.click("#confirm-yes")
    expect(page.locator(".alert.ok")).to_contain_text("已撤销令牌“数据脚本”")
    expect(page.locator("#tokens tr", has_text="数据脚本")).to_contain_text("已撤销")
    walk.shot("admin-users-03-token-revoked")
    assert httpx.get(walk.server + "/api/v1/tokens", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_an_admin_adds_disables_enables_a_user_and_revokes_their_token(server: str, db_url: str) -> None:
    _add_admin(db_url)
    with walk_in_browser(server) as walk:
        walk.page.goto(server + "/login")
        walk.submit_sign_in("root", PASSWORD)
        password = _add_user(walk)
        browser = walk.page.context.browser
        assert browser is not None
        their = browser.new_context(locale="zh-CN").new_page()
        _first_sign_in(walk, their, password)
        _disable_and_enable(walk, their)
        _revoke(walk, _own_token(walk, their))
        walk.page.goto(server + "/admin/sign-ins?user=xiaoli")
        expect(walk.page.locator("#sign-ins tbody tr").first).to_contain_text("登录成功")
        assert walk.errors == []
