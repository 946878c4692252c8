"""/api/v1/resilience/…: who may see what (links are confidential), values worked out by hand, errors, OpenAPI."""

from __future__ import annotations

from decimal import Decimal

import pytest
from tests.api.conftest import Api
from tests.api.problems import assert_problem

BASE = "/api/v1/resilience"
NODE_KEYS = {"id", "pi", "rei", "tts_days", "ttr_days", "exposure_days", "spof"}

# The basic registry: E2 and E3 both supply U.HYD to E1 (one unit per unit). With the profiles below:
# E2 alone stops: E3 (unlimited capacity) covers E1, nothing is lost, E1 never runs short (TTS = the horizon).
# E2 and E3 stop for 20 days (E2's TTR): E1 gets E2's 50 units and sells its own 20 → 70 of 200 demanded,
#   130 short × 100 yuan = 13,000; demand is met while 10·t ≤ 70 → TTS 7 days.
# E1 stops for 5 days: it sells its 20 of 50 → 30 × 100 = 3,000; TTS 2 days.
PROFILES = [
    {
        "enterprise_id": "E1",
        "demand_per_day": "10",
        "inventory": "20",
        "margin_cny": "100",
        "ttr_days": "5",
        "source": "synthetic",
    },
    {"enterprise_id": "E2", "inventory": "50", "ttr_days": "20", "source": "synthetic"},
    {"enterprise_id": "E3", "ttr_days": "10", "source": "工厂调研 https://example.org/e3"},
]


@pytest.fixture
def profiled(api: Api) -> Api:
    for body in PROFILES:
        response = api.client.post("/api/v1/resilience_profiles", json=body, headers=api.headers["ana"])
        assert response.status_code == 201, response.text
    return api


def test_only_analysts_see_per_site_results_and_the_graph(profiled: Api) -> None:
    client, headers = profiled.client, profiled.headers
    for path in ("/analysis", "/nodes/E1", "/nodes/E1/graph", "/mitigations"):
        assert_problem(client.get(BASE + path), 401)
        assert_problem(client.get(BASE + path, headers=headers["vic"]), 403)
        assert_problem(client.get(BASE + path, headers=headers["mem"]), 403)  # E3's member: still aggregates only
    assert_problem(client.post(BASE + "/what-if", json={"firms": ["E2"]}, headers=headers["vic"]), 403)
    for who in (None, "vic", "mem"):
        summary = client.get(BASE + "/summary", headers=headers[who] if who else {})
        assert summary.status_code == 200
        assert summary.json()["sites"] == 3 and summary.json()["suppressed"] is False
        assert summary.json()["single_points_of_failure"] == 0  # E2 and E3 back each other up
        # Money is the registry's decimal string: E1's 3,000 yuan; E2 and E3 each lose nothing alone.
        assert summary.json()["total_pi"] == "3000.00"


def test_the_analysis_has_every_site_with_the_hand_worked_values(profiled: Api) -> None:
    data = profiled.client.get(BASE + "/analysis", headers=profiled.headers["ana"]).json()
    nodes = {n["id"]: n for n in data["nodes"]}
    assert set(nodes) == {"E1", "E2", "E3"} and data["scenarios"] == []
    assert set(nodes["E1"]) >= NODE_KEYS and nodes["E1"]["name_zh"] == "长沙甲机械有限公司"
    assert nodes["E1"]["synthetic"] is True and nodes["E3"]["synthetic"] is False
    assert nodes["E1"]["pi"] == "3000.00" and nodes["E1"]["tts_days"] == pytest.approx(2)
    assert nodes["E2"]["pi"] == "0.00" and nodes["E2"]["tts_days"] == pytest.approx(365)
    one = profiled.client.get(BASE + "/nodes/E1", headers=profiled.headers["ana"]).json()
    assert (
        one["pi"] == "3000.00"
        and one["margin"] == "100.00"
        and sorted(one["suppliers"]) == ["E2", "E3"]
        and one["customers"] == []
    )
    assert one["location"] == "CN/长沙" and one["demand_per_day"] == 10
    assert_problem(profiled.client.get(BASE + "/nodes/NOPE", headers=profiled.headers["ana"]), 404)


