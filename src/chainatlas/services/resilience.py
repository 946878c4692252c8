"""Supply-chain resilience use cases (供应链韧性): the registry as a supply network, its analysis cached by
registry version, scenarios and ranked mitigations. What-if and the supply graph: `resilience_graph`; the
background analysis the pages wait on: `resilience_jobs`.

Access: the network is built from supply links, which are confidential, so per-site results, scenarios,
mitigations and the graph are for analysts and admins (`Action.ANALYSE`). Everyone else may read only the
cluster-wide summary (counts over at least DISCLOSURE_THRESHOLD sites, else suppressed).

Registry → network (docs/resilience-registry.md): a node is an enterprise that is a party of an active
supply link or has a resilience profile; its material types are the chain nodes of its active links as
customer; their suppliers are those links' suppliers; the BOM ratio comes from `bom_lines` (default 1).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from sqlalchemy.orm import Session

from chainatlas.analytics.resilience import (
    Analysis,
    BomLine,
    Executor,
    Network,
    NetworkError,
    NodeSpec,
    Scenario,
    ScenarioError,
    ScenarioResult,
    SerialExecutor,
    analyze,
    build_network,
    evaluate_scenario,
    mitigations,
    parse_scenario,
)
from chainatlas.domain.access import AGGREGATES, Action
from chainatlas.domain.common import SYNTHETIC, Problem
from chainatlas.domain.resilience_profile import DEFAULT_UNITS_PER_UNIT
from chainatlas.domain.user import User
from chainatlas.interchange.resilience_files import write_network
from chainatlas.services.access import require
from chainatlas.services.cache import VersionedCache, registry_version_of
from chainatlas.services.errors import InvalidInput, NotAllowed, NotFound
from chainatlas.services.jobs import HEAVY_JOBS
from chainatlas.store.resilience import ResilienceRows, link_year_range, load_resilience_rows

DISCLOSURE_THRESHOLD = 3
DEFAULT_HORIZON = 365.0
ANONYMOUS_DEFAULTS_ONLY = (
    "未登录时只提供默认年份和期限的汇总，其他参数请先登录 / "
    "without signing in the summary is given for the default year and horizon only; sign in for others"
)
MIN_HORIZON, MAX_HORIZON = 1.0, 3650.0
"""The horizon in days: at least a day (a tiny one leaves the survival LP without a solution), at most ten years."""
Progress = Callable[[int, int], None]
T = TypeVar("T")


ResultCache = VersionedCache
"""The one versioned cache (`services.cache`): it can also say what it holds (`peek`) and keep a job's result (`put`)."""


RESILIENCE_CACHE = ResultCache()
"""Networks and analyses per registry version; one per process. Results are shared: never change them."""


@dataclass(frozen=True)
class Site:
    """What the pages show about a network node beside its figures: names, place, where its figures come from."""

    id: str
    name_zh: str
    name_en: str | None
    country: str
    in_cluster: bool
    profile_source: str | None
    """The source of its resilience profile; None when it has none (model defaults apply)."""

    @property
    def synthetic(self) -> bool:
        """Return whether its figures are generated (or missing, hence defaults)."""
        return self.profile_source is None or self.profile_source == SYNTHETIC


@dataclass(frozen=True)
class RegistryNetwork:
    """The registry's supply network and what the pages need to label it."""

    network: Network
    sites: dict[str, Site]
    year: int | None


def location_path(country: str, *parts: str | None) -> str:
    """Return a site's location as the format's `/`-separated prefix path (empty parts left out)."""
    return "/".join(p.strip() for p in (country, *parts) if p and p.strip())


def _float(value: Decimal | None) -> float:
    return 0.0 if value is None else float(value)


def _node_spec(row: Any) -> NodeSpec:
    has_profile = row.source is not None
    return NodeSpec(
        id=row.id,
        location=location_path(row.country, row.province, row.city, row.district, row.park),
        demand_per_day=_float(row.demand_per_day),
        capacity_per_day=float(row.capacity_per_day) if has_profile and row.capacity_per_day is not None else None,
        inventory=_float(row.inventory),
        margin=_float(row.margin_cny),
        ttr_days=_float(row.ttr_days),
    )


