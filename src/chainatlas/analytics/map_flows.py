"""The map's chain figures (产业地图): the cluster's purchases of a chain node gathered by where the suppliers
are (supply flows), and the local supporting rate (本地配套率) of a node per district of the buying firms. Pure
functions over a ChainSnapshot; the same rules as `analytics.chain` (a node covers its subtree; the cluster's
purchases are links whose customer is a member)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from chainatlas.analytics.snapshot import Bools, ChainSnapshot, active_links, ancestors_table


@dataclass(frozen=True)
class FlowTotal:
    """Purchases from one origin: distinct suppliers, links and their value (yuan a year; unknown values as 0)."""

    origin: tuple[str, str]
    suppliers: int
    links: int
    value: float


def on_subtree(snapshot: ChainSnapshot, code: str | None) -> Bools:
    """Return which links are on a node's subtree (every link when no node is given)."""
    if code is None:
        return np.ones(len(snapshot.link_node), dtype=bool)
    table = ancestors_table(snapshot.node_parent)
    below: Bools = (table == snapshot.node_index(code)).any(axis=1)
    taken: Bools = below[snapshot.link_node]
    return taken


def purchases(snapshot: ChainSnapshot, *, node: str | None, customer: str | None, year: int | None) -> Bools:
    """Return the links a flow map draws: a node's purchases by the cluster's members, or one firm's purchases."""
    take: Bools = active_links(snapshot, year) & on_subtree(snapshot, node)
    if customer is not None:
        by_firm: Bools = snapshot.link_customer == snapshot.firm_index(customer)
        return take & by_firm
    members: Bools = snapshot.firm_in_cluster[snapshot.link_customer]
    return take & members


def flow_totals(snapshot: ChainSnapshot, take: Bools, origins: Sequence[tuple[str, str]]) -> list[FlowTotal]:
    """Return the chosen links gathered by their supplier's origin (`origins[firm]`), largest value first."""
    suppliers: dict[tuple[str, str], set[int]] = {}
    links: dict[tuple[str, str], int] = {}
    value: dict[tuple[str, str], float] = {}
    values = np.nan_to_num(snapshot.link_value)
    for i in np.flatnonzero(take).tolist():
        supplier = int(snapshot.link_supplier[i])
        origin = origins[supplier]
        suppliers.setdefault(origin, set()).add(supplier)
        links[origin] = links.get(origin, 0) + 1
        value[origin] = value.get(origin, 0.0) + float(values[i])
    totals = [FlowTotal(o, len(s), links[o], value[o]) for o, s in suppliers.items()]
    return sorted(totals, key=lambda f: (-f.value, f.origin))


@dataclass(frozen=True)
class DistrictRate:
    """A district's buying members' purchases of a node: total, from cluster members, and distinct suppliers."""

    district: str
    purchases: float
    local_value: float
    suppliers: int

    @property
    def rate(self) -> float | None:
        """Return the local supporting rate by value (None without purchases)."""
        return self.local_value / self.purchases if self.purchases > 0 else None


def district_local_rates(snapshot: ChainSnapshot, *, node: str | None, year: int | None) -> list[DistrictRate]:
    """Return, per district of the buying members, the local supporting rate by value of a node's purchases."""
    take = purchases(snapshot, node=node, customer=None, year=year)
    totals: dict[str, list[float]] = {}
    suppliers: dict[str, set[int]] = {}
    values = np.nan_to_num(snapshot.link_value)
    for i in np.flatnonzero(take).tolist():
        district = snapshot.firm_district[int(snapshot.link_customer[i])] if snapshot.firm_district else None
        if not district:
            continue
        supplier = int(snapshot.link_supplier[i])
        entry = totals.setdefault(district, [0.0, 0.0])
        entry[0] += float(values[i])
        entry[1] += float(values[i]) * bool(snapshot.firm_in_cluster[supplier])
        suppliers.setdefault(district, set()).add(supplier)
    return [DistrictRate(d, t[0], t[1], len(suppliers[d])) for d, t in sorted(totals.items())]
