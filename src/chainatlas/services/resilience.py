"""Supply-chain resilience use cases (供应链韧性): the registry as a supply network, its analysis cached by
registry version, and the scenarios and horizon it accepts. The analyses (every site, one site, scenarios,
mitigations, the summary): `resilience_analysis`; what-if and the supply graph: `resilience_graph`; network
folders: `resilience_files`; the background analysis the pages wait on: `resilience_jobs`.

Access: the network is built from supply links, which are confidential, so per-site results, scenarios,
mitigations and the graph are for analysts and admins (`Action.ANALYSE`). Everyone else may read only the
cluster-wide summary (counts over at least DISCLOSURE_THRESHOLD sites, else suppressed).

Registry → network (docs/resilience-registry.md): a node is an enterprise that is a party of an active
supply link or has a resilience profile; its material types are the chain nodes of its active links as
customer; their suppliers are those links' suppliers; the BOM ratio comes from `bom_lines` (default 1).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

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
    analyze,
    build_network,
    parse_scenario,
)
from chainatlas.domain.access import Action
from chainatlas.domain.common import SYNTHETIC, Problem
from chainatlas.domain.resilience_profile import DEFAULT_UNITS_PER_UNIT
from chainatlas.domain.resilience_results import Site
from chainatlas.domain.user import User
from chainatlas.services.access import require
from chainatlas.services.cache import VersionedCache
from chainatlas.services.clusters import resolve_cluster
from chainatlas.services.errors import InvalidInput
from chainatlas.store.resilience import ResilienceRows, link_year_range, load_resilience_rows

__all__ = [
    "ANONYMOUS_DEFAULTS_ONLY",
    "DEFAULT_HORIZON",
    "DISCLOSURE_THRESHOLD",
    "MAX_HORIZON",
    "MIN_HORIZON",
    "RESILIENCE_CACHE",
    "Progress",
    "RegistryNetwork",
    "ScenarioError",
    "ScenarioInvalid",
    "Site",
    "analyse_network",
    "cached_network",
    "check_horizon",
    "location_path",
    "network_inputs",
    "parse_scenarios",
    "registry_network",
    "year_problem",
]

DISCLOSURE_THRESHOLD = 3
DEFAULT_HORIZON = 365.0
ANONYMOUS_DEFAULTS_ONLY = "resilience.anonymous_defaults"
"""The message code of refusing an anonymous visitor a summary other than the default one."""
MIN_HORIZON, MAX_HORIZON = 1.0, 3650.0
"""The horizon in days: at least a day (a tiny one leaves the survival LP without a solution), at most ten years."""
Progress = Callable[[int, int], None]
T = TypeVar("T")


ResultCache = VersionedCache
"""The one versioned cache (`services.cache`): it can also say what it holds (`peek`) and keep a job's result (`put`)."""


RESILIENCE_CACHE = ResultCache()
"""Networks and analyses per registry version; one per process. Results are shared: never change them."""


@dataclass(frozen=True)
class RegistryNetwork:
    """The registry's supply network and what the pages need to label it."""

    network: Network
    sites: dict[str, Site]
    year: int | None
    cluster: str = ""
    """The cluster whose members the sites' `in_cluster` marks."""

    def in_cluster(self, node_id: str) -> bool:
        """Return whether a site is a member of the network's cluster."""
        site = self.sites.get(node_id)
        return site is not None and site.in_cluster


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


def _build(session: Session, year: int | None, cluster: str) -> RegistryNetwork:
    rows = load_resilience_rows(session, year=year, cluster=cluster)
    if year is not None and not rows.links:
        raise InvalidInput([year_problem(session, year)])
    nodes, bom = network_inputs(rows)
    try:
        network = build_network(nodes, bom, source=_source_note(rows, year))
    except NetworkError as error:
        raise InvalidInput([Problem.coded("registry", "resilience.network", reason=str(error))]) from error
    return RegistryNetwork(network, _sites(rows), year, cluster)


def year_problem(session: Session, year: int) -> Problem:
    """Return the problem of a year in which no supply link is active, naming the years the links run."""
    first, last = link_year_range(session)
    code = "resilience.no_links_yet"
    if first is not None or last is not None:
        code = "resilience.no_links_from" if last is None else "resilience.no_links_in_year"
    return Problem.coded("year", code, value=str(year), year=year, first=first or "?", last=last)


def _source_note(rows: ResilienceRows, year: int | None) -> str:
    generated = sum(1 for r in rows.sites if r.source is None or r.source == SYNTHETIC)
    links = f"links active in {year}" if year is not None else "links that have not ended"
    return (
        f"Chain Atlas registry: supply links ({links}) and resilience profiles; "
        f"{generated} of {len(rows.sites)} sites have synthetic or no profile (defaults)"
    )


def registry_network(
    session: Session, user: User | None, *, year: int | None = None, cluster: str | None = None
) -> RegistryNetwork:
    """Return the registry's supply network (links active in `year`; None: links not ended), its sites marked in
    or out of a cluster (None: the default one), cached."""
    require(user, Action.ANALYSE)
    return cached_network(session, year, resolve_cluster(session, user, cluster).id)


def cached_network(session: Session, year: int | None, cluster: str) -> RegistryNetwork:
    """Return the registry's network for a year with its sites marked in or out of a cluster (an id the caller has
    checked), cached per registry version and cluster (no access check: callers check)."""
    compute = lambda: _build(session, year, cluster)  # noqa: E731
    return RESILIENCE_CACHE.get(session, ("network", cluster, year), compute, shared=False)  # an input, per process


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
            problems.append(Problem.coded(f"scenario[{n}]", f"scenario.{error.code}", value=text, part=error.part))
            errors.append(error)
    if problems:
        raise ScenarioInvalid(problems, errors)
    return found


def check_horizon(horizon: float) -> None:
    """Raise InvalidInput unless the horizon is 1 to 3650 days."""
    if not MIN_HORIZON <= horizon <= MAX_HORIZON:
        limits = {"min": f"{MIN_HORIZON:g}", "max": f"{MAX_HORIZON:g}"}
        raise InvalidInput([Problem.coded("horizon", "resilience.horizon", value=str(horizon), **limits)])


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
