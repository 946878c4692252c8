"""Every resilience and monitoring route (scorecard, key projects, alerts) documents its answer in the OpenAPI,
and money in those answers is the registry's decimal string."""

from __future__ import annotations

from typing import Any

from tests.api.conftest import Api

ROUTES = {
    ("get", "/api/v1/projects/status"): "PortfolioReport",
    ("get", "/api/v1/projects/{project_id}/status"): "ProjectStatusRow",
    ("get", "/api/v1/alerts"): "AlertListing",
    ("post", "/api/v1/alerts/evaluate"): "Evaluation",
    ("post", "/api/v1/alerts/{alert_id}/acknowledge"): "AlertView",
    ("get", "/api/v1/resilience/summary"): "ResilienceSummary",
    ("get", "/api/v1/resilience/analysis"): "ResilienceReport",
    ("get", "/api/v1/resilience/nodes/{node_id}"): "SiteDetail",
    ("get", "/api/v1/resilience/nodes/{node_id}/graph"): "SupplyGraph",
    ("post", "/api/v1/resilience/what-if"): "WhatIfResult",
    ("get", "/api/v1/resilience/mitigations"): "MitigationList",
    ("get", "/api/v1/scorecard"): "ScorecardReport",
}
MONEY = {
    "ResilienceSummary": ["total_pi"],
    "SiteDetail": ["pi", "margin"],
    "SiteResult": ["pi"],
    "ScenarioRow": ["pi"],
    "WhatIfResult": ["pi"],
    "MitigationRow": ["pi_before", "pi_after", "delta_pi"],
    "ProjectStatusRow": ["planned_investment_cny", "investment_completed_cny"],
}


def _types(schema: dict[str, Any]) -> set[str]:
    return {s["type"] for s in schema.get("anyOf", [schema]) if "type" in s}


def test_every_route_names_its_result_type(api: Api) -> None:
    spec = api.client.get("/api/openapi.json").json()
    for (verb, path), name in ROUTES.items():
        answer = spec["paths"][path][verb]["responses"]["200"]["content"]["application/json"]["schema"]
        assert answer == {"$ref": f"#/components/schemas/{name}"}, path


def test_money_is_a_decimal_string(api: Api) -> None:
    schemas = api.client.get("/api/openapi.json").json()["components"]["schemas"]
    for name, fields in MONEY.items():
        for field in fields:
            assert "number" not in _types(schemas[name]["properties"][field]), (name, field)
            assert "string" in _types(schemas[name]["properties"][field]), (name, field)