def network_inputs(rows: ResilienceRows) -> tuple[list[NodeSpec], list[BomLine]]:
    """Return the network's nodes and BOM lines built from the registry's rows (pure; no database)."""
    ratio = {(r.customer_id, r.node_code): float(r.units_per_unit) for r in rows.ratios}
    nodes = [_node_spec(row) for row in rows.sites]
    bom = [
        BomLine(
            link.customer_id,
            link.node_code,
            link.supplier_id,
            ratio.get((link.customer_id, link.node_code), float(DEFAULT_UNITS_PER_UNIT)),
        )
        for link in rows.links
    ]
    return nodes, bom


def _sites(rows: ResilienceRows) -> dict[str, Site]:
    return {r.id: Site(r.id, r.name_zh, r.name_en, r.country, bool(r.in_cluster), r.source) for r in rows.sites}


def _build(session: Session, year: int | None) -> RegistryNetwork:
    rows = load_resilience_rows(session, year=year)
    if year is not None and not rows.links:
        raise InvalidInput([year_problem(session, year)])
    nodes, bom = network_inputs(rows)
    try:
        network = build_network(nodes, bom, source=_source_note(rows, year))
    except NetworkError as error:
        raise InvalidInput([Problem(field="registry", message=str(error))]) from error
    return RegistryNetwork(network, _sites(rows), year)


def year_problem(session: Session, year: int) -> Problem:
    """Return the problem of a year in which no supply link is active, naming the years the links run."""
    first, last = link_year_range(session)
    zh, en = "还没有供应关系", "there are no supply links yet"
    if first is not None or last is not None:
        zh, en = f"供应关系始于 {first or '?'} 年", f"the links run from {first or '?'}"
    if last is not None:
        zh, en = f"{zh}、止于 {last} 年", f"{en} to {last}"
    message = f"{year} 年没有有效的供应关系（{zh}）/ no supply link is active in {year} ({en})"
    return Problem(field="year", message=message, value=str(year))


def _source_note(rows: ResilienceRows, year: int | None) -> str:
    generated = sum(1 for r in rows.sites if r.source is None or r.source == SYNTHETIC)
    links = f"links active in {year}" if year is not None else "links that have not ended"
    return (
        f"Chain Atlas registry: supply links ({links}) and resilience profiles; "
        f"{generated} of {len(rows.sites)} sites have synthetic or no profile (defaults)"
    )


def registry_network(session: Session, user: User | None, *, year: int | None = None) -> RegistryNetwork:
    """Return the registry's supply network (links active in `year`; None: links not ended), cached."""
    require(user, Action.ANALYSE)
    return cached_network(session, year)


def cached_network(session: Session, year: int | None) -> RegistryNetwork:
    """Return the registry's network for a year, cached per registry version (no access check: callers check)."""
    return RESILIENCE_CACHE.get(session, ("network", year), lambda: _build(session, year))


class ScenarioInvalid(InvalidInput):
    """Scenarios that cannot be read: the problems (`scenario[i]`, the reason, the text) and the engine's errors,
    whose `code` and `part` let a page say it in its language."""

    def __init__(self, problems: list[Problem], errors: list[ScenarioError]) -> None:
        super().__init__(problems)
        self.errors = errors


def parse_scenarios(network: Network, texts: Sequence[str]) -> list[Scenario]:
    """Return the scenarios of their texts, or raise ScenarioInvalid naming each bad one as scenario[i]."""
    found, problems, errors = [], [], []
    for n, text in enumerate(texts):
        try:
            found.append(parse_scenario(network, text))
        except ScenarioError as error:
            problems.append(Problem(field=f"scenario[{n}]", message=error.reason, value=text))
            errors.append(error)
    if problems:
        raise ScenarioInvalid(problems, errors)
    return found


def check_horizon(horizon: float) -> None:
    """Raise InvalidInput unless the horizon is 1 to 3650 days."""
    if not MIN_HORIZON <= horizon <= MAX_HORIZON:
        message = f"须为 {MIN_HORIZON:g}–{MAX_HORIZON:g} 天 / must be {MIN_HORIZON:g} to {MAX_HORIZON:g} days"
        raise InvalidInput([Problem(field="horizon", message=message, value=str(horizon))])


