"""Every kind's five routes behave alike: list, detail, create, update, delete, with their errors."""

from __future__ import annotations

from typing import Any

import pytest
from tests.api.conftest import Api
from tests.api.test_api import assert_problem

from chainatlas.domain.kinds import KINDS

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


def test_the_table_covers_every_kind() -> None:
    assert set(NEW) == {spec.name for spec in KINDS} == set(KEY_PATH)


def test_every_kind_round_trips_through_its_routes(api: Api) -> None:
    ana = api.headers["ana"]
    for spec in KINDS:
        vic = api.headers["vic"] if spec.read_resource == "registry" else ana  # confidential kinds: analysts only
        body, change = NEW[spec.name]
        base, item = f"/api/v1/{spec.name}", f"/api/v1/{spec.name}/{KEY_PATH[spec.name]}"
        before = api.client.get(base, headers=vic).json()["total"]
        assert_problem(api.client.get(item, headers=vic), 404)
        assert_problem(api.client.post(base, json=body), 401)
        assert_problem(api.client.post(base, json=body, headers=api.headers["vic"]), 403)
        created = api.client.post(base, json=body, headers=ana)
        assert created.status_code == 201, (spec.name, created.text)
        assert api.client.get(created.headers["location"], headers=vic).status_code == 200
        assert api.client.get(base, headers=vic).json()["total"] == before + 1
        if spec.name in SECOND:
            assert api.client.post(base, json=SECOND[spec.name][1], headers=ana).status_code == 201
        assert_problem(api.client.post(base, json=body, headers=ana), 409)
        updated = api.client.patch(item, json=change, headers=ana)
        assert updated.status_code == 200, (spec.name, updated.text)
        for field, value in change.items():
            assert str(updated.json()[field]) == str(value)
        assert_problem(api.client.patch(item, json={next(iter(spec.key)): "other"}, headers=ana), 422)
    for spec in reversed(KINDS):  # delete the new records, referring ones first
        assert api.client.delete(f"/api/v1/{spec.name}/{KEY_PATH[spec.name]}", headers=ana).status_code == 204
        assert_problem(api.client.delete(f"/api/v1/{spec.name}/{KEY_PATH[spec.name]}", headers=ana), 404)
        if spec.name in SECOND:
            assert api.client.delete(f"/api/v1/{spec.name}/{SECOND[spec.name][0]}", headers=ana).status_code == 204


@pytest.mark.parametrize("kind", [spec.name for spec in KINDS])
def test_an_empty_body_lists_every_required_field(api: Api, kind: str) -> None:
    problem = assert_problem(api.client.post(f"/api/v1/{kind}", json={}, headers=api.headers["ana"]), 422)
    required = {name for name, info in NEW[kind][0].items() if name != "share"} & {
        e["field"] for e in problem["errors"]
    }
    spec = next(s for s in KINDS if s.name == kind)
    assert set(spec.key) <= required and "source" in required
