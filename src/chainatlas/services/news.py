"""News use cases (情报): ingest documents (idempotent by content hash, reposts grouped into stories, names linked
to the registry, unknown organisations queued for review, disruptions at suppliers alerted), list and read articles.

Access: every signed-in role reads articles (`Action.READ`); analysts and admins ingest (`Action.IMPORT`).
Each ingest is a change batch of concern `news` (its counts say what it did) with one change per article added.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from chainatlas.analytics.news.extract import extract
from chainatlas.analytics.news.lexicon import Lexicon
from chainatlas.analytics.news.normalise import normalise
from chainatlas.analytics.news_copies import best_copy, signature
from chainatlas.analytics.news_language import language_and_script
from chainatlas.domain.access import Action
from chainatlas.domain.article import (
    Article,
    ArticleFilter,
    ArticlePage,
    ArticleSummary,
    Document,
    IngestItem,
    IngestOutcome,
    IngestReport,
    content_hash,
)
from chainatlas.domain.common import MAX_DB_INT, Problem
from chainatlas.domain.news_results import TOPICS, Extraction
from chainatlas.domain.user import User
from chainatlas.services.access import require
from chainatlas.services.context import WriteContext
from chainatlas.services.errors import InvalidInput, NotFound
from chainatlas.services.news_alerts import disruption_alerts
from chainatlas.services.news_lexicon import registry_lexicon
from chainatlas.services.paging import decode_cursor, encode_cursor
from chainatlas.store.history import Concern, HistoryRepository
from chainatlas.store.news import ArticleRepository, StoredSignature
from chainatlas.store.news_queue import ProposalRepository

KIND = "articles"
MAX_PAGE = 200
TITLE_LENGTH = 200
Progress = Callable[[int, int], None]


@dataclass
class _Batch:
    """What one ingest has at hand: the lexicon (built on first need), the stored signatures, the report."""

    session: Session
    user: User | None
    ctx: WriteContext
    today: dt.date
    feed_id: int | None
    stored: list[StoredSignature]
    report: IngestReport
    entries: list[dict[str, Any]]
    lexicon: Lexicon | None = None

    def linking(self) -> Lexicon:
        if self.lexicon is None:
            self.lexicon = registry_lexicon(self.session)
        return self.lexicon


def ingest_documents(
    session: Session,
    user: User | None,
    ctx: WriteContext,
    documents: Sequence[Document],
    *,
    today: dt.date,
    feed_id: int | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Store the documents not stored yet (same original text: nothing written) with what their extraction finds."""
    require(user, Action.IMPORT)
    repo = ArticleRepository(session)
    batch = _Batch(session, user, ctx, today, feed_id, repo.signatures(), IngestReport(), [])
    for n, document in enumerate(documents, start=1):
        batch.report.items.append(_ingest_one(batch, repo, document))
        if progress is not None:
            progress(n, len(documents))
    _record(batch)
    return batch.report


def _ingest_one(batch: _Batch, repo: ArticleRepository, document: Document) -> IngestItem:
    digest = content_hash(document.text)
    known = repo.id_of_hash(digest)
    if known is not None:
        return IngestItem(
            source=document.source, outcome=IngestOutcome.UNCHANGED, article_id=known, story_id=repo.story_of(known)
        )
    normalised = normalise(document.text)
    extraction = extract(document.id or digest[:16], document.text, batch.linking())
    minhash = signature(normalised.text)
    copy = best_copy(minhash, [s.minhash for s in batch.stored])
    story = batch.stored[copy].story_id if copy is not None else None
    spam = [[start, end] for start, end in normalised.spam_lines]
    values = _values(batch, document, digest, normalised.text, spam, extraction, minhash)
    article_id = repo.add({**values, "story_id": story}, _links(extraction))
    batch.stored.append(StoredSignature(article_id, story or article_id, minhash))
    batch.report.proposed += ProposalRepository(batch.session).seen(extraction.proposed, article_id)
    batch.entries.append(_change(batch.ctx, article_id, values, story))
    alerts = disruption_alerts(
        batch.session,
        batch.user,
        batch.ctx,
        article=(article_id, values["title"], values["day"]),
        extraction=extraction,
        as_of=batch.today,
    )
    return IngestItem(
        source=document.source,
        outcome=IngestOutcome.ADDED,
        article_id=article_id,
        story_id=story or article_id,
        repost_of=story,
        alerts=alerts,
    )


def _title(document: Document, normalised: str) -> str | None:
    if document.title and document.title.strip():
        return document.title.strip()[:TITLE_LENGTH]
    line = next((line.strip() for line in normalised.splitlines() if line.strip()), None)
    return None if line is None else line[:TITLE_LENGTH]


