"""Heavy computations (resilience sweeps, what-ifs, mitigations, a fair's schedule) as bounded jobs: one runner
per process.

A job runs in a background thread with a time limit: the computation reports its progress through a callback,
and the callback stops it once the limit has passed (JobTimedOut: 503 with Retry-After). A job is started once
per key (the registry version and the arguments): whoever asks for the same key while it runs waits for that
job, and a job that timed out answers so until its Retry-After has passed, instead of being started again.
Each user may have at most `per_user` jobs running (TooManyJobs: 429 with Retry-After); results already in a
cache never reach the runner, so cached reads are never limited.

Without limits (the CLI: a person at the console) a job runs at once in the caller's thread, unbounded.
A page that polls a job reads its state, progress (with the computation's latest note) and elapsed time.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from chainatlas.domain.user import User
from chainatlas.services.errors import ServiceError

T = TypeVar("T")
DEFAULT_TIMEOUT_SECONDS = 60.0
DEFAULT_JOBS_PER_USER = 2
ANONYMOUS = "anonymous"
GRACE_SECONDS = 0.5
"""How long past its limit a request waits for a job to notice it must stop."""
MIN_RETRY_SECONDS = 5
"""A stopped job answers so for at least this long (its limit, if longer) before it may be started again."""
MAX_NOTE = 200
"""A computation's note on what it is doing is cut to this many characters."""


class Progress(Protocol):
    """What a job's computation calls as it goes: how much is done of how much, and optionally what it is doing."""

    def __call__(self, done: int, total: int, note: str = "") -> None:
        """Record progress (and stop the computation once its time limit has passed)."""


class JobTimedOut(ServiceError):
    """A job ran past its time limit and was stopped; try again after `retry_after` seconds."""

    def __init__(self, limit: float, retry_after: int) -> None:
        super().__init__(code="job.timed_out", params={"limit": f"{limit:g}", "retry": retry_after})
        self.limit, self.retry_after = limit, retry_after


class TooManyJobs(ServiceError):
    """The user already has as many heavy jobs running as allowed; try again after `retry_after` seconds."""

    def __init__(self, running: int, retry_after: int) -> None:
        super().__init__(code="job.busy", params={"running": running, "retry": retry_after})
        self.running, self.retry_after = running, retry_after


class _Stop(Exception):
    """Raised inside a job's computation (from its progress callback) once its time limit has passed."""


@dataclass(frozen=True)
class JobLimits:
    """How long a job may run, and how many jobs one user may have running at once."""

    timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS
    per_user: int = DEFAULT_JOBS_PER_USER

    @property
    def retry_after(self) -> int:
        """Return the seconds a client should wait before asking again for a job that timed out."""
        return max(MIN_RETRY_SECONDS, math.ceil(self.timeout_seconds))


@dataclass
class Job:
    """One heavy computation: whose it is, how far it has got, and its result, failure or timeout once done."""

    key: Hashable
    owner: str
    limit: float
    retry_after: int
    """Once stopped, the job answers so for this many seconds instead of being started again."""
    started: float = field(default_factory=time.monotonic)
    done: int = 0
    total: int = 0
    result: Any = None
    failure: BaseException | None = None
    timed_out: bool = False
    ended: float | None = None
    finished: threading.Event = field(default_factory=threading.Event)
    note: str = ""
    """What the computation last said it was doing."""
    expected: float | None = None
    """Seconds the computation is expected to take (a solver's own time limit), for the progress a page shows."""

    @property
    def deadline(self) -> float:
        """Return the monotonic time at which the job is stopped."""
        return self.started + self.limit

    @property
    def running(self) -> bool:
        """Return whether the job is still computing."""
        return not self.finished.is_set()

    @property
    def state(self) -> str:
        """Return running, done or failed (a job stopped at its time limit has failed)."""
        if self.running:
            return "running"
        return "failed" if self.timed_out or self.failure is not None else "done"

    @property
    def error(self) -> str | None:
        """Return why the job failed (not a timeout), for a page to show; None when it did not fail.

        A service's refusal is said as it is (it speaks to the user); anything else names its class."""
        if self.failure is None:
            return None
        if isinstance(self.failure, ServiceError):
            return str(self.failure)
        return f"{self.failure.__class__.__name__}: {self.failure}"

    def elapsed(self) -> float:
        """Return the seconds since the job started (until it ended)."""
        return (self.ended if self.ended is not None else time.monotonic()) - self.started

    def progress(self, elapsed: float) -> float:
        """Return how far along the job is (0–1): its own count or the share of its expected time spent, whichever
        is larger (a solver reports little while it searches; it stops at its limit), below 1 until done."""
        if not self.running:
            return 1.0 if self.state == "done" else self.fraction
        spent = elapsed / self.expected if self.expected else 0.0
        return min(0.99, max(self.fraction, spent))

    @property
    def fraction(self) -> float:
        """Return the share of its work the computation last reported done."""
        return self.done / self.total if self.total else 0.0

    def advance(self, done: int, total: int, note: str = "") -> None:
        """Record progress (the computation's callback); stop the computation once the time limit has passed."""
        self.done, self.total = done, total
        if note:
            self.note = note[:MAX_NOTE]
        if time.monotonic() > self.deadline:
            raise _Stop


