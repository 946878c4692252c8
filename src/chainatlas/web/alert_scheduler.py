"""The server's alert scheduler: a background thread of the web process that runs the alert rules when due.

Started and stopped by the application's lifespan (`app`), off when CHAINATLAS_ALERTS_AT is `off`. It looks at
start (evaluating when today's evaluation is missing), then every `poll_seconds` and whenever an import of
this process commits; each look that finds an evaluation due takes the database lease first, so however many
worker processes share the database, one evaluates. It is a loop of its own rather than a heavy job of
`services.jobs`: that runner bounds computations that requests wait for, per user; nothing waits for this one.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from dataclasses import dataclass

from sqlalchemy import Engine

from chainatlas.domain.as_of import ClusterClock, date_in_zone
from chainatlas.domain.monitoring_results import Evaluation
from chainatlas.services.alert_schedule import claim, evaluate_claimed, listen, new_holder, release, stop_listening
from chainatlas.services.uow import UnitOfWork

log = logging.getLogger(__name__)
STOP_SECONDS = 10.0
"""How long stopping waits for an evaluation under way to finish."""


@dataclass(frozen=True)
class ScheduleSettings:
    """When the rules run (a time of day in the cluster's zone) and how often the scheduler looks."""

    at: dt.time
    clock: ClusterClock
    poll_seconds: float = 30.0


class AlertScheduler:
    """One process's scheduler: a daemon thread that evaluates the alert rules whenever they are due."""

    def __init__(self, engine: Engine, settings: ScheduleSettings) -> None:
        self.engine, self.settings = engine, settings
        self.holder = new_holder()
        self._stop, self._wake = threading.Event(), threading.Event()
        self._thread: threading.Thread | None = None
        self.runs: list[Evaluation] = []
        """The evaluations this scheduler ran (for the log and the tests)."""

    def start(self) -> None:
        """Start looking (the first look at once, as the server starts)."""
        listen(self._wake)
        self._thread = threading.Thread(target=self._loop, daemon=True, name="alert-scheduler")
        self._thread.start()

    def stop(self) -> None:
        """Stop looking and wait for the thread to end."""
        self._stop.set()
        self._wake.set()
        stop_listening(self._wake)
        if self._thread is not None:
            self._thread.join(STOP_SECONDS)
            self._thread = None

    def _loop(self) -> None:
        starting = True
        while not self._stop.is_set():
            self._wake.clear()
            self._look(starting)
            starting = False
            self._wake.wait(self.settings.poll_seconds)

    def _look(self, starting: bool) -> None:
        try:
            done = self.run_if_due(starting=starting)
        except Exception:  # a failed look is logged and tried again at the next one
            log.exception("the scheduled alert evaluation failed")
            return
        if done is not None:
            self.runs.append(done)

    def run_if_due(self, *, starting: bool = False) -> Evaluation | None:
        """Evaluate once if due and the lease is free; return what the evaluation did, or None."""
        clock = self.settings.clock
        now = clock.now()
        with UnitOfWork(self.engine) as uow:
            taken = claim(uow.session, self.holder, now=now, zone=clock.zone, at=self.settings.at, starting=starting)
            uow.commit()
        if not taken:
            return None
        return self._evaluate(now, date_in_zone(now, clock.zone))

    def _evaluate(self, now: dt.datetime, as_of: dt.date) -> Evaluation | None:
        try:
            with UnitOfWork(self.engine) as uow:
                done = evaluate_claimed(uow.session, self.holder, now=now, as_of=as_of)
                if done is not None:
                    uow.commit()
                return done
        except Exception:
            with UnitOfWork(self.engine) as uow:
                release(uow.session, self.holder)
                uow.commit()
            raise
