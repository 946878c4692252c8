"""Synthetic supply links of the demo: who buys which chain node from whom, how much and since when.

Demand drives everything: machine makers spend a share of their output on each upstream system,
component makers on their inputs, downstream firms on machines; a supplier's output is then its
sales to the listed customers divided by the part of its market they make up. Every link has at
least one party in the cluster.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from chainatlas.demo import taxonomy
from chainatlas.demo.firms import LEAVES, NODES, Firm, Registry, by_prefix, leaves_under, system_of, under

REAL_OUTPUT_YI = {"E0001": 420.0, "E0002": 310.0, "E0003": 85.0, "E0004": 55.0, "E0005": 45.0}
"""Synthetic Changsha output of the real makers' product lines, 亿元 (not a sourced figure)."""
_PRIOR_LOG10 = {"local": (6.3, 8.3), "domestic": (7.0, 9.0), "foreign": (9.0, 10.5)}
_SERVICE_PRIOR_LOG10 = {"local": (6.3, 8.3), "domestic": (6.8, 8.6), "foreign": (7.5, 8.9)}
_MARKET_SHARE = {"local": (0.5, 0.95), "domestic": (0.1, 0.5), "foreign": (0.01, 0.08)}
_BUY_CHANCE = {"local": 0.7, "domestic": 0.2, "foreign": 0.2}
_OUTSIDE_SHARE = {"domestic": 0.3, "foreign": 0.05}
"""Part of an outside firm's purchases of a component that cluster suppliers could plausibly make up."""
YI = 1e8
MIN_SPEND = 5e5
"""Yuan a year below which a purchase is too small to be tracked as a supply link."""


@dataclass
class Link:
    """A supply link while the generator builds it."""

    supplier: Firm
    customer: Firm
    node: str
    value: float
    basis_points: int
    since: int
    until: int | None
    confidence: float
    confidential: bool
    evidence: str | None


class Market:
    """The registry plus the links bought so far."""

    def __init__(self, reg: Registry) -> None:
        self.reg = reg
        self.rng = reg.rng
        self.links: list[Link] = []
        self.bought: set[tuple[str, str]] = set()


def settle(rng: random.Random, firm: Firm, node: str) -> float:
    """Fix a firm's output of a node (from its sales, or a typical size) and return it."""
    if node not in firm.output:
        sales = firm.sales.get(node, 0.0)
        if sales > 0:
            firm.output[node] = sales / rng.uniform(*_MARKET_SHARE[firm.where])
        else:
            low, high = (_SERVICE_PRIOR_LOG10 if node[0] in "DS" else _PRIOR_LOG10)[firm.where]
            firm.output[node] = 10 ** rng.uniform(low, high)
    return firm.output[node]


def split_basis_points(rng: random.Random, weights: list[float]) -> list[int]:
    """Split up to 10,000 basis points over suppliers, roughly by weight; the rest is unlisted suppliers."""
    total = rng.randint(4000, 9500) if len(weights) > 1 else rng.randint(2000, 8000)
    raw = [w * rng.uniform(0.5, 1.5) for w in weights]
    points = [max(100, int(total * r / sum(raw))) for r in raw]
    while sum(points) > 10000:
        points[points.index(max(points))] -= sum(points) - 10000
    return points


def link_years(rng: random.Random, supplier: Firm, customer: Firm) -> tuple[int, int | None]:
    """Return when a link started (2005 or later, after both firms existed) and, rarely, ended."""
    low = max(2005, supplier.founded or 2005, customer.founded or 2005)
    since = min(2025, low + int((2026 - low) * rng.random() ** 1.3))
    until = rng.randint(since + 1, 2025) if since < 2025 and rng.random() < 0.07 else None
    return since, until


def pick_suppliers(rng: random.Random, pool: list[Firm], k: int, customer: Firm, bias: float) -> list[Firm]:
    """Draw k suppliers without replacement, favouring big ones and, for cluster firms, local ones by bias."""
    pool, chosen = list(pool), []
    for _ in range(k):
        weights = [f.weight * (bias if customer.in_cluster and f.in_cluster else 1.0) for f in pool]
        pick = rng.choices(pool, weights=weights)[0]
        chosen.append(pick)
        pool.remove(pick)
    return chosen


def buy(market: Market, customer: Firm, node: str, spend: float, most: int, least: int = 1) -> None:
    """Buy a node from least..most suppliers who make it (fewer if fewer exist), splitting the spend by share."""
    rng = market.rng
    pool = [f for f in market.reg.makers.get(node, []) if f is not customer and (customer.in_cluster or f.in_cluster)]
    if not pool or spend < MIN_SPEND or (customer.id, node) in market.bought or node in customer.nodes:
        return
    market.bought.add((customer.id, node))
    top = min(most, len(pool))
    bias = 1.0 if NODES[node].key_technology else 1.6
    chosen = pick_suppliers(rng, pool, rng.randint(min(least, top), top), customer, bias)
    points_each = split_basis_points(rng, [f.weight for f in chosen])
    if not customer.in_cluster and node.startswith("U"):
        points_each = [max(10, round(p * _OUTSIDE_SHARE[customer.where])) for p in points_each]
    for supplier, points in zip(chosen, points_each, strict=True):
        value = spend * points / 10000
        since, until = link_years(rng, supplier, customer)
        confidence, secret = round(rng.uniform(0.5, 1.0), 2), rng.random() < 0.1
        evidence = "synthetic" if rng.random() < 0.75 else None
        market.links.append(Link(supplier, customer, node, value, points, since, until, confidence, secret, evidence))
        supplier.sales[node] = supplier.sales.get(node, 0.0) + value


