"""Feeds (订阅源): RSS and Atom addresses fetched with httpx on a schedule set per feed, their entries ingested as
articles (`services.news.ingest_documents`, so an entry fetched again changes nothing).

A fetch asks conditionally (ETag, Last-Modified), records how it went on the feed (never raising for a feed that
does not answer: the next one is tried) and moves the feed's next fetch one period on. `claim` makes the move a
conditional update, so two processes that find a feed due at once fetch it once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import httpx
from sqlalchemy.orm import Session

from chainatlas.domain.access import Action
from chainatlas.domain.article import Feed, FeedCreate, IngestOutcome, IngestReport
from chainatlas.domain.common import MAX_DB_INT
from chainatlas.domain.user import User
from chainatlas.interchange.news_files import feed_documents
from chainatlas.interchange.problems import UnreadableFile
from chainatlas.services.access import require
from chainatlas.services.context import WriteContext
from chainatlas.services.errors import Conflict, NotFound
from chainatlas.services.news import ingest_documents
from chainatlas.store.history import HistoryRepository
from chainatlas.store.news_queue import FeedRepository

KIND = "feeds"
TIMEOUT_SECONDS = 20.0
MAX_FEED_BYTES = 10 * 1024 * 1024
USER_AGENT = "ChainAtlas-feeds/1"


@dataclass(frozen=True)
class FetchResult:
    """What one fetch of a feed did: its status line and, when it read entries, the ingest's report."""

    feed_id: int
    status: str
    report: IngestReport | None = None

    @property
    def added(self) -> int:
        """Return how many articles the fetch added."""
        return 0 if self.report is None else self.report.count(IngestOutcome.ADDED)


def add_feed(session: Session, user: User | None, ctx: WriteContext, feed: FeedCreate) -> Feed:
    """Add a feed, due at once; Conflict when its address is there already."""
    require(user, Action.IMPORT)
    repo = FeedRepository(session)
    if repo.by_url(feed.url) is not None:
        raise Conflict(code="news.feed_exists", params={"url": feed.url})
    added = repo.add(feed, now=ctx.at, source=f"added by {ctx.actor} via {ctx.via.value}")
    HistoryRepository(session).add_changes(
        [
            {
                "batch_id": None,
                "at": ctx.at,
                "actor": ctx.actor,
                "via": ctx.via.value,
                "kind": KIND,
                "record_key": str(added.id),
                "action": "create",
                "before": None,
                "after": added.model_dump(mode="json"),
            }
        ]
    )
    return added


def list_feeds(session: Session, user: User | None) -> list[Feed]:
    """Return every feed with its schedule and last fetch."""
    require(user, Action.READ)
    return FeedRepository(session).listing()


def get_feed(session: Session, user: User | None, feed_id: int) -> Feed:
    """Return one feed; NotFound when there is none."""
    require(user, Action.READ)
    found = FeedRepository(session).get(feed_id) if 1 <= feed_id <= MAX_DB_INT else None
    if found is None:
        raise NotFound(code="news.feed_not_found", params={"feed": feed_id})
    return found


def due_feeds(session: Session, *, now: dt.datetime) -> list[int]:
    """Return the ids of the feeds due at an instant (the scheduler's look; no user involved)."""
    return FeedRepository(session).due(now)


def claim_feed(session: Session, feed_id: int, *, now: dt.datetime) -> bool:
    """Move a due feed's next fetch one period on; the caller commits at once and fetches only if True."""
    return FeedRepository(session).claim(feed_id, now=now)


def _download(client: httpx.Client, url: str, validators: tuple[str | None, str | None]) -> httpx.Response:
    headers = {"User-Agent": USER_AGENT}
    if validators[0]:
        headers["If-None-Match"] = validators[0]
    if validators[1]:
        headers["If-Modified-Since"] = validators[1]
    return client.get(url, headers=headers, timeout=TIMEOUT_SECONDS, follow_redirects=True)


def fetch_feed(
    session: Session, user: User | None, ctx: WriteContext, *, feed_id: int, today: dt.date, client: httpx.Client
) -> FetchResult:
    """Fetch a feed now and ingest its new entries; record the fetch on the feed (its status says what went wrong)."""
    feed = get_feed(session, user, feed_id)
    require(user, Action.IMPORT)
    repo = FeedRepository(session)
    try:
        response = _download(client, feed.url, repo.validators(feed_id))
    except httpx.HTTPError as error:
        return _finish(repo, ctx, FetchResult(feed_id, f"error: {type(error).__name__}: {error}"))
    if response.status_code == httpx.codes.NOT_MODIFIED:
        return _finish(repo, ctx, FetchResult(feed_id, "304 not modified"))
    if response.status_code != httpx.codes.OK or len(response.content) > MAX_FEED_BYTES:
        return _finish(repo, ctx, FetchResult(feed_id, f"error: HTTP {response.status_code}"))
    try:
        documents = feed_documents(response.text, feed.url, retrieved=today)
    except UnreadableFile as error:
        return _finish(repo, ctx, FetchResult(feed_id, f"error: {error.problems[0].message}"))
    report = ingest_documents(session, user, ctx, documents, today=today, feed_id=feed_id)
    result = FetchResult(feed_id, f"200 ok: {len(documents)} entries", report)
    return _finish(repo, ctx, result, response.headers.get("ETag"), response.headers.get("Last-Modified"))


def _finish(
    repo: FeedRepository, ctx: WriteContext, result: FetchResult, etag: str | None = None, modified: str | None = None
) -> FetchResult:
    repo.finish(result.feed_id, at=ctx.at, status=result.status, added=result.added, etag=etag, modified=modified)
    return result
