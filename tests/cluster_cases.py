"""A two-cluster registry for comparing clusters, with every figure of the comparison worked out by hand.

Nodes: U (upstream) > U.HYD (hydraulics, key technology); M (midstream) > M.EXC (excavators).
Clusters: `default` (本集群, membership by list: E1, E3 from their in_cluster; the whole taxonomy, home CN) and
`hyd` (region country:DE, subtree U: E2 and E4, German makers of U.HYD; home DE).

Supply links (supplier → customer, node, yuan):
  L1 E2 → E1 U.HYD 600,000    L2 E3 → E1 U.HYD 400,000    L3 E5 → E1 U.HYD 200,000 (E5: Japan)
  L4 E4 → E2 U.HYD 100,000    L5 E5 → E2 U.HYD 300,000    L6 E6 → E1 M.EXC  50,000 (E6: CN, outside both)
  L7 E3 → E4 U.HYD  80,000

default: members E1, E3 (2); output on the subtree E1 M.EXC 1,000,000 + E3 U.HYD 200,000 = 1,200,000.
  Purchases (customer a member): L1, L2, L3, L6 = 1,250,000; local (supplier a member): L2 = 400,000 →
  0.32 by value; suppliers E2, E3, E5, E6 = 4, local E3 = 1 → 0.25 by count. Key technology (U.HYD): L1, L2,
  L3 = 1,200,000, foreign (not CN) E2 600,000 + E5 200,000 = 800,000 → 2/3, from 3 suppliers.
hyd: members E2, E4 (2); output on U: E2 300,000 + E4 100,000 = 400,000. Purchases: L4, L5, L7 = 480,000;
  local L4 = 100,000 → 100/480; suppliers E4, E5, E3 = 3, local E4 → 1/3. Key technology: all three,
  foreign (not DE) E5 300,000 + E3 80,000 = 380,000 → 380/480, from 3 suppliers.
Size classes: default E1 large, E3 none; hyd E2 medium, E4 medium.
Targets: one of the default cluster (scope `cluster`), one of hyd (`cluster:hyd`).
"""

from __future__ import annotations

from pathlib import Path

from tests.factories import ENTERPRISES, NODES, SECOND_CLUSTER, write_csv

SIZES = {"E1": "large", "E2": "medium"}
MORE_FIRMS = [
    {"id": "E4", "name_zh": "丁液压", "country": "DE", "size_class": "medium", "source": "synthetic"},
    {"id": "E5", "name_zh": "戊精工", "country": "JP", "source": "synthetic"},
    {"id": "E6", "name_zh": "己机械", "country": "CN", "in_cluster": "false", "source": "synthetic"},
]
MAKES = [
    ("E1", "M.EXC", "1000000"),
    ("E3", "U.HYD", "200000"),
    ("E2", "U.HYD", "300000"),
    ("E4", "U.HYD", "100000"),
]
LINKS = [
    ("E2", "E1", "U.HYD", "600000"),
    ("E3", "E1", "U.HYD", "400000"),
    ("E5", "E1", "U.HYD", "200000"),
    ("E4", "E2", "U.HYD", "100000"),
    ("E5", "E2", "U.HYD", "300000"),
    ("E6", "E1", "M.EXC", "50000"),
    ("E3", "E4", "U.HYD", "80000"),
]
CONFIDENTIAL = {("E2", "E1"), ("E4", "E2"), ("E6", "E1")}
"""L1 (on U, touches E1 of default and E2 of hyd), L4 (hyd's only), L6 (on M: default's only) are confidential."""
TARGETS = [
    {"metric": "output", "scope": "cluster", "target_period": "2030", "target_value": "100", "source": "synthetic"},
    {"metric": "output", "scope": "cluster:hyd", "target_period": "2030", "target_value": "100", "source": "synthetic"},
]

EXPECTED = {
    "default": {
        "members": 2,
        "output": 1_200_000.0,
        "purchases": 1_250_000.0,
        "suppliers": 4,
        "local_rate_value": 0.32,
        "local_rate_count": 0.25,
        "key_technology_foreign_share": 800 / 1200,
        "size_classes": {"large": 1, "unknown": 1},
        "targets_total": 1,
    },
    "hyd": {
        "members": 2,
        "output": 400_000.0,
        "purchases": 480_000.0,
        "suppliers": 3,
        "local_rate_value": 100 / 480,
        "local_rate_count": 1 / 3,
        "key_technology_foreign_share": 380 / 480,
        "size_classes": {"medium": 2},
        "targets_total": 1,
    },
}


def write_compared_clusters(folder: Path) -> Path:
    """Write the registry above (nodes, enterprises, makes, links, the hyd cluster, two targets); return it."""
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(folder / "chain_nodes.csv", "chain_nodes", NODES)
    firms = [dict(row, size_class=SIZES.get(row["id"], "")) for row in ENTERPRISES] + MORE_FIRMS
    write_csv(folder / "enterprises.csv", "enterprises", firms)
    makes = [{"enterprise_id": e, "node_code": n, "annual_output_cny": v, "source": "synthetic"} for e, n, v in MAKES]
    write_csv(folder / "enterprise_nodes.csv", "enterprise_nodes", makes)
    links = [
        {
            "supplier_id": s,
            "customer_id": c,
            "node_code": n,
            "annual_value_cny": v,
            "confidential": "true" if (s, c) in CONFIDENTIAL else "false",
            "source": "synthetic",
        }
        for s, c, n, v in LINKS
    ]
    write_csv(folder / "supply_links.csv", "supply_links", links)
    write_csv(folder / "clusters.csv", "clusters", [SECOND_CLUSTER])
    write_csv(folder / "targets.csv", "targets", TARGETS)
    return folder
