"""The clusters compared as a bar chart (集群对比): per cluster its local supporting rate by value and by count
and its key-technology foreign share, in %, drawn by the pages' `bars` chart; labels come from the caller."""

from __future__ import annotations

from typing import Any

from chainatlas.domain.cluster_results import ClusterComparison
from chainatlas.reports.labels import Labels

COMPARED = ("local_rate_value", "local_rate_count", "key_technology_foreign_share")
"""The figures the chart draws, one series each, labelled `compare.<figure>`."""


def _percent(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 1)


def comparison_bars(comparison: ClusterComparison, t: Labels) -> dict[str, Any]:
    """Return the bar-chart data: one category per cluster (the first on top), one series per compared figure
    (None where a figure is suppressed or has no purchases)."""
    rows = comparison.clusters[::-1]
    return {
        "names": [t.name(row.cluster.name_zh, row.cluster.name_en) for row in rows],
        "series": [
            {"name": t(f"compare.{figure}"), "data": [_percent(getattr(row, figure)) for row in rows]}
            for figure in COMPARED
        ],
    }
