"""ECharts option data built from service results, for the pages and the briefing (the browser only draws them)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from chainatlas.domain.enterprise import Enterprise
from chainatlas.domain.indicator import Indicator
from chainatlas.domain.registry_results import PartnerLink
from chainatlas.reports.labels import Labels
from chainatlas.reports.money import YUAN_PER_UNIT

GRAINS = ("year", "quarter", "month")
_GRAIN_OF = (
    ("year", re.compile(r"^\d{4}$")),
    ("quarter", re.compile(r"^\d{4}-Q[1-4]$")),
    ("month", re.compile(r"^\d{4}-\d{2}$")),
)


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
