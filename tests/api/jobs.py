"""Heavy jobs that block until released: they fill a user's job slots for the limit tests."""

from __future__ import annotations

import threading
import time

from chainatlas.domain.user import User
from chainatlas.services.jobs import HEAVY_JOBS, Job


def blocking_jobs(user: User | None, count: int) -> tuple[threading.Event, list[Job]]:
    """Start `count` jobs for a user that run until the returned event is set (they fill the user's slots)."""
    release = threading.Event()
    key = time.monotonic_ns()
    jobs = [HEAVY_JOBS.start(("test-block", key, n), user, lambda tick: release.wait(60)) for n in range(count)]
    return release, jobs


def finish(release: threading.Event, jobs: list[Job]) -> None:
    """Let the blocking jobs end and wait until they have."""
    release.set()
    for job in jobs:
        assert job.finished.wait(10)
