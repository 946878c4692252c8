"""One valid new record per kind for the API's routes, the field each update changes, and each record's key path."""

from __future__ import annotations

from typing import Any

# One valid new record per kind, referring to the basic registry (nodes U, U.HYD, M, M.EXC; firms E1–E3),
# and the field each update changes. Projects come before milestones and progress, which refer to P9.
NEW: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "chain_nodes": (
        {"code": "M.CRN", "parent_code": "M", "name_zh": "起重机", "segment": "midstream", "source": "synthetic"},
        {"name_en": "Cranes"},
    ),
    "enterprises": ({"id": "E9", "name_zh": "新公司", "country": "CN", "source": "synthetic"}, {"employees": 40}),
    "enterprise_nodes": (
        {"enterprise_id": "E3", "node_code": "U.HYD", "annual_output_cny": "1000.50", "source": "synthetic"},
        {"capacity": "5", "capacity_unit": "台"},
    ),
    "supply_links": (
        {"supplier_id": "E3", "customer_id": "E2", "node_code": "U.HYD", "share": 0.1, "source": "synthetic"},
        {"share": 0.2},
    ),
    "indicators": (
        {
            "metric": "output_value",
            "scope": "cluster",
            "period": "2024",
            "value": "2500",
            "unit": "亿元",
            "source": "synthetic",
        },
        {"value": "2600"},
    ),
    "targets": (
        {
            "metric": "output_value",
            "scope": "cluster",
            "target_period": "2030",
            "target_value": "4000",
            "source": "synthetic",
        },
        {"unit": "亿元"},
    ),
    "projects": (
        {"id": "P9", "name_zh": "新项目", "kind": "manufacturing", "source": "synthetic"},
        {"planned_investment_cny": "100000000.00"},
    ),
    "milestones": (
        {"project_id": "P9", "name": "开工", "planned_date": "2026-03-01", "source": "synthetic"},
        {"actual_date": "2026-03-05"},
    ),
    "project_progress": (
        {"project_id": "P9", "period": "2026-Q1", "investment_completed_cny": "5000000.00", "source": "synthetic"},
        {"capacity_reached": "10"},
    ),
    "fairs": (
        {"id": "F9", "name_zh": "新展会", "start": "2025-05-15", "end": "2025-05-18", "source": "synthetic"},
        {"venue": "长沙国际会展中心"},
    ),
    "fair_participants": (
        {
            "id": "FP9",
            "fair_id": "F9",
            "role": "exhibitor",
            "enterprise_id": "E3",
            "name_zh": "丙液压",
            "country": "CN",
            "offers": ["U.HYD"],
            "source": "synthetic",
        },
        {"staff": 2},
    ),
    "fair_preferences": ({"from_id": "FP9", "to_id": "FP8", "level": "meet", "source": "synthetic"}, {"level": "must"}),
    "fair_meetings": (
        {
            "fair_id": "F9",
            "exhibitor_id": "FP9",
            "buyer_id": "FP8",
            "day": 1,
            "slot": 2,
            "table": 3,
            "source": "synthetic",
        },
        {"table": 4},
    ),
    "fair_attendance": (
        {"exhibitor_id": "FP9", "buyer_id": "FP8", "outcome": "held", "source": "synthetic"},
        {"note": "准时"},
    ),
}
NEW |= {
    "brands": ({"id": "B9", "name_zh": "新品牌", "owner_id": "E1", "source": "synthetic"}, {"name_en": "New brand"}),
    "brand_rankings": (
        {"brand_id": "B9", "ranking": "global_top50", "year": 2024, "rank": 40, "source": "synthetic"},
        {"rank": 39},
    ),
    "innovation_platforms": (
        {"id": "PL9", "name_zh": "新平台", "kind": "key_laboratory", "level": "provincial", "source": "synthetic"},
        {"owner_id": "E3"},
    ),
    "resilience_profiles": (
        {"enterprise_id": "E3", "demand_per_day": "4", "ttr_days": "30", "source": "synthetic"},
        {"inventory": "12"},
    ),
    "bom_lines": (
        {"customer_id": "E1", "node_code": "U.HYD", "units_per_unit": "2", "source": "synthetic"},
        {"units_per_unit": "3"},
    ),
}
KEY_PATH = {
    "chain_nodes": "M.CRN",
    "enterprises": "E9",
    "enterprise_nodes": "E3/U.HYD",
    "supply_links": "E3/E2/U.HYD",
    "indicators": "output_value/cluster/2024",
    "targets": "output_value/cluster/2030",
    "projects": "P9",
    "milestones": "P9/开工",
    "project_progress": "P9/2026-Q1",
    "fairs": "F9",
    "fair_participants": "FP9",
    "fair_preferences": "FP9/FP8",
    "fair_meetings": "FP9/FP8",
    "fair_attendance": "FP9/FP8",
    "resilience_profiles": "E3",
    "bom_lines": "E1/U.HYD",
}
# a preference links two participants of one fair on opposite sides: the buyer FP8 comes with FP9
SECOND = {
    "fair_participants": (
        "FP8",
        {"id": "FP8", "fair_id": "F9", "role": "buyer", "name_zh": "买家", "country": "DE", "source": "synthetic"},
    )
}
KEY_PATH |= {"brands": "B9", "brand_rankings": "B9/global_top50/2024", "innovation_platforms": "PL9"}
# a second cluster (local: Germany, the chain below U) and an explicit membership of E2, local to it anyway
NEW |= {
    "clusters": (
        {"id": "C9", "name_zh": "新集群", "region": ["country:DE"], "root_code": "U", "source": "synthetic"},
        {"name_en": "New cluster"},
    ),
    "cluster_members": ({"cluster_id": "C9", "enterprise_id": "E2", "source": "synthetic"}, {"included": False}),
}
KEY_PATH |= {"clusters": "C9", "cluster_members": "C9/E2"}
NEW |= {
    "organisations": (
        {"id": "O9", "name_zh": "新机构", "type": "association", "source": "synthetic"},
        {"aliases": ["新协会"]},
    ),
}
KEY_PATH |= {"organisations": "O9"}
