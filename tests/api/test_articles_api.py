"""The news API: articles with filters and keyset paging, one article with its offsets into the original text,
the review queue's decisions, and who may do what."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from tests.api.conftest import Api

from chainatlas.domain.article import Document
from chainatlas.domain.user import Role, User
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.news import ingest_documents
from chainatlas.store.news_queue import ProposalRepository

ROOT = User(id=0, username="setup", role=Role.ADMIN)
CTX = WriteContext(actor="setup", via=Via.CLI, at=dt.datetime(2026, 3, 6, tzinfo=dt.UTC))
DAYS = [dt.date(2026, 3, d) for d in (1, 2, 2, 3, 5)]


@pytest.fixture
def stored(api: Api, engine: Engine) -> list[int]:
    """Five articles on four days (two on 2 March), one with a made-up topic word, and one proposed name."""
    texts = [f"第{n}篇：长沙工程机械新闻，内容各不相同的第{n}号报道{'甲乙丙丁戊'[n] * 30}。" for n in range(5)]
    docs = [
        Document(text=t, id=f"d{n}", published=day, source=f"test:{n}")
        for n, (t, day) in enumerate(zip(texts, DAYS, strict=True))
    ]
    with Session(engine) as session:
        report = ingest_documents(session, ROOT, CTX, docs, today=dt.date(2026, 3, 6))
        ProposalRepository(session).seen(["长沙新机构研究院"], report.items[0].article_id)
        session.commit()
    return [i.article_id for i in report.items]


def pages(api: Api, query: str, who: str = "vic") -> list[dict[str, Any]]:
    found, after = [], ""
    for _ in range(10):
        answer = api.client.get(f"/api/v1/articles?{query}{after}", headers=api.headers[who])
        assert answer.status_code == 200, answer.text
        body = answer.json()
        found.append(body)
        if body["next"] is None:
            return found
        after = f"&after={body['next']}"
    raise AssertionError("more pages than articles")


def test_keyset_pages_walk_every_article_newest_first_once(api: Api, stored: list[int]) -> None:
    walked = pages(api, "limit=2")
    ids = [a["id"] for page in walked for a in page["items"]]
    assert [len(p["items"]) for p in walked] == [2, 2, 1]
    # newest day first, and on one day the later id first: 5 Mar, 3 Mar, 2 Mar (id 3, then 2), 1 Mar
    assert ids == [stored[4], stored[3], stored[2], stored[1], stored[0]]


def test_filters_by_date_and_disruption(api: Api, stored: list[int]) -> None:
    [page] = pages(api, "date_from=2026-03-02&date_to=2026-03-03")
    assert [a["id"] for a in page["items"]] == [stored[3], stored[2], stored[1]]
    [page] = pages(api, "disruption=true")
    assert page["items"] == []
    [page] = pages(api, "disruption=false&limit=200")
    assert len(page["items"]) == 5


def test_bad_filters_are_named(api: Api, stored: list[int]) -> None:
    answer = api.client.get("/api/v1/articles?topic=weather", headers=api.headers["vic"])
    assert answer.status_code == 422 and "topic" in answer.text
    answer = api.client.get("/api/v1/articles?after=bm90LWEtY3Vyc29y", headers=api.headers["vic"])
    assert answer.status_code == 422 and "after" in answer.text
    answer = api.client.get("/api/v1/articles?date_from=2026-03-05&date_to=2026-03-01", headers=api.headers["vic"])
    assert answer.status_code == 422 and "date_from" in answer.text


def test_an_article_gives_its_original_text_and_offsets(api: Api, stored: list[int]) -> None:
    answer = api.client.get(f"/api/v1/articles/{stored[0]}", headers=api.headers["mem"])
    assert answer.status_code == 200
    body = answer.json()
    assert body["text_original"].startswith("第0篇")
    for found in body["extraction"]["dates"] + body["extraction"]["organisations"]:
        assert body["text_original"][found["start"] : found["end"]] == found["mention"]
    assert api.client.get("/api/v1/articles/999999", headers=api.headers["vic"]).status_code == 404


def test_anonymous_visitors_read_nothing_and_viewers_decide_nothing(api: Api, stored: list[int]) -> None:
    assert api.client.get("/api/v1/articles").status_code == 401
    assert api.client.get(f"/api/v1/articles/{stored[0]}").status_code == 401
    [proposal] = api.client.get("/api/v1/articles/proposals", headers=api.headers["vic"]).json()
    refused = api.client.post(f"/api/v1/articles/proposals/{proposal['id']}/reject", headers=api.headers["vic"])
    assert refused.status_code == 403
    done = api.client.post(
        f"/api/v1/articles/proposals/{proposal['id']}/accept",
        headers=api.headers["ana"],
        json={"as": "organisation", "id": "O-NEW", "type": "institute"},
    )
    assert done.status_code == 200, done.text
    assert (done.json()["state"], done.json()["decision"]) == (
        "accepted",
        {"as": "organisation", "record": "organisations/O-NEW"},
    )
    again = api.client.post(f"/api/v1/articles/proposals/{proposal['id']}/reject", headers=api.headers["ana"])
    assert again.status_code == 409
    organisation = api.client.get("/api/v1/organisations/O-NEW", headers=api.headers["vic"]).json()
    assert organisation["name_zh"] == "长沙新机构研究院"
