"""Chain metrics per node, rolled up the taxonomy (补链强链): coverage, local supporting rate
(本地配套率) by value and by count, strength, concentration (HHI), single sources, foreign
dependency. Pure functions over a ChainSnapshot.

Every metric of a node covers the links (or makers) of that node and of all its descendants, and
the cluster's purchases: links whose customer is in the cluster.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from chainatlas.analytics.snapshot import (
    Bools,
    ChainSnapshot,
    Floats,
    Ints,
    active_links,
    ancestors_table,
    expand_to_ancestors,
)
from chainatlas.domain.chain_results import (
    ARRAY_METRICS,
    COUNT_METRICS,
    MONEY_METRICS,
    ChainMetric,
    MetricValue,
    yuan,
)


@dataclass(frozen=True)
class NodeMetrics:
    """Every chain metric, one array entry per node (NaN where a rate has no purchases)."""

    codes: tuple[str, ...]
    year: int | None
    enterprises_in_cluster: Ints
    enterprises_outside: Ints
    output_in_cluster: Floats
    purchases: Floats
    local_value: Floats
    local_rate_value: Floats
    suppliers: Ints
    local_suppliers: Ints
    local_rate_count: Floats
    hhi: Floats
    customer_hhi: Floats
    foreign_share: Floats
    single_source_links: Ints
    customer_node_pairs: Ints
    key_technology: Bools

    def plain(self, metric: ChainMetric) -> list[MetricValue]:
        """Return one metric of every node as plain values: money as Decimal yuan, None for a rate without purchases."""
        return [plain_value(metric, v) for v in getattr(self, metric.value).tolist()]

    def row(self, i: int) -> dict[str, object]:
        """Return node i's metrics as plain values (None for a rate without purchases), keyed by metric."""
        values: dict[str, object] = {"code": self.codes[i]}
        values |= {metric: plain_value(metric, getattr(self, metric.value)[i].item()) for metric in ARRAY_METRICS}
        return values | {"key_technology": bool(self.key_technology[i])}


def plain_value(metric: ChainMetric, value: float) -> MetricValue:
    """Return a metric's array value as a plain one: money as Decimal yuan, a count as int, NaN as None."""
    if metric in MONEY_METRICS:
        return yuan(value)
    if metric in COUNT_METRICS:
        return int(value)
    return None if math.isnan(value) else float(value)


def _ratio(numerator: Floats, denominator: Floats) -> Floats:
    out = np.full(len(denominator), np.nan)
    np.divide(numerator, denominator, out=out, where=denominator > 0)
    return out


def _distinct_per_node(ancestors: Ints, firm: Ints, node: Ints, n_nodes: int) -> Ints:
    """Count distinct firms per node over its subtree, for (firm, node) items."""
    items, up = expand_to_ancestors(ancestors, node)
    pairs = np.unique(firm[items] * n_nodes + up)
    return np.bincount(pairs % n_nodes, minlength=n_nodes).astype(np.int64)


def _sum_per_node(ancestors: Ints, node: Ints, weight: Floats, n_nodes: int) -> Floats:
    items, up = expand_to_ancestors(ancestors, node)
    return np.bincount(up, weights=weight[items], minlength=n_nodes).astype(np.float64)


def _makers(snapshot: ChainSnapshot, ancestors: Ints, n: int) -> tuple[Ints, Ints, Floats]:
    inside = snapshot.firm_in_cluster[snapshot.makes_firm]
    firm, node = snapshot.makes_firm, snapshot.makes_node
    count_in = _distinct_per_node(ancestors, firm[inside], node[inside], n)
    count_out = _distinct_per_node(ancestors, firm[~inside], node[~inside], n)
    output = _sum_per_node(ancestors, node[inside], np.nan_to_num(snapshot.makes_output[inside]), n)
    return count_in, count_out, output


def herfindahl(group: Ints, value: Floats, groups: int) -> Floats:
    """Return per group the Herfindahl index Σ (item's share of its group's total)², NaN where the total is 0."""
    total = np.bincount(group, weights=value, minlength=groups).astype(np.float64)
    share = np.divide(value, total[group], out=np.zeros_like(value), where=total[group] > 0)
    index = np.bincount(group, weights=share**2, minlength=groups).astype(np.float64)
    return np.where(total > 0, index, np.nan)


def _hhi(ancestors: Ints, supplier: Ints, node: Ints, value: Floats, n: int) -> Floats:
    """Return the supplier HHI per node over its subtree (each supplier's value summed first)."""
    items, up = expand_to_ancestors(ancestors, node)
    keys, inverse = np.unique(supplier[items] * n + up, return_inverse=True)
    by_pair = np.bincount(inverse, weights=value[items]).astype(np.float64)
    return herfindahl(keys % n, by_pair, n)


