"""Whom to attract (招商目标) for a gap node: enterprises outside the cluster that make it, scored by
factor, each factor with its reason. Score = Σ weight × factor, every factor in [0, 1]:

- match (0.35): 1 makes the node itself, 0.8 a node below it, 0.5 its parent category;
- scale (0.20): log(1 + output) relative to the largest candidate;
- tags (0.15): 小巨人 1, 专精特新 0.7, 高新 0.4 (the best one counts);
- links (0.20): links already selling to cluster enterprises, relative to the most linked candidate;
- region (0.10): 1 in the cluster's own province, 0.6 elsewhere in the country, 0.3 abroad.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from chainatlas.analytics.snapshot import ChainSnapshot, ancestors_table
from chainatlas.domain.chain_results import AttractionTarget

WEIGHTS = {"match": 0.35, "scale": 0.20, "tags": 0.15, "links": 0.20, "region": 0.10}
TAG_VALUES = {"小巨人": 1.0, "专精特新": 0.7, "高新": 0.4}
MATCH_VALUES = {"same": 1.0, "below": 0.8, "parent": 0.5}
REGION_VALUES = {"province": 1.0, "country": 0.6, "abroad": 0.3}


def home_province(snapshot: ChainSnapshot) -> str | None:
    """Return the province most of the cluster's enterprises are in."""
    provinces = [p for p, inside in zip(snapshot.firm_province, snapshot.firm_in_cluster, strict=False) if inside and p]
    return Counter(provinces).most_common(1)[0][0] if provinces else None


def _match_of(snapshot: ChainSnapshot, node: int) -> dict[int, str]:
    """Return how each node relates to the gap node: same, below it, or its parent category."""
    table = ancestors_table(snapshot.node_parent)
    relation = {int(i): "below" for i in np.flatnonzero((table[:, 1:] == node).any(axis=1))}
    parent = int(snapshot.node_parent[node])
    if parent >= 0:
        relation[parent] = "parent"
    relation[node] = "same"
    return relation


def _candidates(snapshot: ChainSnapshot, node: int) -> dict[int, str]:
    """Return outside enterprises making the node (or near it) and their best match."""
    relation = _match_of(snapshot, node)
    best: dict[int, str] = {}
    for firm, made in zip(snapshot.makes_firm.tolist(), snapshot.makes_node.tolist(), strict=True):
        kind = relation.get(made)
        if kind is None or snapshot.firm_in_cluster[firm]:
            continue
        if firm not in best or MATCH_VALUES[kind] > MATCH_VALUES[best[firm]]:
            best[firm] = kind
    return best


def attraction_targets(snapshot: ChainSnapshot, code: str, *, limit: int = 20) -> list[AttractionTarget]:
    """Return the best outside enterprises to attract for a node, highest score first."""
    node = snapshot.node_index(code)
    best = _candidates(snapshot, node)
    if not best:
        return []
    firms = np.array(sorted(best), dtype=np.int64)
    output = np.bincount(
        snapshot.makes_firm, weights=np.nan_to_num(snapshot.makes_output), minlength=len(snapshot.firm_ids)
    )
    to_cluster = snapshot.firm_in_cluster[snapshot.link_customer]
    links = np.bincount(snapshot.link_supplier[to_cluster], minlength=len(snapshot.firm_ids))
    scale = np.log1p(output[firms]) / max(np.log1p(output[firms]).max(), 1e-12)
    linked = links[firms] / max(int(links[firms].max()), 1)
    home = home_province(snapshot)
    rows = [
        _target(snapshot, int(f), best[int(f)], float(s), float(k), int(links[f]), home)
        for f, s, k in zip(firms, scale, linked, strict=True)
    ]
    return sorted(rows, key=lambda r: (-r.score, r.firm_id))[:limit]


def _target(
    snapshot: ChainSnapshot, firm: int, match: str, scale: float, linked: float, links: int, home: str | None
) -> AttractionTarget:
    tags = snapshot.firm_tags[firm] if snapshot.firm_tags else ()
    tag_value, tag = max(((TAG_VALUES[t], t) for t in tags if t in TAG_VALUES), default=(0.0, ""))
    province = snapshot.firm_province[firm] if snapshot.firm_province else None
    region = "abroad" if snapshot.firm_foreign[firm] else ("province" if province and province == home else "country")
    factors = {
        "match": MATCH_VALUES[match],
        "scale": scale,
        "tags": tag_value,
        "links": linked,
        "region": REGION_VALUES[region],
    }
    reasons = {
        "match": {
            "same": "makes this node",
            "below": "makes a product under this node",
            "parent": "makes the parent category",
        }[match],
        "scale": f"output scale {scale:.2f} of the largest candidate (log scale)",
        "tags": f"tagged {tag}" if tag else "no 小巨人/专精特新/高新 tag",
        "links": f"already sells to cluster enterprises through {links} link(s)",
        "region": {
            "province": f"in {home}, the cluster's province",
            "country": f"elsewhere in the country ({province or 'province unknown'})",
            "abroad": "abroad",
        }[region],
    }
    name = snapshot.firm_names[firm] if snapshot.firm_names else snapshot.firm_ids[firm]
    score = sum(WEIGHTS[k] * v for k, v in factors.items())
    return AttractionTarget(firm_id=snapshot.firm_ids[firm], name=name, score=score, factors=factors, reasons=reasons)
