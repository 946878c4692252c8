"""How chain metrics read and colour on the pages: values (with suppressed ones marked), colour modes."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from chainatlas.domain.chain_results import (
    INDEX_METRICS,
    MONEY_METRICS,
    SHARE_METRICS,
    SUPPRESSED_METRICS,
    ChainMetric,
    ChainNodeMetrics,
    ChainTreeNode,
    MetricValue,
)
from chainatlas.reports.chain_charts import NONE, share_colour
from chainatlas.reports.labels import Labels
from chainatlas.reports.money import format_cny
from chainatlas.reports.numbers import share

M = ChainMetric
COLOUR_MODES = ("makers", "local_rate", "foreign")
PANEL_METRICS = (
    M.LOCAL_RATE_VALUE,
    M.LOCAL_RATE_COUNT,
    M.PURCHASES,
    M.HHI,
    M.FOREIGN_SHARE,
    M.SINGLE_SOURCE_LINKS,
    M.SUPPLIERS,
    M.LOCATION_QUOTIENT,
)
DASH = "—"
Shade = Callable[[ChainTreeNode], tuple[str, str]]


@dataclass(frozen=True)
class MetricCell:
    """One metric as a page shows it: its label, its text, and whether it is suppressed."""

    key: ChainMetric
    label: str
    text: str
    suppressed: bool


def yuan(value: float | Decimal) -> Decimal:
    """Return an amount of yuan as a Decimal to the cent (for the money formatter)."""
    return Decimal(str(round(float(value), 2)))


def metric_text(key: ChainMetric, value: MetricValue, t: Labels) -> str:
    """Return one metric value as text: rates in %, money as the page language reads it, indices to 3 places, counts."""
    if value is None:
        return DASH
    if key in SHARE_METRICS:
        return share(float(value))
    if key in MONEY_METRICS:
        return format_cny(yuan(value), t.lang)
    if key in INDEX_METRICS:
        return f"{float(value):.3f}"
    if key is M.LOCATION_QUOTIENT:
        return f"{float(value):.2f}"
    return f"{int(value):,}"


def metric_cell(row: ChainNodeMetrics, key: ChainMetric, t: Labels) -> MetricCell:
    """Return a node's metric for a page; pairs and suppliers read as 'n of total'."""
    suppressed = row.suppressed and key in SUPPRESSED_METRICS
    if suppressed:
        text = DASH
    elif key is M.SINGLE_SOURCE_LINKS:
        text = t("chain.pairs_of", n=row.single_source_links, total=row.customer_node_pairs)
    elif key is M.SUPPLIERS:
        text = t("chain.local_of", local=row.local_suppliers, total=row.suppliers)
    else:
        text = metric_text(key, row.value(key), t)
    return MetricCell(key, t(f"metric.{key}"), text, suppressed)


def panel_cells(row: ChainNodeMetrics, t: Labels) -> list[MetricCell]:
    """Return the metrics a node's panel shows."""
    return [metric_cell(row, key, t) for key in PANEL_METRICS]


def mode_value(mode: str, tree: ChainTreeNode, row: ChainNodeMetrics | None) -> float | None:
    """Return the value a colour mode shows for a node."""
    if mode == "makers":
        return tree.local_share
    if row is None:
        return None
    return row.local_rate_value if mode == "local_rate" else row.foreign_share


def mode_colour(mode: str, value: float | None) -> str:
    """Return a node's colour in a mode: green is local, red is bought from outside (or abroad)."""
    if value is None:
        return NONE
    return share_colour(1 - value if mode == "foreign" else value)


def shader(mode: str, rows: Mapping[str, ChainNodeMetrics], t: Labels) -> Shade:
    """Return the function giving each node's colour and shown value in a colour mode."""

    def shade(tree: ChainTreeNode) -> tuple[str, str]:
        row = rows.get(tree.code)
        value = mode_value(mode, tree, row)
        suppressed = mode != "makers" and row is not None and row.suppressed
        return mode_colour(mode, value), DASH + "*" if suppressed else share(value)

    return shade
