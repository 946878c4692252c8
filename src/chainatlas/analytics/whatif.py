"""What if (情景推演): change a copy of the snapshot — attract an enterprise into the cluster, or add a
supplier for a node to a customer — recompute every metric, and report what changed."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from chainatlas.analytics.chain import NodeMetrics, node_metrics
from chainatlas.analytics.snapshot import NO_YEAR, ChainSnapshot
from chainatlas.domain.chain_results import (
    COMPARED_METRICS,
    AddSupplierChange,
    AttractChange,
    MetricMove,
    NodeDifference,
    ScenarioChange,
)


def apply(snapshot: ChainSnapshot, changes: Sequence[ScenarioChange]) -> ChainSnapshot:
    """Return a copy of the snapshot with every change applied (the original is untouched): `attract` moves an
    enterprise into the cluster (optionally to a district); `add_supplier` adds a supply link of `node` from
    `firm` to `customer` worth `value` yuan a year."""
    result = snapshot
    for change in changes:
        result = _attract(result, change) if isinstance(change, AttractChange) else _add_supplier(result, change)
    return result


def _attract(snapshot: ChainSnapshot, change: AttractChange) -> ChainSnapshot:
    firm = snapshot.firm_index(change.firm)
    inside = snapshot.firm_in_cluster.copy()
    inside[firm] = True
    foreign = snapshot.firm_foreign.copy()
    foreign[firm] = False  # a plant in the cluster supplies from inside the country
    districts: list[str | None] = (
        list(snapshot.firm_district) if snapshot.firm_district else [None] * len(snapshot.firm_ids)
    )
    districts[firm] = change.district
    return snapshot.with_changes(firm_in_cluster=inside, firm_foreign=foreign, firm_district=tuple(districts))


def _add_supplier(snapshot: ChainSnapshot, change: AddSupplierChange) -> ChainSnapshot:
    supplier, customer, node = (
        snapshot.firm_index(change.firm),
        snapshot.firm_index(change.customer),
        snapshot.node_index(change.node),
    )
    return snapshot.with_changes(
        link_supplier=np.append(snapshot.link_supplier, supplier),
        link_customer=np.append(snapshot.link_customer, customer),
        link_node=np.append(snapshot.link_node, node),
        link_value=np.append(snapshot.link_value, change.value),
        link_since=np.append(snapshot.link_since, NO_YEAR),
        link_until=np.append(snapshot.link_until, NO_YEAR),
    )


def differences(before: NodeMetrics, after: NodeMetrics) -> list[NodeDifference]:
    """Return, for every node whose metrics changed, the before and after of each changed metric."""
    old = {metric: before.plain(metric) for metric in COMPARED_METRICS}
    new = {metric: after.plain(metric) for metric in COMPARED_METRICS}
    changed: list[NodeDifference] = []
    for i, code in enumerate(before.codes):
        delta = {
            metric: MetricMove.model_construct(before=old[metric][i], after=new[metric][i])
            for metric in COMPARED_METRICS
            if old[metric][i] != new[metric][i]
        }
        if delta:
            changed.append(NodeDifference.model_construct(code=code, changes=delta))
    return changed


def evaluate(
    snapshot: ChainSnapshot, changes: Sequence[ScenarioChange], *, year: int | None
) -> tuple[NodeMetrics, NodeMetrics, list[NodeDifference]]:
    """Return the metrics before and after the changes, and their differences."""
    before = node_metrics(snapshot, year=year)
    after = node_metrics(apply(snapshot, changes), year=year)
    return before, after, differences(before, after)
