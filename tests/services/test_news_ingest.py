"""News ingest on a real database (SQLite, then PostgreSQL): the same document twice is one article and changes
nothing; reposts of a corpus story are grouped as one story; a disruption at a supplier of the demo graph raises
an alert that the daily evaluation keeps open until it is acknowledged or its event is old."""

from __future__ import annotations

import datetime as dt
import json
import os
from typing import Any

import opencc
import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from tests.news_cases import DISRUPTION
from tests.shared_data import shared
from tests.web.conftest import seed_demo

from chainatlas.domain.alert import AlertRule, AlertState
from chainatlas.domain.article import ArticleFilter, Document, IngestOutcome
from chainatlas.domain.user import Role, User
from chainatlas.services.alerts import acknowledge_alert, evaluate_alerts, list_alerts
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.errors import NotAllowed
from chainatlas.services.news import get_article, ingest_documents, list_articles
from chainatlas.services.resilience_analysis import node_result
from chainatlas.store.history import concern_versions
from chainatlas.store.rows import (
    AlertRow,
    ArticleLinkRow,
    ArticleRow,
    ChangeBatchRow,
    ChangeRow,
    NewsProposalRow,
)

ANA = User(id=1, username="ana", role=Role.ANALYST)
VIC = User(id=2, username="vic", role=Role.VIEWER)
CTX = WriteContext(actor="ana", via=Via.CLI, at=dt.datetime(2026, 3, 3, 9, tzinfo=dt.UTC))
CORPUS = shared("news-changsha")
needs_corpus = pytest.mark.skipif(
    not CORPUS.is_dir() and not os.environ.get("CI"), reason=f"the news corpus is not at {CORPUS}"
)
TABLES = (ArticleRow, ArticleLinkRow, NewsProposalRow, ChangeRow, ChangeBatchRow, AlertRow)


def ingest(engine: Engine, documents: list[Document], today: dt.date = dt.date(2026, 3, 3)) -> Any:
    with Session(engine) as session:
        report = ingest_documents(session, ANA, CTX, documents, today=today)
        session.commit()
    return report


def counts(engine: Engine) -> tuple[object, ...]:
    with Session(engine) as session:
        rows = tuple(session.scalar(select(func.count()).select_from(t)) for t in TABLES)
        return (*rows, concern_versions(session))


def doc(text: str, name: str, **fields: Any) -> Document:
    return Document(text=text, id=name, source=f"test:{name}", **fields)


def test_the_same_document_twice_is_one_article_and_changes_nothing(engine: Engine) -> None:
    first = ingest(engine, [doc("2025年长沙工程机械出口增长12%。", "a")])
    before = counts(engine)
    again = ingest(engine, [doc("2025年长沙工程机械出口增长12%。", "a-again", url="http://elsewhere.example/")])
    assert [i.outcome for i in first.items] == [IngestOutcome.ADDED]
    assert [(i.outcome, i.article_id) for i in again.items] == [(IngestOutcome.UNCHANGED, first.items[0].article_id)]
    assert counts(engine) == before
    assert before[0] == 1


def test_one_ingest_is_one_batch_with_a_change_per_article(engine: Engine) -> None:
    ingest(engine, [doc("第一篇。", "a"), doc("第二篇，完全不同的内容。", "b"), doc("第一篇。", "a2")])
    with Session(engine) as session:
        batches = session.scalars(select(ChangeBatchRow)).all()
        changes = session.scalars(select(ChangeRow).where(ChangeRow.kind == "articles")).all()
    assert len(batches) == 1
    assert batches[0].counts == {"articles": {"added": 2, "unchanged": 1, "proposed": 0, "alerts": 0}}
    assert sorted(c.record_key for c in changes) == ["1", "2"]
    assert {c.batch_id for c in changes} == {batches[0].id}


def test_a_viewer_may_not_ingest(engine: Engine) -> None:
    with Session(engine) as session, pytest.raises(NotAllowed):
        ingest_documents(session, VIC, CTX, [doc("文", "a")], today=dt.date(2026, 3, 3))


def test_original_kept_and_normalised_beside_it(engine: Engine) -> None:
    text = "長沙工程機(jī)械6月(yuè)14日訊\n三一重工(600031)"
    [item] = ingest(engine, [doc(text, "t")]).items
    with Session(engine) as session:
        article = get_article(session, VIC, item.article_id)
    assert article.text_original == text
    assert "(jī)" not in article.text_normalised and "(yuè)" not in article.text_normalised
    assert "长沙工程机械" in article.text_normalised and "(600031)" in article.text_normalised
    assert (article.language, article.script) == ("zh", "traditional")


