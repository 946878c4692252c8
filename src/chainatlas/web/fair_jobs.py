"""Schedule generation in the background: one job per fair, run in a thread, polled by the fair page.

The job runs as one of the user's heavy jobs (`services.jobs`, the one runner: it counts against the user's
limit); CP-SAT stops at the chosen time limit. The job opens its own unit of work on the application's engine
and commits it when the schedule is stored; the page shows its phase and elapsed time until it is done (or
failed, with the reason).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine

from chainatlas.domain.user import User
from chainatlas.services.context import WriteContext
from chainatlas.services.errors import ServiceError
from chainatlas.services.fair import schedule_fair
from chainatlas.services.jobs import HEAVY_JOBS
from chainatlas.store.engine import UnitOfWork

MAX_NOTE = 200
STORE_SECONDS = 60.0
"""Beyond the solver's time limit, how long building the model and storing the schedule may take."""


@dataclass
class ScheduleJob:
    """The state of one fair's schedule generation."""

    fair_id: str
    time_limit: float
    started: float = field(default_factory=time.monotonic)
    state: str = "running"
    """running, done or failed"""
    note: str = ""
    fraction: float = 0.0
    result: dict[str, Any] | None = None
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """Return what the polling page reads."""
        elapsed = time.monotonic() - self.started
        return {
            "fair": self.fair_id,
            "state": self.state,
            "elapsed": round(elapsed, 1),
            "time_limit": self.time_limit,
            "note": self.note,
            "fraction": round(self.progress(elapsed), 3),
            "result": self.result,
            "error": self.error,
        }

    def progress(self, elapsed: float) -> float:
        """Return how far along the job is: the engine's own fraction or the share of the time limit spent, whichever
        is larger (the engine reports little while CP-SAT runs; it stops at the limit), below 1 until done."""
        if self.state != "running":
            return 1.0 if self.state == "done" else self.fraction
        return min(0.99, max(self.fraction, elapsed / self.time_limit if self.time_limit > 0 else 0.0))

    @property
    def running(self) -> bool:
        """Return whether the job is still running."""
        return self.state == "running"


class ScheduleJobs:
    """The running and finished schedule jobs of this process, by fair."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._jobs: dict[str, ScheduleJob] = {}

    def get(self, fair_id: str) -> ScheduleJob | None:
        """Return the latest job of a fair, if any."""
        with self._lock:
            return self._jobs.get(fair_id)

    def start(self, engine: Engine, user: User, ctx: WriteContext, fair_id: str, time_limit: float) -> ScheduleJob:
        """Start a job for a fair unless one is running; return the fair's current job. It is one of the user's
        heavy jobs (`services.jobs`): TooManyJobs when they already have as many running as allowed."""
        with self._lock:
            current = self._jobs.get(fair_id)
            if current is not None and current.state == "running":
                return current
            job = ScheduleJob(fair_id, time_limit)
            HEAVY_JOBS.start(
                ("schedule", fair_id, id(job)),
                user,
                lambda tick: _run(job, engine, user, ctx),
                limit=time_limit + STORE_SECONDS,
            )
            self._jobs[fair_id] = job
        return job


def _run(job: ScheduleJob, engine: Engine, user: User, ctx: WriteContext) -> None:
    def note(fraction: float, message: str) -> None:
        job.fraction, job.note = fraction, message[:MAX_NOTE]

    try:
        with UnitOfWork(engine) as uow:
            job.result = schedule_fair(
                uow.session, user, ctx, fair_id=job.fair_id, time_limit=job.time_limit, progress=note
            )
            uow.commit()
        job.state = "done"
    except ServiceError as error:
        job.error, job.state = str(error), "failed"
    except Exception as error:
        job.error, job.state = f"{error.__class__.__name__}: {error}", "failed"
