"""Roll enterprise counts up the chain taxonomy (产业链图谱)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


@dataclass
class NodeCounts:
    """Distinct enterprises making a node or anything below it, in the cluster and outside."""

    inside: set[str] = field(default_factory=set)
    outside: set[str] = field(default_factory=set)

    @property
    def local_share(self) -> float | None:
        """Return the share of makers that are in the cluster, or None when nobody makes it."""
        total = len(self.inside) + len(self.outside)
        return None if total == 0 else len(self.inside) / total


def rollup(parents: Mapping[str, str | None], makers: Iterable[tuple[str, str, bool]]) -> dict[str, NodeCounts]:
    """Return per node code the enterprises making it or a descendant.

    `parents` maps every code to its parent; `makers` holds (node code, enterprise id, in cluster).
    """
    counts = {code: NodeCounts() for code in parents}
    for node, enterprise, inside in makers:
        current: str | None = node
        while current is not None and current in counts:
            (counts[current].inside if inside else counts[current].outside).add(enterprise)
            current = parents.get(current)
    return counts
