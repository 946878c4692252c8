"""The registry's resilience analysis as a heavy job of the one runner (`services.jobs`, which also runs a fair's
schedule), so a page can show how far it has got instead of waiting; the result goes into the resilience cache
(one job per registry version, cluster and arguments: the sites are marked in or out of the cluster).

The job of the default analysis (this year's links, the default horizon) also computes the default mitigations
(the page's five most exposed sites) before it counts as ready, so the mitigations page answers from the cache
as soon as the analysis is ready; other mitigations run as a job of their own, the page showing its progress at
once instead of waiting for them."""

from __future__ import annotations

from sqlalchemy.orm import Session

from chainatlas.analytics.resilience import Analysis, Mitigation, SerialExecutor, mitigations
from chainatlas.domain.access import AGGREGATES, Action
from chainatlas.domain.user import User
from chainatlas.services.access import require
from chainatlas.services.cache import registry_version_of
from chainatlas.services.clusters import resolve_cluster
from chainatlas.services.jobs import HEAVY_JOBS, Job, Progress, TooManyJobs
from chainatlas.services.resilience import (
    DEFAULT_HORIZON,
    RESILIENCE_CACHE,
    RegistryNetwork,
    analyse_network,
    cached_network,
    check_horizon,
)
from chainatlas.services.resilience_analysis import analysis_key, mitigations_key


def analysis_or_job(
    session: Session,
    user: User | None,
    *,
    year: int | None = None,
    horizon: float = DEFAULT_HORIZON,
    cluster: str | None = None,
) -> tuple[RegistryNetwork, Analysis | None, Job | None]:
    """Return a cluster's network (None: the default cluster's) and its analysis when it is ready, else the running
    job (started if need be, its result kept in RESILIENCE_CACHE); raise JobTimedOut when the job ran past its time
    limit, TooManyJobs when the user has too many running."""
    require(user, Action.READ, AGGREGATES)
    check_horizon(horizon)
    cluster_id = resolve_cluster(session, user, cluster).id
    key = analysis_key(cluster_id, year, horizon)
    built = cached_network(session, year, cluster_id)
    found = RESILIENCE_CACHE.peek(session, key)
    if found is not None:
        return built, found, None
    version = registry_version_of(session)

    def compute(tick: Progress | None) -> Analysis:
        # Serial: a process pool forked from a threaded web server may inherit locks held by other threads.
        analysis = analyse_network(built.network, horizon=horizon, progress=tick, executor=SerialExecutor())
        if year is None and horizon == DEFAULT_HORIZON:
            _keep_default_mitigations(version, built, analysis)
        return analysis

    once = RESILIENCE_CACHE.in_job(session, key, compute)  # one process computes it, the others wait for it
    job = HEAVY_JOBS.start((version, key), user, once, lambda value: RESILIENCE_CACHE.put(version, key, value))
    if job.timed_out:
        raise HEAVY_JOBS.timed_out(job)
    if job.running or job.failure is not None:
        return built, None, job
    return built, job.result, None


DEFAULT_MITIGATION_SITES = 5
"""How many of the most exposed sites the mitigations page (and the job started after an analysis) covers."""


def _keep_default_mitigations(version: tuple[object, ...], built: RegistryNetwork, analysis: Analysis) -> None:
    """Compute and cache the default mitigations of an analysis (part of the default analysis's job)."""
    found = mitigations(built.network, analysis, top=DEFAULT_MITIGATION_SITES)
    key = mitigations_key(built.cluster, None, analysis.horizon, DEFAULT_MITIGATION_SITES)
    RESILIENCE_CACHE.put(version, key, found)


def _mitigations_job(
    version: tuple[object, ...], built: RegistryNetwork, analysis: Analysis, user: User | None, top: int
) -> Job | None:
    """Start (or find) the job computing the mitigations of an analysis; None when the user has too many running."""
    key = mitigations_key(built.cluster, None, analysis.horizon, top)

    def compute(tick: Progress | None) -> list[Mitigation]:
        return mitigations(built.network, analysis, top=top, progress=tick)

    try:
        return HEAVY_JOBS.start((version, key), user, compute, lambda value: RESILIENCE_CACHE.put(version, key, value))
    except TooManyJobs:
        return None


def mitigations_ready(
    session: Session, user: User | None, *, top: int = DEFAULT_MITIGATION_SITES, cluster: str | None = None
) -> tuple[bool, Job | None]:
    """Return whether a cluster's mitigations of the `top` most exposed sites (links not ended, the default
    horizon) are ready; else the running job (the analysis's, or the mitigations' own, started if need be)."""
    require(user, Action.ANALYSE)
    built, analysis, job = analysis_or_job(session, user, cluster=cluster)
    if analysis is None:
        return False, job
    key = mitigations_key(built.cluster, None, DEFAULT_HORIZON, top)
    if RESILIENCE_CACHE.peek(session, key) is not None:
        return True, None
    started = _mitigations_job(registry_version_of(session), built, analysis, user, top)
    if started is None or started.timed_out or not started.running:
        return True, None  # the page then computes (or says why it cannot) as before
    return False, started