def _values(
    batch: _Batch,
    document: Document,
    digest: str,
    normalised: str,
    spam: list[list[int]],
    extraction: Extraction,
    minhash: bytes,
) -> dict[str, Any]:
    language, script = language_and_script(document.text)
    retrieved = document.retrieved or batch.today
    return {
        "content_hash": digest,
        "doc_id": document.id,
        "url": document.url,
        "title": _title(document, normalised),
        "published": document.published,
        "retrieved": retrieved,
        "day": document.published or retrieved,
        "language": language,
        "script": script,
        "text_original": document.text,
        "text_normalised": normalised,
        "spam_lines": spam,
        "extraction": extraction.model_dump(mode="json"),
        "topics": tuple(extraction.topics),
        "disruption": None if extraction.disruption is None else extraction.disruption.kind,
        "minhash": minhash,
        "feed_id": batch.feed_id,
        "source": document.source,
        "ingested_at": batch.ctx.at,
        "ingested_by": batch.ctx.actor,
    }


def _links(extraction: Extraction) -> list[tuple[str, str]]:
    links = [("enterprise", e) for e in extraction.enterprises] + [("project", p) for p in extraction.projects]
    links += [("organisation", o.organisation_id) for o in extraction.organisations if o.organisation_id]
    return [(kind, ref) for kind, ref in links if ref and len(ref) <= 64]


def _change(ctx: WriteContext, article_id: int, values: dict[str, Any], story: int | None) -> dict[str, Any]:
    shown = ("content_hash", "doc_id", "url", "title", "published", "retrieved", "language", "script", "disruption")
    after = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in values.items() if k in shown}
    after |= {"id": article_id, "topics": list(values["topics"]), "story_id": story or article_id}
    return {
        "batch_id": None,
        "at": ctx.at,
        "actor": ctx.actor,
        "via": ctx.via.value,
        "kind": KIND,
        "record_key": str(article_id),
        "action": "create",
        "before": None,
        "after": after,
    }


def _record(batch: _Batch) -> None:
    report = batch.report
    counts = {
        KIND: {
            "added": report.count(IngestOutcome.ADDED),
            "unchanged": report.count(IngestOutcome.UNCHANGED),
            "proposed": len(report.proposed),
            "alerts": sum(len(i.alerts) for i in report.items),
        }
    }
    if not batch.entries:
        return  # nothing written: an ingest of documents all stored already leaves no trace
    history = HistoryRepository(batch.session)
    files = [{"name": i.source[:500]} for i in report.items if i.outcome is IngestOutcome.ADDED]
    batch_id = history.add_batch(
        at=batch.ctx.at,
        actor=batch.ctx.actor,
        via=batch.ctx.via.value,
        files=files,
        counts=counts,
        concern=Concern.NEWS,
    )
    history.add_changes([{**entry, "batch_id": batch_id} for entry in batch.entries])


def check_filter(filters: ArticleFilter) -> None:
    """Raise InvalidInput naming a filter whose value cannot select anything meaningful (an unknown topic)."""
    if filters.topic and filters.topic not in TOPICS:
        raise InvalidInput([Problem.coded("topic", "news.bad_topic", value=filters.topic, known=", ".join(TOPICS))])
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        day = filters.date_from.isoformat()
        raise InvalidInput(
            [Problem.coded("date_from", "news.bad_dates", value=day, date_to=filters.date_to.isoformat())]
        )


def _after(cursor: str | None) -> tuple[str, int] | None:
    if not cursor:
        return None
    day, last = decode_cursor(cursor, 2)
    try:
        dt.date.fromisoformat(str(day))
    except ValueError:
        day = None
    if not isinstance(day, str) or not isinstance(last, int) or isinstance(last, bool) or not 0 <= last <= MAX_DB_INT:
        raise InvalidInput([Problem.coded("after", "paging.cursor", value=cursor[:200])])
    return day, last


def list_articles(
    session: Session, user: User | None, *, filters: ArticleFilter, after: str | None = None, limit: int = 50
) -> ArticlePage:
    """Return one page of the articles the filters select, newest first, with the cursor of the next page."""
    require(user, Action.READ)
    check_filter(filters)
    items, following = ArticleRepository(session).page(filters, after=_after(after), limit=max(1, min(limit, MAX_PAGE)))
    return ArticlePage(items=items, next=encode_cursor(following))


def count_articles(session: Session, user: User | None, *, filters: ArticleFilter) -> int:
    """Return how many articles the filters select."""
    require(user, Action.READ)
    check_filter(filters)
    return ArticleRepository(session).count(filters)


def get_article(session: Session, user: User | None, article_id: int) -> Article:
    """Return one article with its texts, extraction and story; NotFound when there is none."""
    require(user, Action.READ)
    found = ArticleRepository(session).get(article_id) if 1 <= article_id <= MAX_DB_INT else None
    if found is None:
        raise NotFound(code="news.not_found", params={"article": article_id})
    return found


def news_of(session: Session, user: User | None, *, kind: str, ref_id: str, limit: int = 10) -> list[ArticleSummary]:
    """Return the newest articles naming a registry record (kind `enterprise`, `project` or `organisation`)."""
    filters = ArticleFilter(**{kind: ref_id})
    return list_articles(session, user, filters=filters, limit=limit).items
