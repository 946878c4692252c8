"""Resilience analyses of the registry (供应链韧性): every site's figures cached per registry version, single
sites, scenarios, ranked mitigations and the cluster-wide summary, as the result types of
`domain.resilience_results`. The network they run on: `services.resilience`.

Access as in `services.resilience`: per-site results, scenarios and mitigations for analysts and admins
(`Action.ANALYSE`); the summary for everyone (suppressed below DISCLOSURE_THRESHOLD sites).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

import numpy as np
from sqlalchemy.orm import Session

from chainatlas.analytics.resilience import (
    Analysis,
    Executor,
    Mitigation,
    NodeResult,
    Scenario,
    ScenarioResult,
    SerialExecutor,
    evaluate_scenario,
    mitigations,
)
from chainatlas.domain.access import AGGREGATES, Action
from chainatlas.domain.common import Problem
from chainatlas.domain.resilience_results import (
    MitigationList,
    MitigationRow,
    ResilienceReport,
    ResilienceSummary,
    ScenarioRow,
    SiteDetail,
    SiteResult,
    yuan,
)
from chainatlas.domain.user import User
from chainatlas.services.access import require
from chainatlas.services.cache import registry_version_of
from chainatlas.services.clusters import resolve_cluster
from chainatlas.services.errors import InvalidInput, NotAllowed, NotFound
from chainatlas.services.jobs import HEAVY_JOBS
from chainatlas.services.resilience import (
    ANONYMOUS_DEFAULTS_ONLY,
    DEFAULT_HORIZON,
    DISCLOSURE_THRESHOLD,
    RESILIENCE_CACHE,
    Progress,
    RegistryNetwork,
    analyse_network,
    cached_network,
    check_horizon,
    parse_scenarios,
)

T = TypeVar("T")


def resilience_analysis(
    session: Session,
    user: User | None,
    *,
    year: int | None = None,
    scenarios: Sequence[str] = (),
    horizon: float = DEFAULT_HORIZON,
    progress: Progress | None = None,
    executor: Executor | None = None,
    cluster: str | None = None,
) -> tuple[RegistryNetwork, Analysis]:
    """Return the registry network (its sites marked in or out of a cluster; None: the default one) and its
    analysis, computed once per registry version, cluster and arguments.

    Without an executor the LPs run in this process: a process pool forked from a threaded server may
    inherit locks other threads hold. The CLI passes the engine's process pool."""
    require(user, Action.ANALYSE)
    rule = resolve_cluster(session, user, cluster)
    return _analysis(
        session,
        user,
        year=year,
        scenarios=scenarios,
        horizon=horizon,
        progress=progress,
        executor=executor,
        cluster=rule.id,
    )


def _analysis(
    session: Session,
    user: User | None,
    *,
    year: int | None,
    scenarios: Sequence[str] = (),
    horizon: float = DEFAULT_HORIZON,
    progress: Progress | None = None,
    executor: Executor | None = None,
    cluster: str,
) -> tuple[RegistryNetwork, Analysis]:
    """The sweep over single sites is cached once per cluster; each scenario is evaluated (and cached) on its own
    and added: node results do not depend on the scenarios asked for. Each runs as a heavy job (`services.jobs`)."""
    built = cached_network(session, year, cluster)
    check_horizon(horizon)
    parsed = parse_scenarios(built.network, scenarios)
    base: Analysis = computed(
        session,
        user,
        analysis_key(cluster, year, horizon),
        lambda tick: analyse_network(
            built.network, horizon=horizon, progress=tick or progress, executor=executor or SerialExecutor()
        ),
    )
    if not parsed:
        return built, base
    results = [scenario_result(session, user, built, year, horizon, scenario, executor=executor) for scenario in parsed]
    return built, Analysis(base.nodes, results, base.horizon)


def analysis_key(cluster: str, year: int | None, horizon: float) -> Hashable:
    """Return the resilience cache's key of a cluster's analysis of every site (its job's key too)."""
    return ("analysis", cluster, year, float(horizon), ())


def computed(session: Session, user: User | None, key: Hashable, compute: Callable[[Progress | None], T]) -> T:
    """Return a cached result (never limited), else compute it as a heavy job for the user and keep it."""
    found: T | None = RESILIENCE_CACHE.peek(session, key)
    if found is not None:
        return found
    version = registry_version_of(session)
    keep: Callable[[T], None] = lambda value: RESILIENCE_CACHE.put(version, key, value)  # noqa: E731
    return HEAVY_JOBS.run((version, key), user, RESILIENCE_CACHE.in_job(session, key, compute), keep)


