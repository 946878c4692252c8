"""What-if scenarios as the pages show them: the words for a change, the before/after of every changed
metric (better or worse), the headline and the chart."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from chainatlas.domain.chain_node import ChainNode
from chainatlas.domain.chain_results import (
    HIGHER_IS_BETTER,
    INDEX_METRICS,
    LOWER_IS_BETTER,
    MONEY_METRICS,
    SHARE_METRICS,
    ChainMetric,
    MetricMove,
    MetricValue,
    NodeDifference,
    ScenarioChange,
)
from chainatlas.domain.enterprise import Enterprise
from chainatlas.reports.chain_display import metric_text, yuan
from chainatlas.reports.chain_gaps import node_name
from chainatlas.reports.labels import Labels
from chainatlas.reports.money import format_cny
from chainatlas.reports.numbers import share

CHART_NODES = 12


@dataclass(frozen=True)
class MetricChange:
    """One metric of one node, before and after a scenario, its move, and whether the cluster is better off."""

    metric: str
    before: str
    after: str
    delta: str
    arrow: str
    direction: str
    """"better", "worse" or "neutral"."""


@dataclass(frozen=True)
class NodeChanges:
    """Every metric of one node that a scenario moves."""

    code: str
    name: str
    metrics: list[MetricChange]


def describe(change: ScenarioChange, firms: Mapping[str, Enterprise], nodes: Mapping[str, ChainNode], t: Labels) -> str:
    """Return one change in words, in the page language."""

    def firm(firm_id: str) -> str:
        found = firms.get(firm_id)
        return f"{t.name(found.name_zh, found.name_en)} ({firm_id})" if found else firm_id

    if change.action == "attract":
        if change.district:
            return t("change.attract_to", firm=firm(change.firm), district=change.district)
        return t("change.attract", firm=firm(change.firm))
    return t(
        "change.add_supplier",
        supplier=firm(change.firm),
        customer=firm(change.customer),
        node=node_name(nodes, change.node, t),
        value=format_cny(yuan(change.value), t.lang),
    )


def firm_ids(changes: Sequence[ScenarioChange]) -> set[str]:
    """Return every enterprise a list of changes names."""
    return {c.firm for c in changes} | {c.customer for c in changes if c.action == "add_supplier"}


def direction(metric: ChainMetric, before: MetricValue, after: MetricValue) -> str:
    """Return whether a metric's move makes the cluster better off, worse off, or neither."""
    if before is None or after is None or metric not in HIGHER_IS_BETTER | LOWER_IS_BETTER:
        return "neutral"
    up = after > before
    return "better" if up == (metric in HIGHER_IS_BETTER) else "worse"


def delta_text(metric: ChainMetric, before: MetricValue, after: MetricValue, t: Labels) -> str:
    """Return how far a metric moved: percentage points for rates, money for amounts, else the difference."""
    if before is None or after is None:
        return ""
    diff = float(after) - float(before)
    if metric in SHARE_METRICS:
        return t("scenarios.points", value=signed(diff * 100, 1))
    if metric in MONEY_METRICS:
        return ("+" if diff > 0 else "") + format_cny(yuan(diff), t.lang)
    return signed(diff, 3) if metric in INDEX_METRICS else f"{int(diff):+,}"


def signed(value: float, places: int) -> str:
    """Return a signed number to `places` decimals, or to as many more (up to 3) as it takes not to read 0."""
    text = f"{value:+.{places}f}"
    for more in (1, 2, 3):
        if float(text) != 0:
            break
        text = f"{value:+.{places + more}f}"
    return text


def metric_change(metric: ChainMetric, move: MetricMove, t: Labels) -> MetricChange:
    """Return one metric's move as the table shows it."""
    before, after = move.before, move.after
    up = before is not None and after is not None and after > before
    arrow = "" if before is None or after is None or before == after else ("▲" if up else "▼")
    return MetricChange(
        t(f"metric.{metric}"),
        metric_text(metric, before, t),
        metric_text(metric, after, t),
        delta_text(metric, before, after, t),
        arrow,
        direction(metric, before, after),
    )


def node_changes(differences: Sequence[NodeDifference], nodes: Mapping[str, ChainNode], t: Labels) -> list[NodeChanges]:
    """Return every changed metric, grouped by node, nodes in code order."""
    return [
        NodeChanges(
            item.code,
            node_name(nodes, item.code, t),
            [metric_change(ChainMetric(metric), move, t) for metric, move in item.changes.items()],
        )
        for item in sorted(differences, key=lambda d: d.code)
    ]


def _rate_moves(differences: Sequence[NodeDifference]) -> list[tuple[str, float, float]]:
    """Return (code, before, after) of every local supporting rate by value that moved, largest move first."""
    moves = [
        (d.code, float(move.before or 0.0), float(move.after or 0.0))
        for d in differences
        if (move := d.changes.get(ChainMetric.LOCAL_RATE_VALUE))
    ]
    return sorted(moves, key=lambda m: (-abs(m[2] - m[1]), m[0]))


def headline(differences: Sequence[NodeDifference], nodes: Mapping[str, ChainNode], t: Labels) -> dict[str, str] | None:
    """Return the largest move of a local supporting rate by value, as text, or None when none moved."""
    moves = _rate_moves(differences)
    if not moves:
        return None
    code, before, after = moves[0]
    return {
        "code": code,
        "title": t("scenarios.headline", node=node_name(nodes, code, t)),
        "before": share(before),
        "after": share(after),
        "direction": direction(ChainMetric.LOCAL_RATE_VALUE, before, after),
    }


def rate_chart(differences: Sequence[NodeDifference], nodes: Mapping[str, ChainNode], t: Labels) -> dict[str, Any]:
    """Return the before/after local supporting rates (in %) of the nodes that moved most, as bar-chart data."""
    moves = _rate_moves(differences)[:CHART_NODES][::-1]
    return {
        "names": [node_name(nodes, code, t) for code, _, _ in moves],
        "series": [
            {"name": t("scenarios.before"), "data": [round(b * 100, 1) for _, b, _ in moves]},
            {"name": t("scenarios.after"), "data": [round(a * 100, 1) for _, _, a in moves]},
        ],
    }
