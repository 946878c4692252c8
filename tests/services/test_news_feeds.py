"""The feed fetcher against a real HTTP server on a local socket (never the network): entries ingested once,
conditional fetches, failures recorded on the feed, and each feed fetched on its own schedule."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from tests.news_cases import ATOM, RSS

from chainatlas.domain.article import ArticleFilter, FeedCreate
from chainatlas.domain.as_of import ClusterClock
from chainatlas.domain.user import Role, User
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.errors import Conflict, NotAllowed
from chainatlas.services.news import list_articles
from chainatlas.services.news_feeds import add_feed, fetch_feed, get_feed
from chainatlas.web.feed_scheduler import FeedScheduler

ANA = User(id=1, username="ana", role=Role.ANALYST)
VIC = User(id=2, username="vic", role=Role.VIEWER)
START = dt.datetime(2026, 3, 6, 8, 0, tzinfo=dt.UTC)
ETAG = '"rss-v1"'


@dataclass
class Site:
    """What the local server serves and what it was asked."""

    base: str = ""
    requests: list[tuple[str, str | None]] = field(default_factory=list)
    """(path, If-None-Match) of every request."""


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.requests.append((self.path, self.headers.get("If-None-Match")))
            if self.path == "/rss.xml" and self.headers.get("If-None-Match") == ETAG:
                self._answer(304, b"", {})
            elif self.path == "/rss.xml":
                self._answer(200, RSS.encode(), {"ETag": ETAG, "Content-Type": "application/rss+xml"})
            elif self.path == "/atom.xml":
                self._answer(200, ATOM.encode(), {"Content-Type": "application/atom+xml"})
            else:
                self._answer(500, b"broken", {})

        def _answer(self, status: int, body: bytes, headers: dict[str, str]) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def site() -> Iterator[Site]:
    found = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(found))
    found.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield found
    server.shutdown()
    server.server_close()


def ctx(at: dt.datetime = START) -> WriteContext:
    return WriteContext(actor="ana", via=Via.CLI, at=at)


def added_feed(engine: Engine, url: str, every: int = 60) -> int:
    with Session(engine) as session:
        feed = add_feed(session, ANA, ctx(), FeedCreate(url=url, every_minutes=every))
        session.commit()
    return feed.id


def fetch(engine: Engine, feed_id: int, client: httpx.Client) -> tuple[str, int]:
    with Session(engine) as session:
        result = fetch_feed(session, ANA, ctx(), feed_id=feed_id, today=START.date(), client=client)
        session.commit()
    return result.status, result.added


def test_a_feed_is_fetched_its_entries_ingested_once_then_asked_conditionally(engine: Engine, site: Site) -> None:
    feed_id = added_feed(engine, f"{site.base}/rss.xml")
    with httpx.Client() as client:
        assert fetch(engine, feed_id, client) == ("200 ok: 2 entries", 2)
        assert fetch(engine, feed_id, client) == ("304 not modified", 0)
    assert site.requests == [("/rss.xml", None), ("/rss.xml", ETAG)]
    with Session(engine) as session:
        page = list_articles(session, VIC, filters=ArticleFilter())
        feed = get_feed(session, VIC, feed_id)
    assert sorted(a.url or "" for a in page.items) == ["http://news.example/a/1.html", "http://news.example/a/2.html"]
    assert {a.published for a in page.items} == {dt.date(2026, 3, 3), dt.date(2026, 3, 4)}
    assert (feed.last_status, feed.last_added, feed.last_fetched_at) == ("304 not modified", 0, START)


def test_a_failing_feed_is_recorded_not_raised(engine: Engine, site: Site) -> None:
    broken, closed = added_feed(engine, f"{site.base}/missing.xml"), added_feed(engine, "http://127.0.0.1:9/feed.xml")
    with httpx.Client() as client:
        assert fetch(engine, broken, client) == ("error: HTTP 500", 0)
        status, added = fetch(engine, closed, client)
    assert status.startswith("error: ConnectError") and added == 0


def test_a_feed_is_added_once_and_only_by_analysts(engine: Engine) -> None:
    added_feed(engine, "http://feeds.example/a.xml")
    with Session(engine) as session:
        with pytest.raises(Conflict):
            add_feed(session, ANA, ctx(), FeedCreate(url="http://feeds.example/a.xml"))
        with pytest.raises(NotAllowed):
            add_feed(session, VIC, ctx(), FeedCreate(url="http://feeds.example/b.xml"))


def test_each_feed_is_fetched_on_its_own_schedule(engine: Engine, site: Site) -> None:
    hourly, daily = added_feed(engine, f"{site.base}/atom.xml", 60), added_feed(engine, f"{site.base}/rss.xml", 1440)
    now = [START]
    scheduler = FeedScheduler(engine, ClusterClock(dt.UTC, lambda: now[0]), poll_seconds=3600, client=httpx.Client())
    assert sorted(r.feed_id for r in scheduler.run_due()) == [hourly, daily]  # both due once added
    assert scheduler.run_due() == []  # neither due again yet
    now[0] = START + dt.timedelta(minutes=61)
    assert [(r.feed_id, r.added) for r in scheduler.run_due()] == [(hourly, 0)]  # the same entry: nothing new
    now[0] = START + dt.timedelta(hours=24, minutes=1)
    assert sorted(r.feed_id for r in scheduler.run_due()) == [hourly, daily]
    # most overdue first: at the start both were due at once (then by id), a day on the hourly one is overdue longer
    assert [p for p, _ in site.requests] == ["/atom.xml", "/rss.xml", "/atom.xml", "/atom.xml", "/rss.xml"]
    scheduler.client.close()
