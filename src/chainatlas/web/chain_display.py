"""How chain metrics read and colour on the pages: values (with suppressed ones marked), colour modes."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from chainatlas.domain.registry_results import TreeNode
from chainatlas.reports.charts import NONE, share_colour
from chainatlas.reports.money import format_cny
from chainatlas.services.chain import SUPPRESSED_KEYS
from chainatlas.web.formatting import share
from chainatlas.web.i18n import Translator

COLOUR_MODES = ("makers", "local_rate", "foreign")
PANEL_METRICS = (
    "local_rate_value",
    "local_rate_count",
    "purchases",
    "hhi",
    "foreign_share",
    "single_source_links",
    "suppliers",
    "location_quotient",
)
SHARES = frozenset({"local_rate_value", "local_rate_count", "foreign_share"})
MONEY = frozenset({"purchases", "local_value"})
INDICES = frozenset({"hhi", "customer_hhi"})
DASH = "—"
Row = Mapping[str, Any]
Shade = Callable[[TreeNode], tuple[str, str]]


@dataclass(frozen=True)
class MetricCell:
    """One metric as a page shows it: its label, its text, and whether it is suppressed."""

    key: str
    label: str
    text: str
    suppressed: bool


def yuan(value: float) -> Decimal:
    """Return a float amount of yuan as a Decimal to the cent (for the money formatter)."""
    return Decimal(str(round(value, 2)))


def metric_text(key: str, value: Any, t: Translator) -> str:
    """Return one metric value as text: rates in %, money as the page language reads it, indices to 3 places, counts."""
    if value is None:
        return DASH
    if key in SHARES:
        return share(float(value))
    if key in MONEY:
        return format_cny(yuan(float(value)), t.lang)
    if key in INDICES:
        return f"{float(value):.3f}"
    if key == "location_quotient":
        return f"{float(value):.2f}"
    return f"{int(value):,}"


def metric_cell(row: Row, key: str, t: Translator) -> MetricCell:
    """Return a node's metric for a page; pairs and suppliers read as 'n of total'."""
    suppressed = bool(row.get("suppressed")) and key in SUPPRESSED_KEYS
    if suppressed:
        text = DASH
    elif key == "single_source_links":
        text = t("chain.pairs_of", n=row[key], total=row["customer_node_pairs"])
    elif key == "suppliers":
        text = t("chain.local_of", local=row["local_suppliers"], total=row[key])
    else:
        text = metric_text(key, row.get(key), t)
    return MetricCell(key, t(f"metric.{key}"), text, suppressed)


def panel_cells(row: Row, t: Translator) -> list[MetricCell]:
    """Return the metrics a node's panel shows."""
    return [metric_cell(row, key, t) for key in PANEL_METRICS]


def mode_value(mode: str, tree: TreeNode, row: Row) -> float | None:
    """Return the value a colour mode shows for a node."""
    if mode == "makers":
        return tree.local_share
    value = row.get("local_rate_value" if mode == "local_rate" else "foreign_share")
    return None if value is None else float(value)


def mode_colour(mode: str, value: float | None) -> str:
    """Return a node's colour in a mode: green is local, red is bought from outside (or abroad)."""
    if value is None:
        return NONE
    return share_colour(1 - value if mode == "foreign" else value)


def shader(mode: str, rows: Mapping[str, Row], t: Translator) -> Shade:
    """Return the function giving each node's colour and shown value in a colour mode."""

    def shade(tree: TreeNode) -> tuple[str, str]:
        row = rows.get(tree.node.code, {})
        value = mode_value(mode, tree, row)
        suppressed = mode != "makers" and bool(row.get("suppressed"))
        return mode_colour(mode, value), DASH + "*" if suppressed else share(value)

    return shade