def scenario_result(
    session: Session,
    user: User | None,
    built: RegistryNetwork,
    year: int | None,
    horizon: float,
    scenario: Scenario,
    *,
    executor: Executor | None = None,
) -> ScenarioResult:
    """Return one scenario's result, evaluated once per registry version and cluster (in this process unless an
    executor is given: every executor gives the same result, so the cache does not tell them apart)."""
    key = ("what_if", built.cluster, year, float(horizon), scenario.name)
    found: ScenarioResult = computed(
        session,
        user,
        key,
        lambda tick: evaluate_scenario(built.network, scenario, horizon, progress=tick, executor=executor),
    )
    return found


def analysis_report(built: RegistryNetwork, analysis: Analysis) -> ResilienceReport:
    """Return the analysis as its result type, each site with its names and whether its figures are synthetic."""
    return ResilienceReport(
        cluster=built.cluster,
        nodes=[site_result(built, row) for row in analysis.nodes],
        scenarios=[scenario_row(result) for result in analysis.scenarios],
    )


def site_result(built: RegistryNetwork, row: NodeResult) -> SiteResult:
    """Return one site's figures with its names (PI in yuan to the fen)."""
    site = built.sites.get(row.id)
    names = (site.name_zh, site.name_en, site.synthetic, site.in_cluster) if site else (None, None, True, False)
    return SiteResult(row.id, yuan(row.pi), row.rei, row.tts_days, row.ttr_days, row.exposure_days, row.spof, *names)


def scenario_row(result: ScenarioResult) -> ScenarioRow:
    """Return a scenario's result with its loss in yuan to the fen."""
    return ScenarioRow(
        result.name, list(result.nodes), result.ttr_days, yuan(result.pi), result.tts_days, list(result.failed)
    )


def ranked_nodes(analysis: Analysis) -> list[NodeResult]:
    """Return the node results, most exposed first (then highest PI, then id)."""
    return sorted(analysis.nodes, key=lambda r: (-r.exposure_days, -r.pi, r.id))


def node_result(
    session: Session,
    user: User | None,
    *,
    node_id: str,
    year: int | None = None,
    horizon: float = DEFAULT_HORIZON,
    cluster: str | None = None,
) -> SiteDetail:
    """Return one site's result, its figures, its direct suppliers and customers, and whether it is in a cluster."""
    built, analysis = resilience_analysis(session, user, year=year, horizon=horizon, cluster=cluster)
    network = built.network
    if node_id not in network.index:
        raise NotFound(code="resilience.site_not_found", params={"site": node_id})
    i = network.index[node_id]
    result = next(r for r in analysis.nodes if r.id == node_id)
    site = built.sites[node_id]
    return SiteDetail(
        id=result.id,
        pi=yuan(result.pi),
        rei=result.rei,
        tts_days=result.tts_days,
        ttr_days=result.ttr_days,
        exposure_days=result.exposure_days,
        spof=result.spof,
        name_zh=site.name_zh,
        name_en=site.name_en,
        synthetic=site.synthetic,
        profile_source=site.profile_source,
        location=network.location[i],
        demand_per_day=float(network.demand[i]),
        inventory=float(network.inventory[i]),
        capacity_per_day=None if np.isinf(network.capacity[i]) else float(network.capacity[i]),
        margin=yuan(float(network.margin[i])),
        suppliers=[network.ids[j] for j in network.suppliers_of(i).tolist()],
        customers=[network.ids[j] for j in network.customers_of(i).tolist()],
        cluster=built.cluster,
        in_cluster=site.in_cluster,
    )


WHAT_IF_FIELDS = ("firms", "location", "country", "scenario")


