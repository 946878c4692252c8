"""Resilience what-if and graphs: what a disruption stops and costs, the supply graph around a site, and what a
what-if form offers. Analysts and admins only (the graph and the failures reveal supply links)."""

from __future__ import annotations

from typing import Any

import numpy as np
from sqlalchemy.orm import Session

from chainatlas.analytics.resilience import Network, failed_nodes
from chainatlas.domain.resilience_results import (
    FailureGraph,
    GraphLink,
    GraphSite,
    SiteName,
    SupplyGraph,
    WhatIfResult,
    yuan,
)
from chainatlas.domain.user import User
from chainatlas.services.errors import NotFound
from chainatlas.services.resilience import (
    DEFAULT_HORIZON,
    RegistryNetwork,
    check_horizon,
    parse_scenarios,
    registry_network,
)
from chainatlas.services.resilience_analysis import scenario_result

GRAPH_LIMIT = 120
"""At most this many sites are drawn (nearest first)."""


def what_if(
    session: Session,
    user: User | None,
    *,
    scenario: str,
    year: int | None = None,
    horizon: float = DEFAULT_HORIZON,
    cluster: str | None = None,
) -> WhatIfResult:
    """Return what a disruption (some firms, a park, a district, a country) stops and what it costs: the scenario
    result with the failed sites named, each in or out of a cluster (None: the default one)."""
    built = registry_network(session, user, year=year, cluster=cluster)
    check_horizon(horizon)
    result = scenario_result(session, user, built, year, horizon, parse_scenarios(built.network, [scenario])[0])
    return WhatIfResult(
        name=result.name,
        nodes=list(result.nodes),
        ttr_days=result.ttr_days,
        pi=yuan(result.pi),
        tts_days=result.tts_days,
        failed=list(result.failed),
        sites=[site_name(built, node_id) for node_id in result.failed],
        graph=_failure_graph(built, set(result.nodes), set(result.failed)),
        cluster=built.cluster,
        failed_in_cluster=sum(built.in_cluster(node_id) for node_id in set(result.failed) | set(result.nodes)),
    )


def _failure_graph(built: RegistryNetwork, disrupted: set[str], failed: set[str]) -> FailureGraph:
    """Return the failed sites and the working sites they supply (at most GRAPH_LIMIT), with the links between."""
    network = built.network
    stopped = sorted(network.index[x] for x in failed | disrupted)
    touched = sorted({j for i in stopped for j in network.customers_of(i).tolist()} - set(stopped))
    shown = (stopped + touched)[:GRAPH_LIMIT]
    nodes = [graph_site(built, j, failed=network.ids[j] in failed, disrupted=disrupted, center=False) for j in shown]
    truncated = len(stopped) + len(touched) > len(shown)
    return FailureGraph(nodes=nodes, links=_links(network, shown), truncated=truncated)


def _links(network: Network, shown: list[int]) -> list[GraphLink]:
    """Return the supply links between the drawn sites, by their positions in `shown`."""
    at = {j: k for k, j in enumerate(shown)}
    return [GraphLink(at[i], at[j]) for i in shown for j in network.customers_of(i).tolist() if j in at]


def graph_site(
    built: RegistryNetwork, j: int, *, failed: bool, disrupted: set[str] | tuple[str, ...], center: bool
) -> GraphSite:
    """Return the site at network position j as drawn in a graph."""
    node_id = built.network.ids[j]
    name = site_name(built, node_id)
    demand = float(built.network.demand[j])
    disrupted_here = node_id in disrupted
    return GraphSite(
        name.id, name.name_zh, name.name_en, name.synthetic, failed, disrupted_here, demand, center, name.in_cluster
    )


def location_choices(
    session: Session, user: User | None, *, year: int | None = None, cluster: str | None = None
) -> dict[str, list[Any]]:
    """Return what a what-if form offers: the sites (each in or out of the cluster), the countries, and the
    location prefixes from province down to park."""
    built = registry_network(session, user, year=year, cluster=cluster)
    network = built.network
    countries = sorted({where.split("/")[0] for where in network.location if where})
    prefixes = {
        "/".join(parts[:k])
        for where in network.location
        if where
        for parts in [where.split("/")]
        for k in range(2, len(parts) + 1)
    }
    return {"sites": list(built.sites.values()), "countries": countries, "locations": sorted(prefixes)}


def site_name(built: RegistryNetwork, node_id: str) -> SiteName:
    """Return a site's names (its id when the registry has none) and whether its figures are synthetic."""
    site = built.sites.get(node_id)
    if site is None:
        return SiteName(node_id, node_id, None, True)
    return SiteName(node_id, site.name_zh, site.name_en, site.synthetic, site.in_cluster)


def supply_graph(
    session: Session,
    user: User | None,
    *,
    node_id: str,
    year: int | None = None,
    scenario: str | None = None,
    depth: int = 2,
    cluster: str | None = None,
) -> SupplyGraph:
    """Return the sites within `depth` supply steps of a site (up and down, each in or out of the cluster), the
    links between them, and which fail when the site (or the given scenario) is disrupted."""
    built = registry_network(session, user, year=year, cluster=cluster)
    network = built.network
    if node_id not in network.index:
        raise NotFound(code="resilience.site_not_found", params={"site": node_id})
    disrupted = parse_scenarios(network, [scenario])[0].nodes if scenario else (node_id,)
    failed = failed_nodes(network, np.asarray([network.index[n] for n in disrupted], dtype=np.int64))
    centre = network.index[node_id]
    shown = _neighbourhood(network, centre, depth)
    nodes = [graph_site(built, j, failed=bool(failed[j]), disrupted=disrupted, center=j == centre) for j in shown]
    links = _links(network, shown)
    return SupplyGraph(center=node_id, nodes=nodes, links=links, failed_total=int(failed.sum()), cluster=built.cluster)


def _neighbourhood(network: Network, start: int, depth: int) -> list[int]:
    """Return the sites within `depth` steps of `start` along links either way, nearest first, at most GRAPH_LIMIT."""
    seen, frontier = [start], [start]
    known = {start}
    for _ in range(max(0, depth)):
        nxt = []
        for i in frontier:
            for j in (*network.suppliers_of(i).tolist(), *network.customers_of(i).tolist()):
                if j not in known:
                    known.add(j)
                    nxt.append(j)
        seen += nxt
        frontier = nxt
    return seen[:GRAPH_LIMIT]
