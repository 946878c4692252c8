"""The change history page in a real browser (Debian's Chromium through Playwright): filter the changes, see a
change's before and after side by side, revert it as an admin, open the demo import's batch to its files and
checksums, and see a batch revert refused with its reason. Screenshots go to test-output/screenshots/.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from playwright.sync_api import expect
from sqlalchemy.orm import Session
from tests.web.browser import Walk, walk_in_browser
from tests.web.conftest import PASSWORD

from chainatlas.cli.registry import demo_dir
from chainatlas.domain.user import Role
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.records import update_record
from chainatlas.services.users import add_user
from chainatlas.store.engine import make_engine

pytestmark = pytest.mark.browser


def seed_a_change(db_url: str) -> None:
    """Add the admin `root`; ana moves Sany (E0001) from 长沙市 to 株洲市 through the web."""
    engine = make_engine(db_url)
    now = dt.datetime.now(dt.UTC)
    with Session(engine) as session:
        add_user(session, WriteContext("setup", Via.CLI, now), username="root", role=Role.ADMIN, password=PASSWORD)
        ctx = WriteContext("ana", Via.WEB, now)
        update_record(session, ctx, kind="enterprises", key=("E0001",), changes={"city": "株洲市"})
        session.commit()
    engine.dispose()


def filter_and_open_the_change(walk: Walk) -> None:
    page = walk.page
    page.goto(walk.server + "/login?next=/history")
    walk.submit_sign_in("root", PASSWORD)
    expect(page.locator("h1")).to_have_text("变更记录")
    expect(page.locator("nav.topnav a[href='/history']")).to_have_text("变更记录")
    page.select_option("#history-filter select[name=kind]", "enterprises")
    page.fill("#history-filter input[name=user]", "ana")
    page.select_option("#history-filter select[name=source]", "web")
    page.click("#history-filter button[type=submit]")
    rows = page.locator("#change-table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("E0001")
    expect(rows.first).to_contain_text("网页")
    walk.shot("h01-history-filtered")
    rows.first.locator("a").first.click()
    city = page.locator("#diff-table tr", has=page.locator("th[data-field=city]"))
    expect(city.locator("td.changed.before")).to_have_text("长沙市")
    expect(city.locator("td.changed.after")).to_have_text("株洲市")
    expect(city.locator("th")).to_contain_text("市")
    expect(page.locator("#diff-table td.changed")).to_have_count(2)  # city before and after, nothing else
    walk.shot("h02-change-side-by-side")


def revert_the_change(walk: Walk) -> None:
    page = walk.page
    page.click("#revert-form button[type=submit]")
    expect(page.locator("#revert-done")).to_contain_text("已撤销")
    expect(page.locator("#reverted-by")).to_be_visible()
    page.locator("#reverted-by").click()
    city = page.locator("#diff-table tr", has=page.locator("th[data-field=city]"))
    expect(city.locator("td.changed.after")).to_have_text("长沙市")
    walk.shot("h03-revert-recorded")


def open_the_import_batch(walk: Walk) -> None:
    page = walk.page
    page.goto(walk.server + "/history")
    page.locator("#batch-table a").last.click()  # the oldest shown: the demo import
    row = page.locator("#file-table tr", has_text="enterprises.csv")
    digest = hashlib.sha256((demo_dir() / "enterprises.csv").read_bytes()).hexdigest()
    expect(row.locator("code.checksum")).to_have_text(digest)
    expect(page.locator("#added-h")).to_be_visible()
    walk.shot("h04-import-batch")
    page.click("#revert-batch-form button[type=submit]")
    expect(page.locator("#revert-refused")).to_contain_text("不能撤销：之后还有变更")
    walk.shot("h05-batch-revert-refused")


def test_history_page_in_the_browser(server: str, db_url: str) -> None:
    seed_a_change(db_url)
    with walk_in_browser(server) as walk:
        filter_and_open_the_change(walk)
        revert_the_change(walk)
        open_the_import_batch(walk)
    refused = "Failed to load resource: the server responded with a status of 409 (Conflict)"
    assert walk.errors == [refused], f"the browser reported errors: {walk.errors}"  # the refused revert answers 409
