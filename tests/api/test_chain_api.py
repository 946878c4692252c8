"""Chain analytics through the API, on the basic registry (values worked out by hand below).

Basic registry: E1 (in the cluster, CN) buys hydraulics U.HYD from E2 (Germany) for 600,000 and
from E3 (in the cluster, CN) for 400,000. So for U.HYD and its parent U: purchases 1,000,000,
local 400,000 → 0.4; suppliers 2, local 1 → 0.5; HHI 0.6² + 0.4² = 0.52; foreign 0.6; the one
(customer, node) pair has two suppliers → no single source. Nobody makes anything yet.
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.api.conftest import Api
from tests.api.problems import assert_problem


def nodes_by_code(body: dict[str, object]) -> dict[str, dict[str, object]]:
    return {n["code"]: n for n in body["nodes"]}  # type: ignore[attr-defined, index]


def test_metrics_for_an_analyst(api: Api) -> None:
    body = api.client.get("/api/v1/chain/metrics", headers=api.headers["ana"]).json()
    hydraulics = nodes_by_code(body)["U.HYD"]
    assert hydraulics["local_rate_value"] == pytest.approx(0.4)
    assert hydraulics["local_rate_count"] == pytest.approx(0.5)
    assert hydraulics["hhi"] == pytest.approx(0.52)
    assert hydraulics["foreign_share"] == pytest.approx(0.6)
    assert (hydraulics["single_source_links"], hydraulics["enterprises_in_cluster"], hydraulics["suppressed"]) == (
        0,
        0,
        False,
    )
    assert nodes_by_code(body)["U"]["purchases"] == "1000000.00"  # money as the registry's decimal string
    assert nodes_by_code(body)["M"]["local_rate_value"] is None
    assert body["cluster_hhi"] == pytest.approx(0.52)


def test_metrics_below_the_disclosure_threshold_are_suppressed_for_others(api: Api) -> None:
    for headers in (api.headers["vic"], {}):
        hydraulics = nodes_by_code(api.client.get("/api/v1/chain/metrics", headers=headers).json())["U.HYD"]
        assert (
            hydraulics["suppressed"] is True
            and hydraulics["local_rate_value"] is None
            and hydraulics["purchases"] is None
        )
    assert api.client.get("/api/v1/chain/metrics").json()["cluster_hhi"] is None


def test_gaps_targets_and_scenarios(api: Api) -> None:
    ana = api.headers["ana"]
    gaps = api.client.get("/api/v1/chain/gaps", headers=ana).json()["gaps"]
    assert [g["code"] for g in gaps] == ["U.HYD"]
    assert gaps[0]["gap"] == "600000.00" and gaps[0]["key_technology"] is True  # 1,000,000 × (1 − 0.4)
    assert_problem(api.client.get("/api/v1/chain/gaps", headers=api.headers["vic"]), 403)
    api.client.post(
        "/api/v1/enterprise_nodes",
        headers=ana,
        json={"enterprise_id": "E2", "node_code": "U.HYD", "source": "synthetic"},
    )
    targets = api.client.get("/api/v1/chain/targets/U.HYD", headers=ana).json()["targets"]
    assert [t["firm_id"] for t in targets] == ["E2"] and set(targets[0]["reasons"]) == {
        "match",
        "scale",
        "tags",
        "links",
        "region",
    }
    assert_problem(api.client.get("/api/v1/chain/targets/NOPE", headers=ana), 404)
    body = {"changes": [{"action": "attract", "firm": "E2", "district": "长沙县"}]}
    result = api.client.post("/api/v1/chain/scenarios", headers=ana, json=body).json()
    hydraulics = next(d for d in result["differences"] if d["code"] == "U.HYD")
    assert hydraulics["changes"]["local_rate_value"] == {"before": pytest.approx(0.4), "after": pytest.approx(1.0)}
    assert (
        result["saved_id"] is None and api.client.get("/api/v1/chain/scenarios", headers=ana).json()["scenarios"] == []
    )
    assert api.client.get("/api/v1/enterprises/E2", headers=ana).json()["in_cluster"] is False  # nothing written
    saved = api.client.post("/api/v1/chain/scenarios", headers=ana, json={**body, "save_as": "引进液压"}).json()
    assert [s["name"] for s in api.client.get("/api/v1/chain/scenarios", headers=ana).json()["scenarios"]] == [
        "引进液压"
    ]
    assert saved["saved_id"] is not None
    bad = assert_problem(
        api.client.post(
            "/api/v1/chain/scenarios", headers=ana, json={"changes": [{"action": "attract", "firm": "E404"}]}
        ),
        422,
    )
    assert [(e["field"], e["message"]) for e in bad["errors"]] == [("changes[0]", "firm: unknown enterprise E404")]


def test_location_quotient_where_national_totals_exist(api: Api) -> None:
    ana = api.headers["ana"]
    api.client.post(
        "/api/v1/enterprise_nodes",
        headers=ana,
        json={"enterprise_id": "E3", "node_code": "U.HYD", "annual_output_cny": "300", "source": "synthetic"},
    )
    for code, value in (("U", "10000"), ("U.HYD", "1000")):
        body = {
            "metric": "national_output",
            "scope": f"node:{code}",
            "period": "2024",
            "value": value,
            "unit": "元",
            "source": "synthetic",
        }
        assert api.client.post("/api/v1/indicators", headers=ana, json=body).status_code == 201
    nodes = nodes_by_code(api.client.get("/api/v1/chain/metrics", headers=ana).json())
    # Cluster: all 300 of segment U is hydraulics (share 1); nationally 1000 / 10000 = 0.1 → LQ 10.
    assert nodes["U.HYD"]["location_quotient"] == pytest.approx(10.0)
    assert nodes["M"]["location_quotient"] is None


def test_metrics_are_computed_once_per_registry_version_and_again_after_a_write(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    import chainatlas.services.chain as chain_service

    calls: list[int | None] = []
    compute = chain_service.node_metrics

    def counted(snapshot: Any, *, year: int | None = None) -> Any:
        calls.append(year)
        return compute(snapshot, year=year)

    monkeypatch.setattr(chain_service, "node_metrics", counted)
    ana = api.headers["ana"]
    first = api.client.get("/api/v1/chain/metrics?min_makers=7", headers=ana).json()
    assert api.client.get("/api/v1/chain/metrics?min_makers=7", headers=ana).json() == first
    assert len(calls) == 1  # the second request is served from the cache
    api.client.get("/api/v1/chain/metrics?min_makers=8", headers=ana)
    assert len(calls) == 2  # other parameters, another entry
    body = {"enterprise_id": "E2", "node_code": "U.HYD", "source": "synthetic"}
    assert api.client.post("/api/v1/enterprise_nodes", headers=ana, json=body).status_code == 201
    after = api.client.get("/api/v1/chain/metrics?min_makers=7", headers=ana).json()
    assert len(calls) == 3 and nodes_by_code(after)["U.HYD"]["enterprises_outside"] == 1  # E2 now makes it


def test_a_scenario_echoes_its_changes_as_given_and_shows_money_as_decimal_strings(api: Api) -> None:
    ana = api.headers["ana"]
    changes = [
        {"action": "attract", "firm": "E2"},
        {"action": "add_supplier", "firm": "E3", "node": "U.HYD", "customer": "E1", "value": 500000.0},
    ]
    result = api.client.post("/api/v1/chain/scenarios", headers=ana, json={"changes": changes}).json()
    assert result["changes"] == changes  # no key added to what was given
    hydraulics = next(d for d in result["differences"] if d["code"] == "U.HYD")["changes"]
    # 1,000,000 bought before; E3's new link adds 500,000; all of it local once E2 moves in.
    assert hydraulics["purchases"] == {"before": "1000000.00", "after": "1500000.00"}
    assert hydraulics["local_value"] == {"before": "400000.00", "after": "1500000.00"}
    assert hydraulics["local_suppliers"] == {"before": 1, "after": 2}
    saved = api.client.post("/api/v1/chain/scenarios", headers=ana, json={"changes": changes[:1], "save_as": "s"})
    assert saved.status_code == 200
    listed = api.client.get("/api/v1/chain/scenarios", headers=ana).json()["scenarios"]
    assert [(s["name"], s["changes"]) for s in listed] == [("s", changes[:1])]
