"""Gap ranking (补链): where the cluster buys from outside, how feasible and how strategic it is
to fill that gap locally, and why — over a ChainSnapshot and its NodeMetrics.

- gap = the cluster's purchases of a node × (1 − local supporting rate by value);
- feasibility = relatedness density (economic-complexity style): proximity φ(i, j) = enterprises
  making both i and j / max(makers of i, makers of j), over every enterprise of the registry
  (outside ones too), raised to RELATED_EDGE_PROXIMITY for known related pairs (product
  upstream edges); density(i) = Σ_j φ(i, j)·[cluster makes j] / Σ_j φ(i, j);
- criticality = the share of the cluster's output made by enterprises that buy the node;
- strategic value = (1 + criticality) × KEY_TECHNOLOGY_WEIGHT when the node or an ancestor is a
  key technology (卡脖子), else (1 + criticality);
- attractiveness = gap × strategic value; score = attractiveness × feasibility.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from chainatlas.analytics.chain import NodeMetrics
from chainatlas.analytics.snapshot import Bools, ChainSnapshot, Floats, active_links, ancestors_table
from chainatlas.domain.chain_results import ChainGap, yuan

RELATED_EDGE_PROXIMITY = 0.5
KEY_TECHNOLOGY_WEIGHT = 1.5
QUADRANTS = {
    (True, True): ("attract_now", "优先招引"),
    (True, False): ("build_capability", "培育能力"),
    (False, True): ("quick_win", "就近补链"),
    (False, False): ("watch", "持续观察"),
}
"""(attractive, feasible) → quadrant name in English and Chinese; thresholds are the medians."""
FEASIBILITY_DIGITS = 4
"""Feasibility is placed against its median to 4 decimals, the precision the quadrant chart draws it at: two
densities that differ only by float rounding (0.9999999999999999 and 1.0, the same sums added in another
order) are one value, and a point drawn on the median line counts as on it (≥, the feasible side)."""
ATTRACTIVENESS_DIGITS = 2
"""Attractiveness (yuan a year) is placed to the fen, as the ranking reports it."""


def median_cut(values: Floats, digits: int) -> float:
    """Return the median of values rounded to some decimals, itself rounded (a quadrant's threshold)."""
    return round(float(np.median(np.round(values, digits))), digits)


def quadrant(attractiveness: float, feasibility: float, cuts: tuple[float, float]) -> tuple[str, str]:
    """Return a node's quadrant (English and Chinese names), its values and the cuts compared as rounded."""
    attractive = round(attractiveness, ATTRACTIVENESS_DIGITS) >= cuts[0]
    feasible = round(feasibility, FEASIBILITY_DIGITS) >= cuts[1]
    return QUADRANTS[(attractive, feasible)]


def proximity(snapshot: ChainSnapshot) -> sp.csr_matrix:
    """Return the node × node proximity φ from co-production across all enterprises (and known edges)."""
    n, firms = len(snapshot.node_codes), len(snapshot.firm_ids)
    pairs = np.unique(snapshot.makes_firm * n + snapshot.makes_node)
    made = sp.csr_matrix((np.ones(len(pairs)), (pairs // n, pairs % n)), shape=(firms, n))
    together = (made.T @ made).tocoo()
    makers = np.asarray(made.sum(axis=0)).ravel()
    keep = together.row != together.col
    rows, cols = together.row[keep], together.col[keep]
    values = together.data[keep] / np.maximum(makers[rows], makers[cols])
    phi = sp.csr_matrix((values, (rows, cols)), shape=(n, n))
    if snapshot.related_pairs:
        a, b = np.array(snapshot.related_pairs).T
        edges = sp.csr_matrix((np.full(2 * len(a), RELATED_EDGE_PROXIMITY), (np.r_[a, b], np.r_[b, a])), shape=(n, n))
        phi = phi.maximum(edges)
    return phi.tocsr()


def relatedness_density(snapshot: ChainSnapshot) -> Floats:
    """Return, per node, how related it is to what the cluster already makes (0–1)."""
    phi = proximity(snapshot)
    present = np.zeros(len(snapshot.node_codes))
    present[snapshot.makes_node[snapshot.firm_in_cluster[snapshot.makes_firm]]] = 1.0
    weight = np.asarray(phi.sum(axis=1)).ravel()
    near = np.asarray(phi @ present, dtype=np.float64)
    density: Floats = np.divide(near, weight, out=np.zeros_like(weight), where=weight > 0)
    return density


def criticality(snapshot: ChainSnapshot, year: int | None) -> Floats:
    """Return, per node, the share of the cluster's output made by enterprises that buy it (directly)."""
    inside = snapshot.firm_in_cluster
    firm_output = np.bincount(snapshot.makes_firm, weights=np.nan_to_num(snapshot.makes_output), minlength=len(inside))
    total = firm_output[inside].sum()
    n = len(snapshot.node_codes)
    take = active_links(snapshot, year) & inside[snapshot.link_customer]
    buyers = np.unique(snapshot.link_customer[take] * n + snapshot.link_node[take])
    dependent = np.bincount(buyers % n, weights=firm_output[buyers // n], minlength=n)
    return dependent / total if total > 0 else np.zeros(n)


def key_technology_below(snapshot: ChainSnapshot) -> Bools:
    """Return which nodes are key technologies themselves or sit below one."""
    table = ancestors_table(snapshot.node_parent)
    flags = np.where(table >= 0, snapshot.node_key_technology[np.maximum(table, 0)], False)
    below: Bools = np.asarray(flags.any(axis=1), dtype=bool)
    return below


def gap_ranking(snapshot: ChainSnapshot, metrics: NodeMetrics) -> list[ChainGap]:
    """Return the nodes the cluster buys directly, ranked by score (largest first), each with its reason."""
    take = active_links(snapshot, metrics.year) & snapshot.firm_in_cluster[snapshot.link_customer]
    bought = np.unique(snapshot.link_node[take & (np.nan_to_num(snapshot.link_value) > 0)])
    if len(bought) == 0:
        return []
    local = np.nan_to_num(metrics.local_rate_value)
    gap = metrics.purchases * (1 - local)
    feasible, critical, key = (
        relatedness_density(snapshot),
        criticality(snapshot, metrics.year),
        key_technology_below(snapshot),
    )
    strategic = (1 + critical) * np.where(key, KEY_TECHNOLOGY_WEIGHT, 1.0)
    attractive = gap * strategic
    cuts = (median_cut(attractive[bought], ATTRACTIVENESS_DIGITS), median_cut(feasible[bought], FEASIBILITY_DIGITS))
    rows = [_row(snapshot, metrics, int(i), gap, feasible, critical, key, strategic, attractive, cuts) for i in bought]
    return sorted(rows, key=lambda r: (-r.score, r.code))


def _row(
    snapshot: ChainSnapshot,
    metrics: NodeMetrics,
    i: int,
    gap: Floats,
    feasible: Floats,
    critical: Floats,
    key: Bools,
    strategic: Floats,
    attractive: Floats,
    cuts: tuple[float, float],
) -> ChainGap:
    rate = None if np.isnan(metrics.local_rate_value[i]) else float(metrics.local_rate_value[i])
    placed, placed_zh = quadrant(float(attractive[i]), float(feasible[i]), cuts)
    en, zh = _reasons(float(metrics.purchases[i]), rate, float(feasible[i]), float(critical[i]), bool(key[i]))
    return ChainGap(
        code=snapshot.node_codes[i],
        purchases=yuan(metrics.purchases[i]),
        local_rate_value=rate,
        gap=yuan(gap[i]),
        feasibility=float(feasible[i]),
        criticality=float(critical[i]),
        key_technology=bool(key[i]),
        strategic_value=float(strategic[i]),
        attractiveness=round(float(attractive[i]), 2),
        score=round(float(attractive[i] * feasible[i]), 2),
        quadrant=placed,
        quadrant_zh=placed_zh,
        reason_en=en,
        reason_zh=zh,
    )


def _reasons(purchases: float, rate: float | None, feasible: float, critical: float, key: bool) -> tuple[str, str]:
    local = 0.0 if rate is None else rate
    yi = purchases / 1e8
    en = [
        f"the cluster buys {yi:,.2f} 亿元 a year of it, {local:.0%} from local suppliers",
        f"relatedness to what the cluster makes {feasible:.2f}",
        f"buyers make {critical:.0%} of the cluster's output",
    ]
    zh = [
        f"集群年采购 {yi:,.2f} 亿元，本地配套率 {local:.0%}",
        f"与现有产业关联度 {feasible:.2f}",
        f"采购企业产值占集群 {critical:.0%}",
    ]
    if key:
        en.append("a key technology (卡脖子)")
        zh.append("属卡脖子关键技术")
    return "; ".join(en), "；".join(zh)
