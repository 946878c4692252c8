"""The registry's resilience analysis in a background thread, so a page can show how far it has got instead of
waiting; the result goes into the resilience cache (one job per registry version and arguments)."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Hashable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from chainatlas.analytics.resilience import Analysis, Network, SerialExecutor
from chainatlas.domain.access import AGGREGATES, Action
from chainatlas.domain.user import User
from chainatlas.services.browse import require
from chainatlas.services.cache import registry_version_of
from chainatlas.services.resilience import (
    DEFAULT_HORIZON,
    RESILIENCE_CACHE,
    RegistryNetwork,
    analyse_network,
    cached_network,
    check_horizon,
)


@dataclass
class AnalysisJob:
    """A background analysis: how far it has got, and its result or error once finished."""

    done: int = 0
    total: int = 0
    result: Analysis | None = None
    error: str | None = None
    finished: threading.Event = dataclasses.field(default_factory=threading.Event)

    def advance(self, done: int, total: int) -> None:
        """Record progress (the sweep's callback)."""
        self.done, self.total = done, total


class AnalysisJobs:
    """Run the registry's analysis in a background thread, one per registry version and arguments, so a page
    can show how far it has got instead of waiting; the result goes into RESILIENCE_CACHE."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._jobs: dict[tuple[Hashable, ...], AnalysisJob] = {}

    def analysis_or_job(
        self, session: Session, user: User | None, *, year: int | None = None, horizon: float = DEFAULT_HORIZON
    ) -> tuple[RegistryNetwork, Analysis | None, AnalysisJob | None]:
        """Return the network and its analysis when it is ready, else the running job (started if need be)."""
        require(user, Action.READ, AGGREGATES)
        check_horizon(horizon)
        key = ("analysis", year, float(horizon), ())
        built = cached_network(session, year)
        found = RESILIENCE_CACHE.peek(session, key)
        if found is not None:
            return built, found, None
        version = registry_version_of(session)
        with self._lock:
            job = self._jobs.get((version, key))
            if job is None:
                self._jobs = {k: v for k, v in self._jobs.items() if k[0] == version}
                job = self._jobs[(version, key)] = AnalysisJob()
                worker = threading.Thread(
                    target=_run_job, args=(job, built.network, horizon, version, key), daemon=True
                )
                worker.start()
        return (built, job.result, None) if job.result is not None else (built, None, job)


def _run_job(job: AnalysisJob, network: Network, horizon: float, version: tuple[object, ...], key: Hashable) -> None:
    # Serial: a process pool forked from a threaded web server may inherit locks held by other threads.
    try:
        result = analyse_network(network, horizon=horizon, progress=job.advance, executor=SerialExecutor())
        RESILIENCE_CACHE.put(version, key, result)
        job.result = result
    except Exception as error:  # any failure is shown on the page instead of a result
        job.error = f"{error.__class__.__name__}: {error}"
    finally:
        job.finished.set()


ANALYSIS_JOBS = AnalysisJobs()
"""The background analyses of this process."""
