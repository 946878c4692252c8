"""The news pages over the demo data: who may open them, the list and its filters, an article with its linked
names highlighted in the original text, the news sections of enterprise and project pages, the review queue's
forms (each decision in the change history), and every page in one language."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from tests.news_cases import DISRUPTION
from tests.web.conftest import Pages
from tests.web.language import foreign_text
from tests.web.walk import add_walker, csrf, sign_in

from chainatlas.domain.article import Document
from chainatlas.domain.user import Role, User
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.news import ingest_documents
from chainatlas.store.news_queue import ProposalRepository
from chainatlas.store.rows import ChangeRow

ROOT = User(id=0, username="setup", role=Role.ADMIN)
CTX = WriteContext(actor="setup", via=Via.CLI, at=dt.datetime(2026, 3, 6, tzinfo=dt.UTC))
PROJECT_NEWS = "中联智慧产业城首台挖掘机下线，项目总投资超过100亿元。"
OLD_FIRE = DISRUPTION.replace("2026年", "2020年")
"""An old fire (2020) at 山河智能: shown as a disruption, too old to raise an alert (no resilience run needed)."""


def seed_news(pages: Pages) -> dict[str, int]:
    docs = [
        Document(text=OLD_FIRE, id="fire", title="山河智能厂房火灾", published=dt.date(2020, 3, 2), source="test:fire"),
        Document(text=PROJECT_NEWS, id="p01", published=dt.date(2026, 3, 1), source="test:p01"),
    ]
    with Session(pages.engine) as session:
        report = ingest_documents(session, ROOT, CTX, docs, today=dt.date(2026, 3, 6))
        repo = ProposalRepository(session)
        repo.seen(["长沙新机构研究院", "湖南恒通液压有限公司", "某某公司"], report.items[0].article_id)
        session.commit()
    return {"fire": report.items[0].article_id, "p01": report.items[1].article_id}


def test_anonymous_visitors_are_sent_to_sign_in(pages: Pages) -> None:
    for path in ("/news", "/news/1", "/news/review"):
        response = pages.client.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/login"), path


def test_an_article_shows_its_linked_names_in_the_original_text(pages: Pages) -> None:
    ids = seed_news(pages)
    pages.login("vic")
    html = pages.client.get(f"/news/{ids['fire']}").text
    assert '<mark class="enterprise" title="山河智能"><a href="/enterprises/E0004">山河智能</a></mark>' in html
    assert 'id="article-disruption"' in html and "火灾" in html
    html = pages.client.get(f"/news/{ids['p01']}").text
    assert re.search(r'<mark class="project"[^>]*><a href="/projects/P01">中联智慧产业城</a></mark>', html)


def test_the_list_filters_and_the_menu_entry(pages: Pages) -> None:
    ids = seed_news(pages)
    pages.login("vic")
    everything = pages.client.get("/news").text
    assert 'href="/news" aria-current="page"' in everything
    assert f'href="/news/{ids["fire"]}"' in everything and f'href="/news/{ids["p01"]}"' in everything
    only = pages.client.get("/news?disruption=yes").text
    assert f'href="/news/{ids["fire"]}"' in only and f'href="/news/{ids["p01"]}"' not in only
    by_firm = pages.client.get("/news?enterprise=E0004").text
    assert f'href="/news/{ids["fire"]}"' in by_firm and f'href="/news/{ids["p01"]}"' not in by_firm
    by_project = pages.client.get("/news?project=P01&date_from=2026-01-01").text
    assert f'href="/news/{ids["p01"]}"' in by_project and f'href="/news/{ids["fire"]}"' not in by_project
    refused = pages.client.get("/news?topic=weather")
    assert refused.status_code == 400 and "未知主题" in refused.text


def test_enterprise_and_project_pages_gain_their_news(pages: Pages) -> None:
    ids = seed_news(pages)
    pages.login("vic")
    firm = pages.client.get("/enterprises/E0004").text
    assert 'id="news-section"' in firm and f'href="/news/{ids["fire"]}"' in firm
    project = pages.client.get("/projects/P01?as_of=2026-03-06").text
    assert 'id="news-section"' in project and f'href="/news/{ids["p01"]}"' in project
    assert f'href="/news/{ids["p01"]}"' not in pages.client.get("/enterprises/E0004").text


def test_review_forms_decide_and_record(pages: Pages) -> None:
    seed_news(pages)
    pages.login("ana")
    with Session(pages.engine) as session:
        proposals = {p.name: p.id for p in ProposalRepository(session).listing(["pending"])}
    token = pages.csrf("/news/review")
    posts = [
        (
            f"/news/review/{proposals['长沙新机构研究院']}/accept",
            {"as_kind": "organisation", "record_id": "O-N1", "org_type": "institute"},
        ),
        (
            f"/news/review/{proposals['湖南恒通液压有限公司']}/merge",
            {"target_kind": "enterprises", "target_id": "E0004"},
        ),
        (f"/news/review/{proposals['某某公司']}/reject", {}),
    ]
    for path, form in posts:
        answer = pages.client.post(path, data={**form, "csrf_token": token}, follow_redirects=False)
        assert (answer.status_code, answer.headers["location"]) == (303, "/news/review"), path
    again = pages.client.post(posts[2][0], data={"csrf_token": token}, follow_redirects=False)
    assert again.headers["location"].startswith("/news/review?refused=")
    with Session(pages.engine) as session:
        kinds = [
            c.kind for c in session.scalars(select(ChangeRow).where(ChangeRow.via == "web").order_by(ChangeRow.id))
        ]
    assert kinds == ["organisations", "news_proposals", "enterprises", "news_proposals", "news_proposals"]
    assert "湖南恒通液压有限公司" in pages.client.get("/records/enterprises/E0004").text
    refused = pages.client.post(posts[0][0], data={**posts[0][1], "csrf_token": "forged"}, follow_redirects=False)
    assert refused.status_code in (400, 403)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_news_page_is_in_one_language(pages: Pages, lang: str) -> None:
    ids = seed_news(pages)
    add_walker(pages.engine)
    sign_in(pages.client)
    pages.client.cookies.set("lang", lang)
    paths = [
        "/news",
        "/news?disruption=yes",
        f"/news/{ids['fire']}",
        f"/news/{ids['p01']}",
        "/news/review",
        "/enterprises/E0004",
        "/projects/P01?as_of=2026-03-06",
        "/alerts?rule=news_disruption",
    ]
    found = {path: foreign_text(pages.client.get(path).text, lang) for path in paths}
    assert not any(found.values()), {p: f for p, f in found.items() if f}
    assert csrf(pages.client, "/news/review")


def test_accepting_under_an_id_that_exists_says_so_not_already_decided(pages: Pages) -> None:
    seed_news(pages)
    pages.login("ana")
    with Session(pages.engine) as session:
        proposal = ProposalRepository(session).listing(["pending"])[0]
    token = pages.csrf("/news/review")
    form = {"as_kind": "enterprise", "record_id": "E0001", "org_type": "other", "csrf_token": token}
    answer = pages.client.post(f"/news/review/{proposal.id}/accept", data=form, follow_redirects=False)
    assert answer.status_code == 409, answer.text[-300:]
    assert "E0001" in answer.text and "已有人处理" not in answer.text
    with Session(pages.engine) as session:  # nothing decided: the name is still pending
        assert proposal.id in {p.id for p in ProposalRepository(session).listing(["pending"])}
