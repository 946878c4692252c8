"""What-if scenarios as the pages show them: the form's changes, the words for a change, the before/after
of every changed metric (better or worse), the headline and the chart."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from chainatlas.domain.chain_node import ChainNode
from chainatlas.domain.enterprise import Enterprise
from chainatlas.reports.money import format_cny
from chainatlas.services.chain_pages import EnterpriseChoice
from chainatlas.web.chain_display import INDICES, MONEY, SHARES, metric_text, yuan
from chainatlas.web.chain_gaps import node_name
from chainatlas.web.formatting import share
from chainatlas.web.i18n import Translator

HIGHER_IS_BETTER = frozenset(
    {"enterprises_in_cluster", "local_value", "local_rate_value", "suppliers", "local_suppliers", "local_rate_count"}
)
LOWER_IS_BETTER = frozenset({"hhi", "foreign_share", "single_source_links"})
CHART_NODES = 12
FORM_FIELDS = (
    "attract_firm",
    "attract_district",
    "supplier_firm",
    "supplier_node",
    "supplier_customer",
    "supplier_value",
    "year",
    "save_as",
)


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


Problems = list[tuple[str, dict[str, str]]]
"""Label keys of what is wrong with a form, with their placeholder values."""


def form_changes(
    form: Mapping[str, str], known: Mapping[str, str] | None = None
) -> tuple[list[dict[str, Any]], Problems]:
    """Return the changes a scenario form asks for, and what is wrong with it; `known` maps the names and ids
    of the enterprises on offer to their ids (None: take what is typed as an id)."""
    firms = {
        name: resolve(form.get(name, ""), known) for name in ("attract_firm", "supplier_firm", "supplier_customer")
    }
    problems: Problems = [
        ("scenarios.unknown_firm", {"firm": form[n]}) for n, v in firms.items() if form.get(n) and v is None
    ]
    changes: list[dict[str, Any]] = []
    if firms["attract_firm"]:
        district = form.get("attract_district") or None
        changes.append(
            {"action": "attract", "firm": firms["attract_firm"], **({"district": district} if district else {})}
        )
    supplier = [
        form.get(name, "") for name in ("supplier_firm", "supplier_node", "supplier_customer", "supplier_value")
    ]
    if any(supplier):
        value = annual_value(supplier[3])
        if not all(supplier[:3]) or value is None:
            problems.append(("scenarios.supplier_incomplete", {}))
        elif firms["supplier_firm"] and firms["supplier_customer"]:
            changes.append(
                {
                    "action": "add_supplier",
                    "firm": firms["supplier_firm"],
                    "node": supplier[1],
                    "customer": firms["supplier_customer"],
                    "value": value,
                }
            )
    if not changes and not problems:
        problems.append(("scenarios.need_change", {}))
    return changes, problems


def resolve(text: str, known: Mapping[str, str] | None) -> str | None:
    """Return the enterprise id a form field names (by id or exact name), None when unknown or empty."""
    if not text:
        return None
    return text if known is None else known.get(text)


def annual_value(text: str) -> float | None:
    """Return a positive amount of yuan typed on a form (thousands separators allowed), or None."""
    try:
        value = Decimal(text.replace(",", "").replace("\uff0c", "").strip())
    except InvalidOperation:
        return None
    return float(value) if value.is_finite() and value > 0 else None


def describe(
    change: Mapping[str, Any], firms: Mapping[str, Enterprise], nodes: Mapping[str, ChainNode], t: Translator
) -> str:
    """Return one change in words, in the page language."""

    def firm(firm_id: str) -> str:
        found = firms.get(firm_id)
        return f"{t.name(found.name_zh, found.name_en)} ({firm_id})" if found else firm_id

    if change.get("action") == "attract":
        if change.get("district"):
            return t("change.attract_to", firm=firm(change["firm"]), district=change["district"])
        return t("change.attract", firm=firm(change["firm"]))
    value = format_cny(yuan(float(change.get("value") or 0)), t.lang)
    return t(
        "change.add_supplier",
        supplier=firm(change["firm"]),
        customer=firm(change.get("customer") or ""),
        node=node_name(nodes, change.get("node") or "", t),
        value=value,
    )


def firm_ids(changes: Sequence[Mapping[str, Any]]) -> set[str]:
    """Return every enterprise a list of changes names."""
    return {str(c[k]) for c in changes for k in ("firm", "customer") if c.get(k)}


def direction(metric: str, before: Any, after: Any) -> str:
    """Return whether a metric's move makes the cluster better off, worse off, or neither."""
    if before is None or after is None or metric not in HIGHER_IS_BETTER | LOWER_IS_BETTER:
        return "neutral"
    up = after > before
    return "better" if up == (metric in HIGHER_IS_BETTER) else "worse"


