"""Hand-made resilience registries (all synthetic): the two sites of `tiny_registry` (S in Germany is A's only
supplier) and the chain nodes and six firms of the registry-network tests."""

from __future__ import annotations

from pathlib import Path

from tests.factories import write_csv


def tiny_registry(folder: Path) -> Path:
    """Write the two-site registry (S supplies A with M) into a folder; return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(
        folder / "chain_nodes.csv",
        "chain_nodes",
        [{"code": "M", "name_zh": "材料", "segment": "upstream", "source": "synthetic"}],
    )
    write_csv(
        folder / "enterprises.csv",
        "enterprises",
        [
            {
                "id": "A",
                "name_zh": "甲",
                "country": "CN",
                "province": "湖南省",
                "city": "长沙市",
                "in_cluster": "true",
                "source": "synthetic",
            },
            {"id": "S", "name_zh": "乙", "country": "DE", "source": "synthetic"},
        ],
    )
    write_csv(
        folder / "enterprise_nodes.csv",
        "enterprise_nodes",
        [{"enterprise_id": "S", "node_code": "M", "source": "synthetic"}],
    )
    write_csv(
        folder / "supply_links.csv",
        "supply_links",
        [{"supplier_id": "S", "customer_id": "A", "node_code": "M", "source": "synthetic"}],
    )
    write_csv(
        folder / "resilience_profiles.csv",
        "resilience_profiles",
        [
            {
                "enterprise_id": "A",
                "demand_per_day": "10",
                "inventory": "20",
                "margin_cny": "100",
                "ttr_days": "5",
                "source": "synthetic",
            },
            {"enterprise_id": "S", "inventory": "50", "ttr_days": "20", "source": "synthetic"},
        ],
    )
    return folder


NODES = [
    {"code": "U", "name_zh": "上游", "segment": "upstream", "source": "synthetic"},
    {"code": "U.HYD", "parent_code": "U", "name_zh": "液压", "segment": "upstream", "source": "synthetic"},
    {"code": "U.ENG", "parent_code": "U", "name_zh": "发动机", "segment": "upstream", "source": "synthetic"},
]
FIRMS = [
    {
        "id": "A",
        "name_zh": "甲主机",
        "country": "CN",
        "province": "湖南省",
        "city": "长沙市",
        "district": "长沙县",
        "park": "经开区",
        "in_cluster": "true",
        "source": "synthetic",
    },
    {"id": "B", "name_zh": "乙液压", "country": "CN", "province": "湖南省", "city": "长沙市", "source": "synthetic"},
    {"id": "C", "name_zh": "丙液压", "country": "DE", "source": "synthetic"},
    {"id": "D", "name_zh": "丁发动机", "country": "JP", "source": "synthetic"},
    {"id": "E", "name_zh": "戊旧供应商", "country": "CN", "source": "synthetic"},
    {"id": "F", "name_zh": "己无关", "country": "CN", "source": "synthetic"},
]