def scenario_text(
    *, firms: Sequence[str] = (), location: str | None = None, country: str | None = None, scenario: str | None = None
) -> str:
    """Return the scenario syntax for a what-if: some firms, a location prefix (a park), a country, or the
    syntax itself; exactly one of them, else InvalidInput naming the fields given (or `firms` when none is)."""
    values = {"firms": ",".join(firms), "location": location, "country": country, "scenario": scenario}
    given = [name for name in WHAT_IF_FIELDS if values[name] and str(values[name]).strip()]
    if not given:
        raise InvalidInput([Problem.coded("firms", "resilience.what_if_none")])
    if len(given) > 1:
        both = " & ".join(given)
        raise InvalidInput(
            [Problem.coded(name, "resilience.what_if_many", value=values[name], given=both) for name in given]
        )
    if firms:
        return "node:" + ",".join(firms)
    if scenario:
        return scenario
    return f"location:{location}" if location else f"country:{country}"


def ranked_mitigations(
    session: Session,
    user: User | None,
    *,
    year: int | None = None,
    horizon: float = DEFAULT_HORIZON,
    top: int = 5,
    cluster: str | None = None,
) -> MitigationList:
    """Return candidate fixes for the `top` most exposed sites (exposure = TTR − TTS, ties by higher PI; only
    sites with PI > 0), best ΔPI first."""
    if not 1 <= top <= 50:
        raise InvalidInput([Problem.coded("top", "resilience.top", value=str(top), max=50)])
    built, analysis = resilience_analysis(session, user, year=year, horizon=horizon, cluster=cluster)
    found: list[Mitigation] = computed(
        session,
        user,
        mitigations_key(built.cluster, year, horizon, top),
        lambda tick: mitigations(built.network, analysis, top=top, progress=tick),
    )
    return MitigationList(cluster=built.cluster, mitigations=[mitigation_row(m) for m in found])


def mitigations_key(cluster: str, year: int | None, horizon: float, top: int) -> Hashable:
    """Return the resilience cache's key of a cluster's mitigations for the `top` most exposed sites."""
    return ("mitigations", cluster, year, float(horizon), top)


def mitigation_row(found: Mitigation) -> MitigationRow:
    """Return a mitigation with its PIs in yuan to the fen."""
    return MitigationRow(
        node=found.node,
        kind=found.kind,
        description=found.description,
        pi_before=yuan(found.pi_before),
        pi_after=yuan(found.pi_after),
        delta_pi=yuan(found.delta_pi),
        customer=found.customer,
        material=found.material,
        supplier=found.supplier,
        amount=found.amount,
    )


def resilience_summary(
    session: Session,
    user: User | None,
    *,
    year: int | None = None,
    horizon: float = DEFAULT_HORIZON,
    cluster: str | None = None,
) -> ResilienceSummary:
    """Return cluster-wide counts anyone may read: sites, single points of failure, exposed sites, median TTS,
    and how many sites and single points of failure are members of the cluster (None: the default one).
    Anonymous visitors get them for the default year and horizon only (one analysis per cluster, then cached);
    other arguments start a fresh analysis and need an account."""
    require(user, Action.READ, AGGREGATES)
    if user is None and (year is not None or float(horizon) != DEFAULT_HORIZON):
        raise NotAllowed(code=ANONYMOUS_DEFAULTS_ONLY, signed_in=False)
    rule = resolve_cluster(session, user, cluster)
    return summary_of(*_analysis(session, user, year=year, horizon=horizon, cluster=rule.id))


def summary_of(built: RegistryNetwork, analysis: Analysis) -> ResilienceSummary:
    """Return the aggregate figures of an analysis; suppressed (None) below the disclosure threshold."""
    rows = analysis.nodes
    if len(rows) < DISCLOSURE_THRESHOLD:
        return ResilienceSummary(
            cluster=built.cluster,
            sites=len(rows),
            suppressed=True,
            single_points_of_failure=None,
            exposed_sites=None,
            median_tts_days=None,
            total_pi=None,
        )
    inside = [r for r in rows if built.in_cluster(r.id)]
    return ResilienceSummary(
        cluster=built.cluster,
        sites=len(rows),
        suppressed=False,
        single_points_of_failure=sum(bool(r.spof) for r in rows),
        exposed_sites=sum(r.exposure_days > 0 for r in rows),
        median_tts_days=float(np.median([r.tts_days for r in rows])),
        total_pi=yuan(float(sum(r.pi for r in rows))),
        sites_in_cluster=len(inside),
        single_points_of_failure_in_cluster=(
            sum(bool(r.spof) for r in inside) if len(inside) >= DISCLOSURE_THRESHOLD else None
        ),
    )
