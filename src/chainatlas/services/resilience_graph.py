"""Resilience what-if and graphs: what a disruption stops and costs, the supply graph around a site, and what a
what-if form offers. Analysts and admins only (the graph and the failures reveal supply links)."""

from __future__ import annotations

from typing import Any

import numpy as np
from sqlalchemy.orm import Session

from chainatlas.analytics.resilience import Network, failed_nodes
from chainatlas.domain.user import User
from chainatlas.services.errors import NotFound
from chainatlas.services.resilience import (
    DEFAULT_HORIZON,
    RegistryNetwork,
    check_horizon,
    parse_scenarios,
    registry_network,
    scenario_result,
)

GRAPH_LIMIT = 120
"""At most this many sites are drawn (nearest first)."""


def what_if(
    session: Session, user: User | None, *, scenario: str, year: int | None = None, horizon: float = DEFAULT_HORIZON
) -> dict[str, Any]:
    """Return what a disruption stops and what it costs: the scenario result with the failed sites named."""
    built = registry_network(session, user, year=year)
    check_horizon(horizon)
    result = scenario_result(session, user, built, year, horizon, parse_scenarios(built.network, [scenario])[0])
    data: dict[str, Any] = result.to_json()
    data["sites"] = [site_json(built, node_id) for node_id in result.failed]
    data["graph"] = _failure_graph(built, set(result.nodes), set(result.failed))
    return data


def _failure_graph(built: RegistryNetwork, disrupted: set[str], failed: set[str]) -> dict[str, Any]:
    """Return the failed sites and the working sites they supply (at most GRAPH_LIMIT), with the links between."""
    network = built.network
    stopped = sorted(network.index[x] for x in failed | disrupted)
    touched = sorted({j for i in stopped for j in network.customers_of(i).tolist()} - set(stopped))
    shown = (stopped + touched)[:GRAPH_LIMIT]
    at = {j: k for k, j in enumerate(shown)}
    links = [{"source": at[i], "target": at[j]} for i in shown for j in network.customers_of(i).tolist() if j in at]
    nodes = [
        {
            **site_json(built, network.ids[j]),
            "failed": network.ids[j] in failed,
            "disrupted": network.ids[j] in disrupted,
            "demand": float(network.demand[j]),
            "center": False,
        }
        for j in shown
    ]
    return {"nodes": nodes, "links": links, "truncated": len(stopped) + len(touched) > len(shown)}


def location_choices(session: Session, user: User | None, *, year: int | None = None) -> dict[str, list[Any]]:
    """Return what a what-if form offers: the sites, the countries, and the location prefixes from province
    down to park."""
    built = registry_network(session, user, year=year)
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


def site_json(built: RegistryNetwork, node_id: str) -> dict[str, Any]:
    site = built.sites.get(node_id)
    name = (site.name_zh, site.name_en) if site else (node_id, None)
    return {"id": node_id, "name_zh": name[0], "name_en": name[1], "synthetic": site.synthetic if site else True}


def supply_graph(
    session: Session,
    user: User | None,
    *,
    node_id: str,
    year: int | None = None,
    scenario: str | None = None,
    depth: int = 2,
) -> dict[str, Any]:
    """Return the sites within `depth` supply steps of a site (up and down), the links between them, and which
    fail when the site (or the given scenario) is disrupted."""
    built = registry_network(session, user, year=year)
    network = built.network
    if node_id not in network.index:
        raise NotFound(f"no site {node_id} in the supply network")
    disrupted = parse_scenarios(network, [scenario])[0].nodes if scenario else (node_id,)
    failed = failed_nodes(network, np.asarray([network.index[n] for n in disrupted], dtype=np.int64))
    shown = _neighbourhood(network, network.index[node_id], depth)
    at = {j: k for k, j in enumerate(shown)}
    links = [{"source": at[i], "target": at[j]} for i in shown for j in network.customers_of(i).tolist() if j in at]
    nodes = [
        {
            **site_json(built, network.ids[j]),
            "failed": bool(failed[j]),
            "disrupted": network.ids[j] in disrupted,
            "demand": float(network.demand[j]),
            "center": j == network.index[node_id],
        }
        for j in shown
    ]
    return {"center": node_id, "nodes": nodes, "links": links, "failed_total": int(failed.sum())}


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
