"""A fair's schedule job is a heavy job of the one runner: it counts against the user's limit, and the page reads
its state, progress and note from the runner's job."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import create_engine

from chainatlas.domain.user import Role, User
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.fair_jobs import ScheduleJobs
from chainatlas.services.jobs import JobLimits, JobRunner, TooManyJobs

ANA = User(id=1, username="ana", role=Role.ANALYST)
CTX = WriteContext(actor="ana", via=Via.WEB, at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))


def test_a_schedule_job_is_refused_when_the_user_runs_as_many_heavy_jobs_as_allowed() -> None:
    runner = JobRunner(JobLimits(timeout_seconds=60, per_user=1))
    release = threading.Event()
    analysis = runner.start(("analysis", 1), ANA, lambda tick: release.wait(30))  # e.g. a resilience sweep
    jobs = ScheduleJobs(create_engine("sqlite://"), runner)
    try:
        with pytest.raises(TooManyJobs):
            jobs.start(ANA, CTX, "F1", time_limit=5.0)
        assert jobs.get("F1") is None and jobs.status("F1").state == "none"
    finally:
        release.set()
        assert analysis.finished.wait(10)


def test_the_status_reads_the_runners_job_note_and_share_of_the_time_limit() -> None:
    runner = JobRunner(JobLimits(timeout_seconds=60, per_user=2))
    release, noted = threading.Event(), threading.Event()

    def compute(tick: object) -> None:
        assert callable(tick)
        tick(250, 1000, "solving with CP-SAT")  # the engine says it is a quarter done
        noted.set()
        release.wait(30)

    jobs = ScheduleJobs(create_engine("sqlite://"), runner)
    job = runner.start(("fair_schedule", "test", "F1"), ANA, compute, limit=65.0, expected=5.0)
    jobs._latest["F1"] = job
    try:
        assert noted.wait(10)
        status = jobs.status("F1")
        assert (status.state, status.note, status.time_limit) == ("running", "solving with CP-SAT", 5.0)
        assert 0.25 <= status.fraction < 1.0  # the engine's quarter, or more of the 5 s spent; not done
    finally:
        release.set()
        assert job.finished.wait(10)
    done = jobs.status("F1")
    assert (done.state, done.fraction, done.result, done.error) == ("done", 1.0, None, None)
