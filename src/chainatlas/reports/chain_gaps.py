"""The gap ranking as the pages show it: table lines, the quadrant scatter chart, the download rows."""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from chainatlas.analytics.gaps import ATTRACTIVENESS_DIGITS, FEASIBILITY_DIGITS
from chainatlas.domain.chain_node import ChainNode
from chainatlas.domain.chain_results import ChainGap
from chainatlas.reports.chain_display import yuan
from chainatlas.reports.labels import Labels
from chainatlas.reports.money import format_cny
from chainatlas.reports.numbers import Cell, share

LABELLED = 8
"""How many of the top nodes the scatter chart names."""
KEY_COLOUR, OTHER_COLOUR = "#7c3aed", "#2f7ed8"
SPREAD_STEP, SPREAD_WIDTH = 0.006, 0.05
"""Nodes sharing one feasibility value are drawn this far apart, and spread over this width at most (the axis
runs 0–1, and points are drawn unclipped a little past it); the tooltip gives the true value."""
GAP_COLUMNS = (
    "col.rank",
    "col.node_code",
    "col.node",
    "col.purchases_cny",
    "col.local_rate",
    "col.gap_cny",
    "col.feasibility",
    "col.criticality",
    "col.strategic_value",
    "col.attractiveness",
    "col.score",
    "col.key_technology",
    "col.quadrant",
    "col.reason",
)


@dataclass(frozen=True)
class GapLine:
    """One ranked gap as the table shows it."""

    rank: int
    row: ChainGap
    name: str
    score_index: float
    reason: str


def node_name(nodes: Mapping[str, ChainNode], code: str, t: Labels) -> str:
    """Return a node's name in the page language (its code when unknown)."""
    node = nodes.get(code)
    return t.name(node.name_zh, node.name_en) if node else code


def gap_reason(row: ChainGap, t: Labels) -> str:
    """Return why a node ranks where it does, in the page language (Chinese as the analysis words it)."""
    if t.lang == "zh":
        return row.reason_zh
    parts = [
        t("gap.reason_buys", money=format_cny(yuan(row.purchases), t.lang), rate=share(row.local_rate_value or 0.0)),
        t("gap.reason_related", value=f"{row.feasibility:.2f}"),
        t("gap.reason_buyers", share=f"{row.criticality:.0%}"),
    ]
    if row.key_technology:
        parts.append(t("gap.reason_key"))
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


def gap_lines(rows: Sequence[ChainGap], nodes: Mapping[str, ChainNode], t: Labels) -> list[GapLine]:
    """Return the ranked gaps for the table, the score as an index of the top one (100)."""
    top = rows[0].score if rows and rows[0].score > 0 else 1.0
    return [
        GapLine(rank, row, node_name(nodes, row.code, t), 100 * row.score / top, gap_reason(row, t))
        for rank, row in enumerate(rows, start=1)
    ]


def gap_download_rows(lines: Sequence[GapLine], t: Labels) -> list[list[Cell]]:
    """Return the ranked gaps as download rows: yuan and ratios as plain numbers, labels in the page language."""
    return [
        [
            line.rank,
            line.row.code,
            line.name,
            round(float(line.row.purchases), 2),
            line.row.local_rate_value,
            round(float(line.row.gap), 2),
            line.row.feasibility,
            line.row.criticality,
            line.row.strategic_value,
            round(line.row.attractiveness, 2),
            round(line.row.score, 2),
            t("yes") if line.row.key_technology else t("no"),
            t(f"quadrant.{line.row.quadrant}"),
            line.reason,
        ]
        for line in lines
    ]


def _axis_scale(t: Labels) -> tuple[float, str]:
    """Return the factor and unit of the money axis: units of 10^8 yuan in Chinese, CNY billion in English."""
    return (1e-9, t("unit.cny_billion")) if t.lang == "en" else (1e-8, t("unit.yi_yuan"))


def spread_offsets(lines: Sequence[GapLine], x_median: float) -> dict[str, float]:
    """Return a small deterministic sideways offset per node code, so that nodes sharing one feasibility value do
    not sit on one vertical line: in rank order, SPREAD_STEP apart (SPREAD_WIDTH at most in all), away from the
    median line, so that no point crosses into the other quadrant. A value held by one node is not moved."""
    groups: dict[float, list[GapLine]] = {}
    for line in sorted(lines, key=lambda item: item.rank):
        groups.setdefault(round(line.row.feasibility, FEASIBILITY_DIGITS), []).append(line)
    offsets = {}
    for value, members in groups.items():
        step = min(SPREAD_STEP, SPREAD_WIDTH / max(1, len(members) - 1))
        side = 1.0 if value >= x_median else -1.0
        offsets.update({line.row.code: side * step * n for n, line in enumerate(members)})
    return offsets


def _point(line: GapLine, factor: float, largest: float, t: Labels, offset: float = 0.0) -> dict[str, Any]:
    row = line.row
    return {
        "name": line.name,
        "code": row.code,
        "rank": line.rank,
        "label": line.rank <= LABELLED,
        "value": [round(row.feasibility + offset, FEASIBILITY_DIGITS), row.attractiveness * factor],
        "feasibility": f"{row.feasibility:.{FEASIBILITY_DIGITS}f}",
        "size": round(10 + 38 * (float(row.gap) / largest) ** 0.5, 1),
        "url": f"/chain/nodes/{row.code}/targets",
        "gap": format_cny(yuan(row.gap), t.lang),
        "quadrant": t(f"quadrant.{row.quadrant}"),
        "rate": share(row.local_rate_value),
    }


def _medians(rows: Sequence[ChainGap]) -> tuple[float, float]:
    """Return the quadrant cuts as the ranking placed the nodes: medians of the rounded values, rounded."""
    if not rows:
        return 0.0, 0.0
    feasibility = statistics.median(round(r.feasibility, FEASIBILITY_DIGITS) for r in rows)
    attractiveness = statistics.median(round(r.attractiveness, ATTRACTIVENESS_DIGITS) for r in rows)
    return round(feasibility, FEASIBILITY_DIGITS), round(attractiveness, ATTRACTIVENESS_DIGITS)


def gap_scatter(lines: Sequence[GapLine], t: Labels) -> dict[str, Any]:
    """Return the quadrant chart: feasibility × attractiveness (log), bubble ∝ √gap, key technologies apart."""
    factor, unit = _axis_scale(t)
    drawn = [line for line in lines if line.row.attractiveness > 0]
    largest = max((float(line.row.gap) for line in drawn), default=1.0) or 1.0
    medians = _medians([line.row for line in lines])
    offsets = spread_offsets(drawn, medians[0])
    series = [
        {
            "name": t(name),
            "color": colour,
            "points": [
                _point(line, factor, largest, t, offsets.get(line.row.code, 0.0))
                for line in drawn
                if line.row.key_technology is key
            ],
        }
        for key, name, colour in ((True, "gaps.series_key", KEY_COLOUR), (False, "gaps.series_other", OTHER_COLOUR))
    ]
    return {
        "series": series,
        "x_name": t("gaps.axis_feasibility"),
        "y_name": f"{t('gaps.axis_attractiveness')} ({unit})",
        "x_median": medians[0],
        "y_median": medians[1] * factor,
        "labels": {
            "gap": t("col.gap"),
            "rate": t("col.local_rate"),
            "quadrant": t("col.quadrant"),
            "rank": t("col.rank"),
            "feasibility": t("col.feasibility"),
        },
        "quadrants": [t(f"quadrant.{q}") for q in ("build_capability", "attract_now", "watch", "quick_win")],
    }