def test_what_if_shows_what_stops_and_the_loss(profiled: Api) -> None:
    ana = profiled.headers["ana"]
    alone = profiled.client.post(BASE + "/what-if", json={"firms": ["E2"]}, headers=ana).json()
    assert alone["failed"] == ["E2"] and alone["pi"] == "0.00"
    both = profiled.client.post(BASE + "/what-if", json={"firms": ["E2", "E3"]}, headers=ana).json()
    assert sorted(both["failed"]) == ["E1", "E2", "E3"]
    assert both["pi"] == "13000.00" and both["tts_days"] == pytest.approx(7) and both["ttr_days"] == 20
    assert {s["id"] for s in both["sites"]} == {"E1", "E2", "E3"}
    by_syntax = profiled.client.post(BASE + "/what-if", json={"scenario": "node:E2,E3"}, headers=ana).json()
    assert by_syntax["pi"] == "13000.00"
    problem = assert_problem(profiled.client.post(BASE + "/what-if", json={"firms": ["NOPE"]}, headers=ana), 422)
    assert problem["errors"][0]["field"] == "scenario[0]" and "NOPE" in problem["errors"][0]["message"]
    assert_problem(profiled.client.post(BASE + "/what-if", json={"firms": ["E2"], "country": "DE"}, headers=ana), 422)
    assert_problem(profiled.client.post(BASE + "/what-if", json={}, headers=ana), 422)


def test_what_if_names_the_bad_field(profiled: Api) -> None:
    client, ana = profiled.client, profiled.headers["ana"]
    for year in (-5, 99999):
        problem = assert_problem(client.post(BASE + "/what-if", json={"firms": ["E2"], "year": year}, headers=ana), 422)
        assert [e["field"] for e in problem["errors"]] == ["year"]
    assert client.post(BASE + "/what-if", json={"firms": ["E2"], "year": 2025}, headers=ana).status_code == 200
    broken = client.post(BASE + "/what-if", content=b"{not json", headers={**ana, "content-type": "application/json"})
    problem = assert_problem(broken, 422)
    assert [(e["field"], e["value"]) for e in problem["errors"]] == [("body", None)]
    assert "JSON" in problem["errors"][0]["message"]
    two = assert_problem(client.post(BASE + "/what-if", json={"firms": ["E2"], "country": "DE"}, headers=ana), 422)
    assert [(e["field"], e["value"]) for e in two["errors"]] == [("firms", "E2"), ("country", "DE")]
    mixed = assert_problem(
        client.post(BASE + "/what-if", json={"scenario": "node:E2", "location": "CN"}, headers=ana), 422
    )
    assert [e["field"] for e in mixed["errors"]] == ["location", "scenario"]
    none = assert_problem(client.post(BASE + "/what-if", json={}, headers=ana), 422)
    assert [e["field"] for e in none["errors"]] == ["firms"] and "one of them" in none["errors"][0]["message"]
    unknown = assert_problem(client.post(BASE + "/what-if", json={"scenario": "node:NOPE"}, headers=ana), 422)
    assert unknown["errors"] == [
        {
            "field": "scenario[0]",
            "message": "unknown node NOPE",
            "value": "node:NOPE",
            "code": "scenario.unknown_node",
            "params": {"part": "NOPE"},
        }
    ]


def test_country_codes_are_read_in_any_case(profiled: Api) -> None:
    ana = profiled.headers["ana"]
    lower = profiled.client.post(BASE + "/what-if", json={"country": "de"}, headers=ana).json()
    assert lower["name"] == "country:DE" and lower["nodes"] == ["E2"]  # E2 is the German site
    syntax = profiled.client.get(BASE + "/analysis", params={"scenario": "country:cn"}, headers=ana).json()
    assert syntax["scenarios"][0]["name"] == "country:CN" and sorted(syntax["scenarios"][0]["nodes"]) == ["E1", "E3"]


def test_the_graph_marks_failed_sites(profiled: Api) -> None:
    ana = profiled.headers["ana"]
    alone = profiled.client.get(BASE + "/nodes/E2/graph", headers=ana).json()
    assert {n["id"]: n["failed"] for n in alone["nodes"]} == {"E2": True, "E1": False, "E3": False}
    both = profiled.client.get(BASE + "/nodes/E2/graph", params={"scenario": "node:E2,E3"}, headers=ana).json()
    assert all(n["failed"] for n in both["nodes"]) and both["failed_total"] == 3
    assert_problem(profiled.client.get(BASE + "/nodes/E2/graph", params={"depth": 9}, headers=ana), 422)


def test_mitigations_and_bad_parameters(profiled: Api) -> None:
    ana = profiled.headers["ana"]
    found = profiled.client.get(BASE + "/mitigations", headers=ana).json()["mitigations"]
    savings = [Decimal(m["delta_pi"]) for m in found]
    assert savings and savings == sorted(savings, reverse=True)
    assert_problem(profiled.client.get(BASE + "/analysis", params={"horizon": 0}, headers=ana), 422)
    problem = assert_problem(profiled.client.get(BASE + "/analysis", params={"scenario": "country:"}, headers=ana), 422)
    assert problem["errors"][0]["field"] == "scenario[0]"


def test_openapi_documents_the_resilience_routes(api: Api) -> None:
    paths = api.client.get("/api/openapi.json").json()["paths"]
    for path in ("/summary", "/analysis", "/nodes/{node_id}", "/nodes/{node_id}/graph", "/what-if", "/mitigations"):
        assert BASE + path in paths, path
