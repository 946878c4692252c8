"""The server's feed scheduler: a background thread of the web process that fetches the feeds when each is due.

Started and stopped by the application's lifespan (`app`), off unless CHAINATLAS_FEEDS_POLL_SECONDS is set. Every
`poll_seconds` it lists the due feeds; each is claimed first (a conditional update committed at once), so however
many worker processes share the database, one fetches it; then fetched and ingested in a unit of work of its own.
"""

from __future__ import annotations

import logging
import threading

import httpx
from sqlalchemy import Engine

from chainatlas.domain.as_of import ClusterClock, date_in_zone
from chainatlas.services.alert_schedule import SCHEDULER, SCHEDULER_NAME
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.news_feeds import FetchResult, claim_feed, due_feeds, fetch_feed
from chainatlas.services.uow import UnitOfWork

log = logging.getLogger(__name__)
STOP_SECONDS = 10.0


class FeedScheduler:
    """One process's feed scheduler: a daemon thread that fetches every feed when its own schedule says so."""

    def __init__(self, engine: Engine, clock: ClusterClock, poll_seconds: float, client: httpx.Client | None = None):
        self.engine, self.clock, self.poll_seconds = engine, clock, poll_seconds
        self.client = client or httpx.Client()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.fetches: list[FetchResult] = []
        """The fetches this scheduler made (for the log and the tests)."""

    def start(self) -> None:
        """Start looking (the first look at once)."""
        self._thread = threading.Thread(target=self._loop, daemon=True, name="feed-scheduler")
        self._thread.start()

    def stop(self) -> None:
        """Stop looking and wait for the thread to end."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(STOP_SECONDS)
            self._thread = None

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.run_due()
            except Exception:  # a failed look is logged and tried again at the next one
                log.exception("the scheduled feed fetch failed")
            self._stop.wait(self.poll_seconds)

    def run_due(self) -> list[FetchResult]:
        """Fetch every feed due now that this process could claim; return what each fetch did."""
        now = self.clock.now()
        with UnitOfWork(self.engine) as uow:
            due = due_feeds(uow.session, now=now)
        done = []
        for feed_id in due:
            with UnitOfWork(self.engine) as uow:
                taken = claim_feed(uow.session, feed_id, now=now)
                uow.commit()
            if taken:
                done.append(self._fetch(feed_id))
        self.fetches += done
        return done

    def _fetch(self, feed_id: int) -> FetchResult:
        now = self.clock.now()
        ctx = WriteContext(actor=SCHEDULER_NAME, via=Via.SCHEDULE, at=now)
        with UnitOfWork(self.engine) as uow:
            result = fetch_feed(
                uow.session,
                SCHEDULER,
                ctx,
                feed_id=feed_id,
                today=date_in_zone(now, self.clock.zone),
                client=self.client,
            )
            uow.commit()
        return result
