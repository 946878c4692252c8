"""The registry's resilience analysis as a heavy job the pages poll (`services.jobs`), so a page can show how far
it has got instead of waiting; the result goes into the resilience cache (one job per registry version and
arguments)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from chainatlas.analytics.resilience import Analysis, SerialExecutor
from chainatlas.domain.access import AGGREGATES, Action
from chainatlas.domain.user import User
from chainatlas.services.access import require
from chainatlas.services.cache import registry_version_of
from chainatlas.services.jobs import HEAVY_JOBS, Job, Progress
from chainatlas.services.resilience import (
    DEFAULT_HORIZON,
    RESILIENCE_CACHE,
    RegistryNetwork,
    analyse_network,
    cached_network,
    check_horizon,
)

AnalysisJob = Job
"""A background analysis: how far it has got, and its result or error once finished."""


class AnalysisJobs:
    """Start the registry's analysis as a heavy job without waiting for it, so a page can show how far it has got;
    the result goes into RESILIENCE_CACHE."""

    def analysis_or_job(
        self, session: Session, user: User | None, *, year: int | None = None, horizon: float = DEFAULT_HORIZON
    ) -> tuple[RegistryNetwork, Analysis | None, Job | None]:
        """Return the network and its analysis when it is ready, else the running job (started if need be);
        raise JobTimedOut when the job ran past its time limit, TooManyJobs when the user has too many running."""
        require(user, Action.READ, AGGREGATES)
        check_horizon(horizon)
        key = ("analysis", year, float(horizon), ())
        built = cached_network(session, year)
        found = RESILIENCE_CACHE.peek(session, key)
        if found is not None:
            return built, found, None
        version = registry_version_of(session)

        def compute(tick: Progress | None) -> Analysis:
            # Serial: a process pool forked from a threaded web server may inherit locks held by other threads.
            return analyse_network(built.network, horizon=horizon, progress=tick, executor=SerialExecutor())

        job = HEAVY_JOBS.start((version, key), user, compute, lambda value: RESILIENCE_CACHE.put(version, key, value))
        if job.timed_out:
            raise HEAVY_JOBS.timed_out(job)
        if job.running or job.failure is not None:
            return built, None, job
        return built, job.result, None


ANALYSIS_JOBS = AnalysisJobs()
"""The background analyses the pages wait on (jobs of HEAVY_JOBS)."""
