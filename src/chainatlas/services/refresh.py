"""Recompute the heavy analyses in the background after a registry write, so the first reader does not pay.

Each server process runs one `BackgroundRefresh` (started by the application's lifespan, off when
CHAINATLAS_BACKGROUND_REFRESH is `off`): it looks at the registry version every `poll_seconds`, and at once when a
write of its own process commits (an import, a record edit, a revert: any unit of work that moved the registry
version). When the version moved, it computes the analyses of `DEFAULT_ANALYSES` for every cluster through the
one cache (`services.cache`): the process that claims a result computes it and the others skip it, so a result is
computed once per version however many processes serve. Meanwhile readers get the previous version's results,
marked as being recomputed.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from sqlalchemy import Engine, event
from sqlalchemy.orm import Session

from chainatlas.services.browse import chain_tree
from chainatlas.services.chain import cluster_gaps, cluster_metrics
from chainatlas.services.stats import cluster_stats
from chainatlas.store.clusters import ClusterRule, cluster_rules
from chainatlas.store.engine import UnitOfWork
from chainatlas.store.history import WROTE_KEY, concern_versions
from chainatlas.store.history import Concern as Concern

log = logging.getLogger(__name__)
POLL_SECONDS = 1.0
STOP_SECONDS = 10.0

Analysis = Callable[[Session, ClusterRule], object]
DEFAULT_ANALYSES: tuple[tuple[str, Analysis], ...] = (
    ("chain metrics, with link rights", lambda session, rule: cluster_metrics(session, rule.id, full=True)),
    ("chain metrics, aggregates only", lambda session, rule: cluster_metrics(session, rule.id, full=False)),
    ("gap ranking", lambda session, rule: cluster_gaps(session, rule.id)),
    ("chain tree", lambda session, rule: chain_tree(session, None, cluster=rule.id)),
    ("registry counts", lambda session, rule: cluster_stats(session, None, cluster=rule.id)),
)
"""The analyses recomputed after a write, with their default parameters, for each cluster."""

_WAITING: set[threading.Event] = set()
_WAITING_LOCK = threading.Lock()


@event.listens_for(Session, "after_commit")
def _registry_committed(session: Session) -> None:
    """Wake this process's refreshers once a unit of work that wrote registry data commits."""
    if session.info.pop(WROTE_KEY, None):
        with _WAITING_LOCK:
            for waiting in _WAITING:
                waiting.set()


def refresh_once(engine: Engine) -> int:
    """Compute (or find computed) the default analyses of every cluster at the current version; return how many."""
    with UnitOfWork(engine) as uow:
        rules = cluster_rules(uow.session)
    done = 0
    for rule in rules:
        for name, analysis in DEFAULT_ANALYSES:
            try:
                with UnitOfWork(engine) as uow:
                    analysis(uow.session, rule)
                done += 1
            except Exception:  # one analysis failing must not stop the others; the reader will see the error
                log.exception("background refresh of %s for cluster %s failed", name, rule.id)
    return done


def registry_version_now(engine: Engine) -> int:
    """Return the registry version as committed now."""
    with UnitOfWork(engine) as uow:
        return concern_versions(uow.session)[Concern.REGISTRY]


class BackgroundRefresh:
    """One process's refresher: a daemon thread that recomputes the default analyses whenever the registry moved."""

    def __init__(self, engine: Engine, poll_seconds: float = POLL_SECONDS) -> None:
        self.engine, self.poll_seconds = engine, poll_seconds
        self._stop, self._wake = threading.Event(), threading.Event()
        self._thread: threading.Thread | None = None
        self.refreshed: list[int] = []
        """The registry versions this refresher brought up to date (for the tests)."""

    def start(self) -> None:
        """Start looking (the first look at once: a server starting after a write makes the results ready)."""
        with _WAITING_LOCK:
            _WAITING.add(self._wake)
        self._thread = threading.Thread(target=self._loop, daemon=True, name="background-refresh")
        self._thread.start()

    def stop(self) -> None:
        """Stop looking and wait for the thread to end."""
        self._stop.set()
        self._wake.set()
        with _WAITING_LOCK:
            _WAITING.discard(self._wake)
        if self._thread is not None:
            self._thread.join(STOP_SECONDS)

    def _loop(self) -> None:
        seen: int | None = None
        while not self._stop.is_set():
            try:
                seen = self._look(seen)
            except Exception:  # the database may be briefly unavailable; look again later
                log.exception("background refresh failed")
            self._wake.wait(self.poll_seconds)
            self._wake.clear()

    def _look(self, seen: int | None) -> int:
        version = registry_version_now(self.engine)
        if version != seen:
            refresh_once(self.engine)
            self.refreshed.append(version)
        return version
