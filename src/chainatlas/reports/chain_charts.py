"""The chain map's chart: the taxonomy as one ECharts tree, each node coloured by a local share."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from chainatlas.domain.chain_results import ChainTreeNode
from chainatlas.domain.common import Segment
from chainatlas.reports.labels import Labels

LOW, MIDDLE, HIGH, NONE = (192, 57, 43), (240, 173, 78), (46, 139, 87), "#b0b7c3"
Shade = Callable[[ChainTreeNode], tuple[str, str]]
"""A node's colour and the value its tooltip shows."""


def by_segment(forest: Sequence[ChainTreeNode]) -> list[ChainTreeNode]:
    """Return the roots in chain order: upstream, midstream, downstream, support (then by code)."""
    order = list(Segment)
    return sorted(forest, key=lambda tree: (order.index(tree.segment), tree.code))


def share_colour(share: float | None) -> str:
    """Return the colour of a local share: red (all outside) through amber to green (all local); grey if none."""
    if share is None:
        return NONE
    low, high, fraction = (LOW, MIDDLE, share * 2) if share < 0.5 else (MIDDLE, HIGH, share * 2 - 1)
    red, green, blue = (round(a + (b - a) * fraction) for a, b in zip(low, high, strict=True))
    return f"#{red:02x}{green:02x}{blue:02x}"


def makers_shade(tree: ChainTreeNode) -> tuple[str, str]:
    """Return a node's colour and shown value by the local share of its makers."""
    share = tree.local_share
    return share_colour(share), "—" if share is None else f"{share * 100:.1f}%"


def tree_chart(
    forest: Sequence[ChainTreeNode], t: Labels, shade: Shade = makers_shade, measure: str | None = None
) -> dict[str, Any]:
    """Return the chain taxonomy as one ECharts tree under a root named for the whole chain, each node
    coloured (and its tooltip valued) by `shade`, whose measure `measure` names."""

    def item(tree: ChainTreeNode) -> dict[str, Any]:
        colour, shown = shade(tree)
        inside, outside = tree.enterprises_in_cluster, tree.enterprises_outside
        return {
            "name": t.name(tree.name_zh, tree.name_en),
            "code": tree.code,
            "value": [inside, outside],
            "label_counts": t("chain.counts", inside=inside, outside=outside),
            "share": tree.local_share,
            "shown": shown,
            "itemStyle": {"color": colour, "borderColor": colour},
            "children": [item(child) for child in tree.children],
        }

    children = [item(root) for root in forest]
    return {
        "name": t("chain.root"),
        "code": "",
        "value": [0, 0],
        "measure": measure or t("chain.local_share"),
        "children": children,
    }
