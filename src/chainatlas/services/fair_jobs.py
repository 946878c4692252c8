"""A fair's schedule generation in the background (select-and-schedule, `services.fair_schedule`), polled by the page.

The job is one of the user's heavy jobs of the one runner (`services.jobs`): it counts against the user's limit,
and it is stopped when it runs past the solver's time limit plus the time to build the model and store the
schedule. It opens its own unit of work on the application's engine and commits it when the schedule is stored;
the page shows its phase and elapsed time until it is done (or failed, with the reason).
"""

from __future__ import annotations

import threading

from sqlalchemy import Engine

from chainatlas.domain.fair_results import FairScheduleReport, ScheduleJobStatus
from chainatlas.domain.user import User
from chainatlas.services.context import WriteContext
from chainatlas.services.fair_schedule import schedule_fair
from chainatlas.services.jobs import HEAVY_JOBS, Job, JobRunner, Progress
from chainatlas.store.engine import UnitOfWork

STORE_SECONDS = 60.0
"""Beyond the solver's time limit, how long building the model and storing the schedule may take."""
STEPS = 1000
"""The engine's fraction done is reported to the runner as a count of this many steps."""


class ScheduleJobs:
    """The latest schedule job of each fair of one application's database (jobs of the one runner)."""

    def __init__(self, engine: Engine, runner: JobRunner = HEAVY_JOBS) -> None:
        self.engine, self.runner = engine, runner
        self._lock = threading.Lock()
        self._latest: dict[str, Job] = {}
        self._token = object()
        """Part of every job key: two applications in one process never share a fair's job."""

    def get(self, fair_id: str) -> Job | None:
        """Return the latest job of a fair, running or finished, if any."""
        with self._lock:
            return self._latest.get(fair_id)

    def start(self, user: User, ctx: WriteContext, fair_id: str, time_limit: float, cluster: str | None = None) -> Job:
        """Start a job for a fair unless one is running (the meetings' values carry a cluster's gap bonus, None:
        the default's); return the fair's current job. Raise TooManyJobs when the user already has as many heavy
        jobs running as allowed."""

        def compute(tick: Progress | None) -> FairScheduleReport:
            return self._schedule(user, ctx, fair_id, time_limit, tick, cluster)

        with self._lock:
            current = self._latest.get(fair_id)
            if current is not None and current.running:
                return current
            key = ("fair_schedule", self._token, fair_id)
            job = self.runner.start(key, user, compute, limit=time_limit + STORE_SECONDS, expected=time_limit)
            self._latest[fair_id] = job
        return job

    def status(self, fair_id: str) -> ScheduleJobStatus:
        """Return what the polling page reads about a fair's latest job (state none when there is none)."""
        job = self.get(fair_id)
        if job is None:
            return ScheduleJobStatus(fair=fair_id, state="none")
        elapsed = job.elapsed()
        return ScheduleJobStatus(
            fair=fair_id,
            state=job.state,
            elapsed=round(elapsed, 1),
            time_limit=job.expected,
            note=job.note,
            fraction=round(job.progress(elapsed), 3),
            result=job.result if job.state == "done" else None,
            error=str(self.runner.timed_out(job)) if job.timed_out else job.error,
        )

    def _schedule(
        self,
        user: User,
        ctx: WriteContext,
        fair_id: str,
        time_limit: float,
        tick: Progress | None,
        cluster: str | None = None,
    ) -> FairScheduleReport:
        def note(fraction: float, message: str) -> None:
            if tick is not None:
                tick(round(fraction * STEPS), STEPS, message)

        with UnitOfWork(self.engine) as uow:
            report = schedule_fair(
                uow.session, user, ctx, fair_id=fair_id, time_limit=time_limit, progress=note, cluster=cluster
            )
            uow.commit()
        return report
