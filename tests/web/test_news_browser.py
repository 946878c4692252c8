"""The news pages in a real browser (Debian's Chromium through Playwright), in Chinese and in English: the menu
entry, the list filtered to disruptions, an article with its linked names highlighted, the enterprise page's news,
and a name of the review queue merged as an alias. Screenshots go to test-output/screenshots/."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect
from sqlalchemy.orm import Session
from tests.news_cases import DISRUPTION
from tests.web.browser import Walk, walk_in_browser
from tests.web.conftest import PASSWORD

from chainatlas.domain.article import Document
from chainatlas.domain.user import Role, User
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.news import ingest_documents
from chainatlas.store.engine import make_engine
from chainatlas.store.news_queue import ProposalRepository

pytestmark = pytest.mark.browser
ROOT = User(id=0, username="setup", role=Role.ADMIN)
OLD_FIRE = DISRUPTION.replace("2026年", "2020年")


def seed_news(db_url: str) -> None:
    engine = make_engine(db_url)
    ctx = WriteContext("setup", Via.CLI, dt.datetime.now(dt.UTC))
    docs = [
        Document(text=OLD_FIRE, id="fire", title="山河智能厂房火灾", published=dt.date(2020, 3, 2), source="test:fire"),
        Document(
            text="三一重工在长沙发布新款电动挖掘机，面向海外市场。",
            id="sany",
            published=dt.date(2026, 3, 1),
            source="test:sany",
        ),
    ]
    with Session(engine) as session:
        ingest_documents(session, ROOT, ctx, docs, today=dt.date(2026, 3, 6))
        ProposalRepository(session).seen(["湖南恒通液压有限公司"], None)
        session.commit()
    engine.dispose()


def read_in_chinese(walk: Walk) -> None:
    page = walk.page
    page.goto(walk.server + "/login?next=/news")
    walk.submit_sign_in("ana", PASSWORD)
    expect(page.locator("h1")).to_have_text("新闻与政策情报")
    expect(page.locator("nav.topnav a[aria-current=page]")).to_have_text("情报")
    page.select_option("#news-filters select[name=disruption]", "yes")
    page.click("#news-filters button[type=submit]")
    expect(page.locator("#article-table tbody tr")).to_have_count(1)
    walk.shot("n01-news-disruptions-zh")
    page.click("#article-table tbody tr a[href^='/news/']")
    mark = page.locator("#article-text mark.enterprise").first
    expect(mark).to_have_text("山河智能")
    assert mark.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)", "not highlighted"
    expect(page.locator("#article-disruption")).to_have_text("火灾")
    walk.shot("n02-article-zh")
    mark.locator("a").click()
    expect(page).to_have_url(walk.server + "/enterprises/E0004")
    expect(page.locator("#news-section li")).to_have_count(1)


def read_in_english_and_review(walk: Walk) -> None:
    page = walk.page
    page.click("a.lang-switch")
    expect(page.locator("#news-section-h")).to_have_text("News")
    page.goto(walk.server + "/news")
    expect(page.locator("h1")).to_have_text("News and policy")
    expect(page.locator("#article-table tbody tr")).to_have_count(2)
    page.goto(walk.server + "/news/review")
    expect(page.locator("h1")).to_have_text("Proposed organisation names")
    row = page.locator("#proposal-table tbody tr").first
    row.locator("input[name=target_id]").fill("E0004")
    row.locator("form[action$='/merge'] button").click()
    expect(page.locator("#proposal-table tbody tr td.empty")).to_be_visible()
    walk.shot("n03-review-en")
    page.goto(walk.server + "/records/enterprises/E0004")
    expect(page.get_by_text("湖南恒通液压有限公司").first).to_be_visible()


def test_news_pages_in_the_browser(server: str, db_url: str) -> None:
    seed_news(db_url)
    with walk_in_browser(server) as walk:
        read_in_chinese(walk)
        read_in_english_and_review(walk)
    assert walk.errors == [], f"the browser reported errors: {walk.errors}"
