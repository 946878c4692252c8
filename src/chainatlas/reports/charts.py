"""ECharts option data built from service results, for the pages and the briefing (the browser only draws them)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from chainatlas.domain.common import Segment
from chainatlas.domain.enterprise import Enterprise
from chainatlas.domain.indicator import Indicator
from chainatlas.domain.registry_results import PartnerLink, TreeNode
from chainatlas.reports.labels import Labels
from chainatlas.reports.money import YUAN_PER_UNIT

GRAINS = ("year", "quarter", "month")
_GRAIN_OF = (
    ("year", re.compile(r"^\d{4}$")),
    ("quarter", re.compile(r"^\d{4}-Q[1-4]$")),
    ("month", re.compile(r"^\d{4}-\d{2}$")),
)
LOW, MIDDLE, HIGH, NONE = (192, 57, 43), (240, 173, 78), (46, 139, 87), "#b0b7c3"


def grain_of(period: str) -> str:
    """Return whether a period is a year, a quarter or a month."""
    return next(name for name, pattern in _GRAIN_OF if pattern.match(period))


def grains(series: Sequence[Indicator]) -> list[str]:
    """Return the period grains present in a series, years first."""
    present = {grain_of(i.period) for i in series}
    return [g for g in GRAINS if g in present]


def default_grain(series: Sequence[Indicator]) -> str | None:
    """Return the grain to draw first: years when there are at least two, else the most frequent grain."""
    counts = Counter(grain_of(i.period) for i in series)
    if counts["year"] >= 2 or not counts:
        return "year" if counts else None
    return counts.most_common(1)[0][0]


def chart_scale(unit: str | None, t: Labels) -> tuple[Decimal, str]:
    """Return the factor and the unit label of a chart axis: English reads money in CNY billion."""
    if unit in YUAN_PER_UNIT and t.lang == "en":
        return YUAN_PER_UNIT[unit] / Decimal(1_000_000_000), t("unit.cny_billion")
    return Decimal(1), t.unit(unit) if unit else ""


def line_chart(series: Sequence[Indicator], grain: str, t: Labels) -> dict[str, Any]:
    """Return one metric's observations at one grain (and in one unit) as line-chart data."""
    points = [i for i in series if grain_of(i.period) == grain]
    unit = points[-1].unit if points else None
    points = [i for i in points if i.unit == unit]
    factor, unit_label = chart_scale(unit, t)
    return {
        "name": t.metric(points[0].metric) if points else "",
        "unit": unit_label,
        "x": [i.period for i in points],
        "y": [float(i.value * factor) for i in points],
        "synthetic": [i.source.strip().lower() == "synthetic" for i in points],
    }


def by_segment(forest: Sequence[TreeNode]) -> list[TreeNode]:
    """Return the roots in chain order: upstream, midstream, downstream, support (then by code)."""
    order = list(Segment)
    return sorted(forest, key=lambda tree: (order.index(tree.node.segment), tree.node.code))


def share_colour(share: float | None) -> str:
    """Return the colour of a local share: red (all outside) through amber to green (all local); grey if none."""
    if share is None:
        return NONE
    low, high, fraction = (LOW, MIDDLE, share * 2) if share < 0.5 else (MIDDLE, HIGH, share * 2 - 1)
    red, green, blue = (round(a + (b - a) * fraction) for a, b in zip(low, high, strict=True))
    return f"#{red:02x}{green:02x}{blue:02x}"


def makers_shade(tree: TreeNode) -> tuple[str, str]:
    """Return a node's colour and shown value by the local share of its makers."""
    share = tree.local_share
    return share_colour(share), "—" if share is None else f"{share * 100:.1f}%"


def tree_chart(
    forest: Sequence[TreeNode],
    t: Labels,
    shade: Callable[[TreeNode], tuple[str, str]] = makers_shade,
    measure: str | None = None,
) -> dict[str, Any]:
    """Return the chain taxonomy as one ECharts tree under a root named for the whole chain, each node
    coloured (and its tooltip valued) by `shade`, whose measure `measure` names."""

    def item(tree: TreeNode) -> dict[str, Any]:
        colour, shown = shade(tree)
        return {
            "name": t.name(tree.node.name_zh, tree.node.name_en),
            "code": tree.node.code,
            "value": [tree.inside, tree.outside],
            "label_counts": t("chain.counts", inside=tree.inside, outside=tree.outside),
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


def _partner_node(item: PartnerLink, category: int, t: Labels) -> dict[str, Any]:
    value = float(item.link.annual_value_cny or 0)
    return {
        "id": item.partner.id,
        "name": t.name(item.partner.name_zh, item.partner.name_en),
        "category": category,
        "value": value,
        "url": f"/enterprises/{item.partner.id}",
    }


def network_chart(
    firm: Enterprise, suppliers: Sequence[PartnerLink], customers: Sequence[PartnerLink], t: Labels, *, limit: int
) -> dict[str, Any]:
    """Return an enterprise with its largest suppliers and customers as force-layout graph data."""
    nodes: dict[str, dict[str, Any]] = {
        firm.id: {"id": firm.id, "name": t.name(firm.name_zh, firm.name_en), "category": 0, "value": 0.0, "url": ""}
    }
    links: list[dict[str, Any]] = []
    for category, partners in ((1, suppliers[:limit]), (2, customers[:limit])):
        for item in partners:
            nodes.setdefault(item.partner.id, _partner_node(item, category, t))
            source, target = (item.partner.id, firm.id) if category == 1 else (firm.id, item.partner.id)
            links.append({"source": source, "target": target, "value": float(item.link.annual_value_cny or 0)})
    categories = [{"name": t("graph.self")}, {"name": t("enterprise.suppliers")}, {"name": t("enterprise.customers")}]
    return {"nodes": list(nodes.values()), "links": links, "categories": categories}