def delta_text(metric: str, before: Any, after: Any, t: Translator) -> str:
    """Return how far a metric moved: percentage points for rates, money for amounts, else the difference."""
    if before is None or after is None:
        return ""
    diff = float(after) - float(before)
    if metric in SHARES:
        return t("scenarios.points", value=signed(diff * 100, 1))
    if metric in MONEY:
        return ("+" if diff > 0 else "") + format_cny(yuan(diff), t.lang)
    return signed(diff, 3) if metric in INDICES else f"{int(diff):+,}"


def signed(value: float, places: int) -> str:
    """Return a signed number to `places` decimals, or to as many more (up to 3) as it takes not to read 0."""
    text = f"{value:+.{places}f}"
    for more in (1, 2, 3):
        if float(text) != 0:
            break
        text = f"{value:+.{places + more}f}"
    return text


def metric_change(metric: str, pair: Mapping[str, Any], t: Translator) -> MetricChange:
    """Return one metric's move as the table shows it."""
    before, after = pair["before"], pair["after"]
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


def node_changes(
    differences: Sequence[Mapping[str, Any]], nodes: Mapping[str, ChainNode], t: Translator
) -> list[NodeChanges]:
    """Return every changed metric, grouped by node, nodes in code order."""
    return [
        NodeChanges(
            item["code"],
            node_name(nodes, item["code"], t),
            [metric_change(metric, pair, t) for metric, pair in item["changes"].items()],
        )
        for item in sorted(differences, key=lambda d: str(d["code"]))
    ]


def _rate_moves(differences: Sequence[Mapping[str, Any]]) -> list[tuple[str, float, float]]:
    """Return (code, before, after) of every local supporting rate by value that moved, largest move first."""
    moves = [
        (str(d["code"]), float(pair["before"] or 0.0), float(pair["after"] or 0.0))
        for d in differences
        if (pair := d["changes"].get("local_rate_value"))
    ]
    return sorted(moves, key=lambda m: (-abs(m[2] - m[1]), m[0]))


def headline(
    differences: Sequence[Mapping[str, Any]], nodes: Mapping[str, ChainNode], t: Translator
) -> dict[str, str] | None:
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
        "direction": direction("local_rate_value", before, after),
    }


def rate_chart(
    differences: Sequence[Mapping[str, Any]], nodes: Mapping[str, ChainNode], t: Translator
) -> dict[str, Any]:
    """Return the before/after local supporting rates (in %) of the nodes that moved most, as bar-chart data."""
    moves = _rate_moves(differences)[:CHART_NODES][::-1]
    return {
        "names": [node_name(nodes, code, t) for code, _, _ in moves],
        "series": [
            {"name": t("scenarios.before"), "data": [round(b * 100, 1) for _, b, _ in moves]},
            {"name": t("scenarios.after"), "data": [round(a * 100, 1) for _, _, a in moves]},
        ],
    }


def known_firms(choices: Sequence[EnterpriseChoice], *, complete: bool) -> dict[str, str] | None:
    """Return the ids of the enterprises on offer by id and by name (None when the offer is not every enterprise)."""
    if not complete:
        return None
    known: dict[str, str] = {}
    for choice in choices:
        for name in (choice.name_en, choice.name_zh):
            if name:
                known[name] = choice.id
    return known | {choice.id: choice.id for choice in choices}
