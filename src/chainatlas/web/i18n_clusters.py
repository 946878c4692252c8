"""Labels of clusters on the pages: the picker on every page, the clusters and the comparison, in Chinese and
English."""

from __future__ import annotations

CLUSTER_LABELS: dict[str, tuple[str, str]] = {
    "cluster.picker": ("集群", "Cluster"),
    "cluster.picker_go": ("切换", "Show"),
    "cluster.default_mark": ("（默认）", " (default)"),
}