def analyse_network(
    network: Network,
    *,
    scenarios: Sequence[str] = (),
    horizon: float = DEFAULT_HORIZON,
    progress: Progress | None = None,
    executor: Executor | None = None,
) -> Analysis:
    """Return the analysis of a network (every node, plus the scenarios given in the format's syntax); without
    an executor the engine picks (a local process pool for large sweeps)."""
    check_horizon(horizon)
    parsed = parse_scenarios(network, scenarios)
    return analyze(network, scenarios=parsed, horizon=horizon, executor=executor, progress=progress)


def resilience_analysis(
    session: Session,
    user: User | None,
    *,
    year: int | None = None,
    scenarios: Sequence[str] = (),
    horizon: float = DEFAULT_HORIZON,
    progress: Progress | None = None,
    executor: Executor | None = None,
) -> tuple[RegistryNetwork, Analysis]:
    """Return the registry network and its analysis, computed once per registry version and arguments.

    Without an executor the LPs run in this process: a process pool forked from a threaded server may
    inherit locks other threads hold. The CLI passes the engine's process pool."""
    require(user, Action.ANALYSE)
    return _analysis(
        session, user, year=year, scenarios=scenarios, horizon=horizon, progress=progress, executor=executor
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
) -> tuple[RegistryNetwork, Analysis]:
    """The sweep over single sites is cached once; each scenario is evaluated (and cached) on its own and added:
    node results do not depend on the scenarios asked for. Each runs as a heavy job (`services.jobs`)."""
    built = cached_network(session, year)
    check_horizon(horizon)
    parsed = parse_scenarios(built.network, scenarios)
    base: Analysis = computed(
        session,
        user,
        ("analysis", year, float(horizon), ()),
        lambda tick: analyse_network(
            built.network, horizon=horizon, progress=tick or progress, executor=executor or SerialExecutor()
        ),
    )
    if not parsed:
        return built, base
    results = [scenario_result(session, user, built, year, horizon, scenario) for scenario in parsed]
    return built, Analysis(base.nodes, results, base.horizon)


def computed(session: Session, user: User | None, key: Hashable, compute: Callable[[Progress | None], T]) -> T:
    """Return a cached result (never limited), else compute it as a heavy job for the user and keep it."""
    found: T | None = RESILIENCE_CACHE.peek(session, key)
    if found is not None:
        return found
    version = registry_version_of(session)
    keep: Callable[[T], None] = lambda value: RESILIENCE_CACHE.put(version, key, value)  # noqa: E731
    return HEAVY_JOBS.run((version, key), user, compute, keep)


def scenario_result(
    session: Session, user: User | None, built: RegistryNetwork, year: int | None, horizon: float, scenario: Scenario
) -> ScenarioResult:
    """Return one scenario's result, evaluated once per registry version."""
    key = ("what_if", year, float(horizon), scenario.name)
    found: ScenarioResult = computed(
        session, user, key, lambda tick: evaluate_scenario(built.network, scenario, horizon, progress=tick)
    )
    return found


def analysis_json(built: RegistryNetwork, analysis: Analysis) -> dict[str, Any]:
    """Return the analysis as the documented JSON, each node with its name and whether its figures are synthetic."""
    data: dict[str, Any] = analysis.to_json()
    for row in data["nodes"]:
        site = built.sites.get(row["id"])
        if site is not None:
            row.update(name_zh=site.name_zh, name_en=site.name_en, synthetic=site.synthetic)
    return data


def ranked_nodes(analysis: Analysis) -> list[Any]:
    """Return the node results, most exposed first (then highest PI, then id)."""
    return sorted(analysis.nodes, key=lambda r: (-r.exposure_days, -r.pi, r.id))


def node_result(
    session: Session, user: User | None, *, node_id: str, year: int | None = None, horizon: float = DEFAULT_HORIZON
) -> dict[str, Any]:
    """Return one site's result, its figures and its direct suppliers and customers."""
    built, analysis = resilience_analysis(session, user, year=year, horizon=horizon)
    network = built.network
    if node_id not in network.index:
        raise NotFound(f"no site {node_id} in the supply network")
    i = network.index[node_id]
    result = next(r for r in analysis.nodes if r.id == node_id)
    site = built.sites[node_id]
    return {
        **dataclasses.asdict(result),
        "name_zh": site.name_zh,
        "name_en": site.name_en,
        "synthetic": site.synthetic,
        "profile_source": site.profile_source,
        "location": network.location[i],
        "demand_per_day": float(network.demand[i]),
        "inventory": float(network.inventory[i]),
        "capacity_per_day": None if np.isinf(network.capacity[i]) else float(network.capacity[i]),
        "margin": float(network.margin[i]),
        "suppliers": [network.ids[j] for j in network.suppliers_of(i).tolist()],
        "customers": [network.ids[j] for j in network.customers_of(i).tolist()],
    }


