"""Synthetic resilience figures for the demo: one profile per party of an active supply link, one BOM line
per (customer, chain node) it buys. All `synthetic`; real firms keep their sourced enterprise record apart.

Each site's product unit is 1 万元 of its output, so every figure derives from the demo's (synthetic)
output and link values and the undisrupted network loses no demand:
- demand_per_day = (output − sales to listed customers) / 365;
- units_per_unit (BOM) = what the customer buys of the node from listed suppliers / its output;
- capacity_per_day = output / 365 × 1.05–1.4 (headroom); inventory = 3–30 days of output;
- margin = 12–35 % contribution margin of 1 万元 of sales, in yuan;
- ttr_days by what the site makes: key-technology parts 60–180, other parts 14–60, machines 30–90,
  services and downstream 7–30; a third more abroad.
"""

from __future__ import annotations

import random
from collections import defaultdict
from decimal import Decimal

from chainatlas.demo.firms import NODES
from chainatlas.domain.common import SYNTHETIC

Row = dict[str, object]
SEED = 20251125
WAN = Decimal(10_000)
UNIT = "万元产值"


def _ttr(rng: random.Random, first_node: str, country: str) -> float:
    spec = NODES.get(first_node)
    if first_node.startswith("U"):
        low, high = (60, 180) if spec is not None and spec.key_technology else (14, 60)
    elif first_node.startswith("M"):
        low, high = 30, 90
    else:
        low, high = 7, 30
    days = rng.uniform(low, high) * (1.33 if country != "CN" else 1.0)
    return round(days, 1)


def _q(value: float, places: int = 4) -> str:
    return f"{value:.{places}f}"


def resilience_rows(
    enterprises: list[Row], makes: list[Row], links: list[Row], seed: int = SEED
) -> tuple[list[Row], list[Row]]:
    """Return (resilience_profiles, bom_lines) rows for the parties of the links that have not ended."""
    rng = random.Random(seed)  # noqa: S311 - a reproducible demo, not a secret
    output: dict[str, Decimal] = defaultdict(Decimal)
    first_node: dict[str, str] = {}
    for row in makes:
        output[str(row["enterprise_id"])] += Decimal(str(row["annual_output_cny"] or 0)) / WAN
        first_node.setdefault(str(row["enterprise_id"]), str(row["node_code"]))
    sales: dict[str, Decimal] = defaultdict(Decimal)
    bought: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for link in links:
        if link["until"] is None:
            value = Decimal(str(link["annual_value_cny"] or 0)) / WAN
            sales[str(link["supplier_id"])] += value
            bought[(str(link["customer_id"]), str(link["node_code"]))] += value
    parties = sorted({str(k[0]) for k in bought} | set(sales))
    country = {str(e["id"]): str(e["country"]) for e in enterprises}
    profiles = [_profile(rng, e, output[e], sales[e], first_node.get(e, "D"), country[e]) for e in parties]
    bom: list[Row] = [
        {
            "customer_id": customer,
            "node_code": node,
            "source": SYNTHETIC,
            "units_per_unit": _q(max(float(value / output[customer]), 1e-6), 6) if output[customer] > 0 else "1",
        }
        for (customer, node), value in sorted(bought.items())
    ]
    return profiles, bom


def _profile(rng: random.Random, firm: str, output: Decimal, sold: Decimal, node: str, country: str) -> Row:
    per_day = float(output) / 365
    return {
        "enterprise_id": firm,
        "demand_per_day": _q(max(0.0, float(output - sold)) / 365),
        "capacity_per_day": _q(per_day * rng.uniform(1.05, 1.4)) if per_day > 0 else None,
        "inventory": _q(per_day * rng.uniform(3, 30)),
        "margin_cny": f"{10_000 * rng.uniform(0.12, 0.35):.2f}",
        "ttr_days": _q(_ttr(rng, node, country), 1),
        "unit": UNIT,
        "source": SYNTHETIC,
    }