def _corpus(*ids: str) -> dict[str, dict[str, Any]]:
    rows = [json.loads(line) for line in (CORPUS / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    return {r["id"]: r for r in rows if r["id"] in ids}


def _copies(text: str) -> list[str]:
    """Return three reposts of a story as content farms make them: the other script with site chrome around it,
    the first four fifths of it, and the text with its paragraphs joined and a stock quote inserted."""
    other = opencc.OpenCC("s2t").convert(text)
    chromed = f"首页 > 新闻中心 > 行业动态\n{other}\n责任编辑：王某 | 来源：网络 | 分享到：微信 微博"
    cut = text[: len(text) * 4 // 5]
    joined = text.replace("\n", "") + " 中联重科(4.950, 0.01, 0.20%)"
    return [chromed, cut, joined]


@needs_corpus
def test_reposts_of_corpus_stories_are_grouped_as_one_story_each(engine: Engine) -> None:
    stories = _corpus("N02", "N10", "N20")
    originals = [doc(r["text"], r["id"]) for r in stories.values()]
    copies = [doc(t, f"{r['id']}-copy{n}") for r in stories.values() for n, t in enumerate(_copies(r["text"]))]
    report = ingest(engine, originals + copies)
    first = {item.source: item for item in report.items}
    assert len({first[f"test:{r}"].story_id for r in stories}) == 3
    for r in stories:
        story = first[f"test:{r}"].article_id
        assert first[f"test:{r}"].story_id == story
        assert [first[f"test:{r}-copy{n}"].story_id for n in range(3)] == [story] * 3
        with Session(engine) as session:
            page = list_articles(session, VIC, filters=ArticleFilter(story=story))
        assert {a.copies for a in page.items} == {4} and len(page.items) == 4


@needs_corpus
def test_the_shared_corpus_end_to_end(engine: Engine) -> None:
    rows = [json.loads(line) for line in (CORPUS / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    report = ingest(engine, [Document(text=r["text"], id=r["id"], url=r["url"], source=r["url"]) for r in rows])
    assert report.count(IngestOutcome.ADDED) == len(rows) == 41
    # the corpus kept one copy of each story (its README): no two of its documents are grouped
    assert len({i.story_id for i in report.items}) == 41
    with Session(engine) as session:
        for row, item in zip(rows, report.items, strict=True):
            article = get_article(session, VIC, item.article_id)
            assert article.text_original == row["text"]
            assert (article.script == "traditional") == (row["script"] == "traditional"), row["id"]
            for found in article.extraction.organisations + article.extraction.amounts + article.extraction.dates:
                assert row["text"][found.start : found.end] == found.mention
    assert [i.outcome for i in ingest(engine, [doc(rows[0]["text"], "again")]).items] == [IngestOutcome.UNCHANGED]


@pytest.fixture
def demo_engine(db_url: str, engine: Engine) -> Engine:
    seed_demo(db_url)
    return engine


def _disruption_alerts(engine: Engine) -> list[Any]:
    with Session(engine) as session:
        return [a for a in list_alerts(session, ANA, state="all") if a.rule is AlertRule.NEWS_DISRUPTION]


@pytest.mark.slow
def test_a_disruption_at_a_demo_supplier_raises_an_alert_the_evaluation_keeps(demo_engine: Engine) -> None:
    report = ingest(demo_engine, [doc(DISRUPTION, "fire", published=dt.date(2026, 3, 2))])
    [item] = report.items
    [alert] = _disruption_alerts(demo_engine)
    assert item.alerts == [alert.id]
    assert (alert.subject, alert.state) == (f"articles/{item.article_id}/E0004", AlertState.OPEN)
    assert (alert.details["disruption"], alert.details["event_on"], alert.details["enterprise_id"]) == (
        "fire",
        "2026-03-02",
        "E0004",
    )
    assert "火灾" in alert.details["evidence"]
    with Session(demo_engine) as session:
        site = node_result(session, ANA, node_id="E0004")
    # the alert carries the resilience engine's estimate of that site's failure
    assert (alert.details["pi"], alert.details["exposure_days"]) == (float(site.pi), round(site.exposure_days, 2))
    for as_of, state in ((dt.date(2026, 3, 20), AlertState.OPEN), (dt.date(2026, 4, 1), AlertState.OPEN)):
        with Session(demo_engine) as session:
            evaluate_alerts(session, ANA, CTX, as_of=as_of)
            session.commit()
        assert _disruption_alerts(demo_engine)[0].state is state, as_of  # 30 days after 2026-03-02 is 04-01
    with Session(demo_engine) as session:
        done = evaluate_alerts(session, ANA, CTX, as_of=dt.date(2026, 4, 2))
        session.commit()
    assert alert.key in done.cleared
    assert _disruption_alerts(demo_engine)[0].state is AlertState.CLEARED


@pytest.mark.slow
def test_an_acknowledged_disruption_alert_stays_acknowledged_and_old_events_raise_none(demo_engine: Engine) -> None:
    ingest(demo_engine, [doc(DISRUPTION, "fire", published=dt.date(2026, 3, 2))])
    [alert] = _disruption_alerts(demo_engine)
    with Session(demo_engine) as session:
        acknowledge_alert(session, ANA, CTX, alert_id=alert.id)
        evaluate_alerts(session, ANA, CTX, as_of=dt.date(2026, 3, 10))
        session.commit()
    assert _disruption_alerts(demo_engine)[0].state is AlertState.ACKNOWLEDGED
    old = DISRUPTION.replace("2026年3月2日", "2020年3月2日")
    report = ingest(demo_engine, [doc(old, "old", published=dt.date(2020, 3, 2))])
    assert report.items[0].alerts == []
    assert len(_disruption_alerts(demo_engine)) == 1


def test_the_shipped_demo_holds_no_articles(demo_engine: Engine) -> None:
    with Session(demo_engine) as session:
        assert session.scalar(select(func.count()).select_from(ArticleRow)) == 0
        assert list_articles(session, VIC, filters=ArticleFilter()).items == []