def owner_of(user: User | None) -> str:
    """Return whose job it is: the user name, or one owner for every anonymous visitor."""
    return ANONYMOUS if user is None else user.username


class JobRunner:
    """The heavy jobs of this process: started once per key, bounded in time and in number per user."""

    def __init__(self, limits: JobLimits | None = None) -> None:
        self._lock = threading.Lock()
        self._jobs: dict[Hashable, Job] = {}
        self.limits = limits

    def configure(self, limits: JobLimits | None) -> None:
        """Set the limits (the application does, from its settings); None runs every job at once, unbounded."""
        self.limits = limits

    def run(
        self,
        key: Hashable,
        user: User | None,
        compute: Callable[[Progress | None], T],
        keep: Callable[[T], None] | None = None,
    ) -> T:
        """Return the result of the job for a key, started if need be, once it is done; `keep` stores it."""
        if self.limits is None:
            value = compute(None)
            if keep is not None:
                keep(value)
            return value
        job = self.start(key, user, compute, keep)
        return self.wait(job)  # type: ignore[no-any-return]

    def start(
        self,
        key: Hashable,
        user: User | None,
        compute: Callable[[Progress | None], T],
        keep: Callable[[T], None] | None = None,
        *,
        limit: float | None = None,
        expected: float | None = None,
    ) -> Job:
        """Return the job for a key: the running one (or one that timed out lately), else a new one started
        now (with its own time `limit`, else the runner's, and the seconds it is `expected` to take); raise
        TooManyJobs when its owner already has as many running as allowed."""
        limits = self.limits or JobLimits()
        with self._lock:
            self._forget_old()
            job = self._jobs.get(key)
            if job is not None:
                return job
            job = Job(key, owner_of(user), limits.timeout_seconds if limit is None else limit, limits.retry_after)
            job.expected = expected
            self._refuse_beyond(job.owner, limits)
            self._jobs[key] = job
        worker = threading.Thread(target=self._work, args=(job, compute, keep), daemon=True, name="heavy-job")
        worker.start()
        return job

    def wait(self, job: Job) -> Any:
        """Return a job's result once it is done; raise JobTimedOut past its limit, or the job's own error."""
        job.finished.wait(max(0.0, job.deadline - time.monotonic()) + GRACE_SECONDS)
        if job.running or job.timed_out:
            raise self.timed_out(job)
        if job.failure is not None:
            raise job.failure
        return job.result

    def timed_out(self, job: Job) -> JobTimedOut:
        """Return the error that says a job ran past its limit."""
        return JobTimedOut(job.limit, job.retry_after)

    def _refuse_beyond(self, owner: str, limits: JobLimits) -> None:
        mine = [job for job in self._jobs.values() if job.owner == owner and job.running]
        if len(mine) >= limits.per_user:
            soonest = min(job.deadline for job in mine) - time.monotonic()
            raise TooManyJobs(len(mine), max(1, math.ceil(soonest + GRACE_SECONDS)))

    def _forget_old(self) -> None:
        """Drop finished jobs; keep one that timed out for its Retry-After, so that it is not started again."""
        now = time.monotonic()
        self._jobs = {
            key: job
            for key, job in self._jobs.items()
            if job.running or (job.timed_out and job.ended is not None and now - job.ended < job.retry_after)
        }

    def _work(self, job: Job, compute: Callable[[Progress | None], Any], keep: Callable[[Any], None] | None) -> None:
        try:
            job.result = compute(job.advance)
            if keep is not None:
                keep(job.result)
        except _Stop:
            job.timed_out = True
        except Exception as error:  # handed to whoever waits for the job
            job.failure = error
        finally:
            job.ended = time.monotonic()
            job.finished.set()
            with self._lock:
                if self._jobs.get(job.key) is job and not job.timed_out:
                    del self._jobs[job.key]


HEAVY_JOBS = JobRunner()
"""The heavy jobs of this process (unbounded until the application sets its limits)."""