def _customer_pairs(snapshot: ChainSnapshot, ancestors: Ints, take: Bools, n: int) -> tuple[Ints, Ints, Floats]:
    """Return per node: single-source (customer, node) pairs, all such pairs, value-weighted customer HHI."""
    customer, node = snapshot.link_customer[take], snapshot.link_node[take]
    value = np.nan_to_num(snapshot.link_value[take])  # a link without a known value counts as 0
    keys, inverse, counts = np.unique(customer * n + node, return_inverse=True, return_counts=True)
    pair_value = np.bincount(inverse, weights=value, minlength=len(keys)).astype(np.float64)
    pair_hhi = np.nan_to_num(herfindahl(inverse, value, len(keys)))  # a pair worth 0 weighs 0 below
    pair_node = keys % n
    single = _sum_per_node(ancestors, pair_node, (counts == 1).astype(np.float64), n).astype(np.int64)
    pairs = _sum_per_node(ancestors, pair_node, np.ones(len(keys), dtype=np.float64), n).astype(np.int64)
    weighted = _sum_per_node(ancestors, pair_node, pair_hhi * pair_value, n)
    return single, pairs, _ratio(weighted, _sum_per_node(ancestors, pair_node, pair_value, n))


def node_metrics(snapshot: ChainSnapshot, *, year: int | None = None) -> NodeMetrics:
    """Return every chain metric per node for the links active in a year (all links when None)."""
    n = len(snapshot.node_codes)
    ancestors = ancestors_table(snapshot.node_parent)
    take = active_links(snapshot, year) & snapshot.firm_in_cluster[snapshot.link_customer]
    supplier, node = snapshot.link_supplier[take], snapshot.link_node[take]
    value = np.nan_to_num(snapshot.link_value[take])
    local = snapshot.firm_in_cluster[supplier]
    foreign = snapshot.firm_foreign[supplier]
    purchases = _sum_per_node(ancestors, node, value, n)
    local_value = _sum_per_node(ancestors, node, value * local, n)
    suppliers = _distinct_per_node(ancestors, supplier, node, n)
    local_suppliers = _distinct_per_node(ancestors, supplier[local], node[local], n)
    count_in, count_out, output = _makers(snapshot, ancestors, n)
    single, pairs, customer_hhi = _customer_pairs(snapshot, ancestors, take, n)
    return NodeMetrics(
        codes=snapshot.node_codes,
        year=year,
        enterprises_in_cluster=count_in,
        enterprises_outside=count_out,
        output_in_cluster=output,
        purchases=purchases,
        local_value=local_value,
        local_rate_value=_ratio(local_value, purchases),
        suppliers=suppliers,
        local_suppliers=local_suppliers,
        local_rate_count=_ratio(local_suppliers.astype(float), suppliers.astype(float)),
        hhi=_hhi(ancestors, supplier, node, value, n),
        customer_hhi=customer_hhi,
        foreign_share=_ratio(_sum_per_node(ancestors, node, value * foreign, n), purchases),
        single_source_links=single,
        customer_node_pairs=pairs,
        key_technology=snapshot.node_key_technology.copy(),
    )


def covered(metrics: NodeMetrics, *, at_least: int = 1) -> Bools:
    """Return which nodes the cluster covers: at least k in-cluster enterprises make them (or below)."""
    return metrics.enterprises_in_cluster >= at_least


def cluster_hhi(snapshot: ChainSnapshot, *, year: int | None = None) -> float | None:
    """Return the HHI of supplier shares of all the cluster's purchases together."""
    take = active_links(snapshot, year) & snapshot.firm_in_cluster[snapshot.link_customer]
    value = np.nan_to_num(snapshot.link_value[take])
    by_supplier = np.bincount(snapshot.link_supplier[take], weights=value, minlength=len(snapshot.firm_ids))
    index = float(herfindahl(np.zeros(len(by_supplier), dtype=np.int64), by_supplier.astype(np.float64), 1)[0])
    return None if math.isnan(index) else index


def location_quotients(snapshot: ChainSnapshot, metrics: NodeMetrics, national: dict[str, float]) -> Floats:
    """Return each node's location quotient (区位熵) against national output totals, NaN where missing.

    LQ(n) = (cluster output of n / cluster output of n's root) / (national output of n / national
    output of n's root): the node's weight in its segment, in the cluster relative to the country.
    """
    n = len(snapshot.node_codes)
    table = ancestors_table(snapshot.node_parent)
    depth = (table >= 0).sum(axis=1)
    roots = table[np.arange(n), depth - 1]
    totals = np.array([national.get(code, np.nan) for code in snapshot.node_codes], dtype=np.float64)
    cluster_share = _ratio(metrics.output_in_cluster, metrics.output_in_cluster[roots])
    return _ratio(cluster_share, _ratio(totals, totals[roots]))