WHAT_IF_FIELDS = ("firms", "location", "country", "scenario")


def scenario_text(
    *, firms: Sequence[str] = (), location: str | None = None, country: str | None = None, scenario: str | None = None
) -> str:
    """Return the scenario syntax for a what-if: some firms, a location prefix (a park), a country, or the
    syntax itself; exactly one of them, else InvalidInput naming the fields given (or `firms` when none is)."""
    values = {"firms": ",".join(firms), "location": location, "country": country, "scenario": scenario}
    given = [name for name in WHAT_IF_FIELDS if values[name] and str(values[name]).strip()]
    if not given:
        message = "give firms, a location, a country or a scenario (one of them)"
        raise InvalidInput([Problem(field="firms", message=message)])
    if len(given) > 1:
        message = f"give only one of firms, location, country and scenario ({' and '.join(given)} given)"
        raise InvalidInput([Problem(field=name, message=message, value=values[name]) for name in given])
    if firms:
        return "node:" + ",".join(firms)
    if scenario:
        return scenario
    return f"location:{location}" if location else f"country:{country}"


def ranked_mitigations(
    session: Session, user: User | None, *, year: int | None = None, horizon: float = DEFAULT_HORIZON, top: int = 5
) -> list[dict[str, Any]]:
    """Return candidate fixes for the `top` most exposed sites (exposure = TTR − TTS, ties by higher PI; only
    sites with PI > 0), best ΔPI first."""
    if not 1 <= top <= 50:
        raise InvalidInput([Problem(field="top", message="must be 1–50", value=str(top))])
    built, analysis = resilience_analysis(session, user, year=year, horizon=horizon)
    found = computed(
        session,
        user,
        ("mitigations", year, float(horizon), top),
        lambda tick: mitigations(built.network, analysis, top=top, progress=tick),
    )
    return [m.to_json() for m in found]


def resilience_summary(
    session: Session, user: User | None, *, year: int | None = None, horizon: float = DEFAULT_HORIZON
) -> dict[str, Any]:
    """Return cluster-wide counts anyone may read: sites, single points of failure, exposed sites, median TTS.
    Anonymous visitors get them for the default year and horizon only (one analysis, then cached); other
    arguments start a fresh analysis and need an account."""
    require(user, Action.READ, AGGREGATES)
    if user is None and (year is not None or float(horizon) != DEFAULT_HORIZON):
        raise NotAllowed(ANONYMOUS_DEFAULTS_ONLY, signed_in=False)
    return summary_of(_analysis(session, user, year=year, horizon=horizon)[1])


def summary_of(analysis: Analysis) -> dict[str, Any]:
    """Return the aggregate figures of an analysis; suppressed (None) below the disclosure threshold."""
    rows = analysis.nodes
    if len(rows) < DISCLOSURE_THRESHOLD:
        return {
            "sites": len(rows),
            "suppressed": True,
            "single_points_of_failure": None,
            "exposed_sites": None,
            "median_tts_days": None,
            "total_pi": None,
        }
    return {
        "sites": len(rows),
        "suppressed": False,
        "single_points_of_failure": sum(bool(r.spof) for r in rows),
        "exposed_sites": sum(r.exposure_days > 0 for r in rows),
        "median_tts_days": float(np.median([r.tts_days for r in rows])) if rows else None,
        "total_pi": round(float(sum(r.pi for r in rows)), 2),  # yuan, to the fen
    }


def export_network(session: Session, user: User | None, folder: Path, *, year: int | None = None) -> Network:
    """Write the registry's supply network as a network folder (nodes.csv, bom.csv) and return it."""
    network = registry_network(session, user, year=year).network
    write_network(network, folder)
    return network
