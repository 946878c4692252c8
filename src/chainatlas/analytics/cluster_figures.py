"""A cluster's figures over its whole chain subtree (集群对比): purchases, local supporting rate by value and by
count, and the foreign share on key-technology nodes. Pure functions over a cluster's ChainSnapshot.

Unlike the node metrics, each supply link and each supplier counts once for the cluster as a whole, however
many roots its subtree has (the whole taxonomy has one per segment).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from chainatlas.analytics.snapshot import Bools, ChainSnapshot, active_links, ancestors_table


@dataclass(frozen=True)
class SubtreeFigures:
    """A cluster's figures over its subtree (rates None without purchases)."""

    members: int
    output: float
    purchases: float
    suppliers: int
    local_suppliers: int
    local_value: float
    key_technology_purchases: float
    key_technology_foreign: float
    key_technology_suppliers: int

    @property
    def local_rate_value(self) -> float | None:
        return self.local_value / self.purchases if self.purchases > 0 else None

    @property
    def local_rate_count(self) -> float | None:
        return self.local_suppliers / self.suppliers if self.suppliers else None

    @property
    def key_technology_foreign_share(self) -> float | None:
        if self.key_technology_purchases <= 0:
            return None
        return self.key_technology_foreign / self.key_technology_purchases


def under_key_technology(snapshot: ChainSnapshot) -> Bools:
    """Return which nodes are key-technology nodes or lie below one."""
    table = ancestors_table(snapshot.node_parent)
    flags = np.append(snapshot.node_key_technology, False)  # index -1 (padding) reads False
    found: Bools = np.asarray(flags[table].any(axis=1), dtype=bool)
    return found


def subtree_figures(snapshot: ChainSnapshot, *, year: int | None = None) -> SubtreeFigures:
    """Return the figures of the members' purchases (links whose customer is a member) active in a year."""
    take = active_links(snapshot, year) & snapshot.firm_in_cluster[snapshot.link_customer]
    supplier = snapshot.link_supplier[take]
    value = np.nan_to_num(snapshot.link_value[take])
    local = snapshot.firm_in_cluster[supplier]
    key = under_key_technology(snapshot)[snapshot.link_node[take]]
    made_inside = snapshot.firm_in_cluster[snapshot.makes_firm]
    return SubtreeFigures(
        members=int(snapshot.firm_in_cluster.sum()),
        output=float(np.nan_to_num(snapshot.makes_output[made_inside]).sum()),
        purchases=float(value.sum()),
        suppliers=len(np.unique(supplier)),
        local_suppliers=len(np.unique(supplier[local])),
        local_value=float(value[local].sum()),
        key_technology_purchases=float(value[key].sum()),
        key_technology_foreign=float(value[key & snapshot.firm_foreign[supplier]].sum()),
        key_technology_suppliers=len(np.unique(supplier[key])),
    )