def machine_needs(product: str, output: float) -> dict[str, float]:
    """Return what making a machine line costs per upstream leaf (system share split over its leaves)."""
    prefixes = [p for key, ps in taxonomy.BILL_OF_MATERIALS.items() if under(product, key) for p in ps]
    leaves = sorted({leaf for prefix in prefixes for leaf in leaves_under(prefix)}, key=LEAVES.index)
    needs: dict[str, float] = {}
    for leaf in leaves:
        system = system_of(leaf)
        peers = sum(1 for other in leaves if system_of(other) == system)
        needs[leaf] = output * taxonomy.SYSTEM_COST_SHARE[system] / peers
    return needs


def set_machine_outputs(market: Market) -> None:
    """Give every machine maker an output per product line (real makers: a synthetic total)."""
    rng = market.rng
    for firm in market.reg.firms:
        lines = [n for n in firm.nodes if n.startswith("M")]
        if firm.real:
            shares = [rng.uniform(0.5, 1.5) for _ in lines]
            firm.weight = REAL_OUTPUT_YI[firm.id] / 10
            for node, share in zip(lines, shares, strict=True):
                firm.output[node] = REAL_OUTPUT_YI[firm.id] * YI * share / sum(shares)
        for node in lines:
            if not firm.real:
                firm.output[node] = 10 ** rng.uniform(8.5, 9.8 if firm.in_cluster else 10.4)


def buy_machines(market: Market) -> None:
    """Let downstream firms buy two or three kinds of machine from the makers."""
    rng = market.rng
    for firm in market.reg.firms:
        prefixes = by_prefix(firm.nodes[0], taxonomy.MACHINE_BUYERS) if firm.nodes else None
        if not prefixes:
            continue
        budget = settle(rng, firm, firm.nodes[0]) * 0.5
        options = [leaf for p in prefixes for leaf in leaves_under(p) if leaf in market.reg.makers]
        chosen = rng.sample(options, min(len(options), rng.randint(2, 4)))
        for leaf in chosen:
            buy(market, firm, leaf, budget / len(chosen), 2)
    for firm in market.reg.firms:
        for node in [n for n in firm.nodes if n.startswith("M")]:
            firm.output[node] = max(firm.output[node], firm.sales.get(node, 0.0) / 0.5)


def buy_components(market: Market) -> None:
    """Let every machine maker buy each leaf of its bills of materials from several suppliers."""
    for firm in market.reg.firms:
        needs: dict[str, float] = {}
        for node in [n for n in firm.nodes if n.startswith("M")]:
            for leaf, spend in machine_needs(node, firm.output[node]).items():
                needs[leaf] = needs.get(leaf, 0.0) + spend
        most, least = (7, 4) if firm.id in ("E0001", "E0002") else (4, 2) if firm.real else (3, 1)
        for leaf, spend in needs.items():
            buy(market, firm, leaf, spend, most, least)


def inputs_of(leaf: str) -> tuple[str, ...]:
    """Return the tier-2 leaves a component maker of this leaf buys."""
    prefixes = [p for key, ps in taxonomy.COMPONENT_INPUTS.items() if under(leaf, key) for p in ps]
    found = {other for prefix in prefixes for other in leaves_under(prefix) if other != leaf}
    return tuple(sorted(found, key=LEAVES.index))


def component_levels() -> dict[str, int]:
    """Return each upstream leaf's depth in the bill-of-materials graph (1 = bought by machine makers)."""
    level = {leaf: 1 for leaf in LEAVES if leaf.startswith("U")}
    for _ in range(len(level)):
        deeper = [(need, level[leaf] + 1) for leaf in level for need in inputs_of(leaf) if level[need] <= level[leaf]]
        if not deeper:
            return level
        for need, depth in deeper:
            level[need] = max(level[need], depth)
    raise RuntimeError("component inputs form a cycle")


def buy_inputs(market: Market) -> None:
    """Walk the components tier by tier: fix each maker's output, then let it buy its inputs."""
    rng = market.rng
    levels = component_levels()
    for depth in sorted(set(levels.values())):
        for leaf in [leaf for leaf, d in levels.items() if d == depth]:
            inputs = inputs_of(leaf)
            for firm in market.reg.makers.get(leaf, []):
                output = settle(rng, firm, leaf)
                for need in inputs:
                    if rng.random() < _BUY_CHANCE[firm.where]:
                        buy(market, firm, need, output * 0.45 / len(inputs), 3)


def buy_services(market: Market) -> None:
    """Let firms buy testing, R&D, training, fair, after-market and used-equipment services."""
    rng = market.rng
    for service, buyer_prefixes in taxonomy.SERVICE_BUYERS.items():
        rate, chance = (0.02, 0.35) if service.startswith("D") else (0.005, 0.12)
        for firm in market.reg.firms:
            if not any(under(n, p) for n in firm.nodes for p in buyer_prefixes):
                continue
            total = sum(settle(rng, firm, n) for n in firm.nodes)
            for leaf in leaves_under(service):
                if rng.random() < chance:
                    buy(market, firm, leaf, total * rate, 2)
        for leaf in leaves_under(service):
            for firm in market.reg.makers.get(leaf, []):
                settle(rng, firm, leaf)


def build_market(reg: Registry) -> Market:
    """Generate every supply link and fix every enterprise's output per node."""
    market = Market(reg)
    set_machine_outputs(market)
    buy_machines(market)
    buy_components(market)
    buy_inputs(market)
    buy_services(market)
    for firm in reg.firms:
        for node in firm.nodes:
            settle(market.rng, firm, node)
    return market
