"""GET /api/v1/scorecard: the documented JSON, the as-of date, who sees which targets, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import Session
from tests.api.conftest import Api
from tests.api.problems import assert_problem
from tests.scorecard_cases import seed

from chainatlas.store.engine import make_engine

KEYS = {
    "metric",
    "scope",
    "target_period",
    "target_value",
    "latest_period",
    "latest_value",
    "progress",
    "required_cagr",
    "actual_cagr",
    "projected_value",
    "status",
}


@pytest.fixture
def scored(api: Api, db_url: str, tmp_path: Path) -> Api:
    engine = make_engine(db_url)
    with Session(engine) as session:
        seed(session, tmp_path / "small")
    engine.dispose()
    return api


def test_the_scorecard_json(scored: Api) -> None:
    body = scored.client.get("/api/v1/scorecard?as_of=2025-12-31", headers=scored.headers["ana"]).json()
    assert body["as_of"] == "2025-12-31" and body["interval_level"] == 0.8 and body["window_years"] == 5
    rows = {(t["metric"], t["scope"]): t for t in body["targets"]}
    assert all(set(t) >= KEYS for t in body["targets"])
    above = rows[("enterprises_above_scale", "cluster")]
    # 规上 in the cluster on 2025-12-31: E1 and E2 → 2; from the baseline 1 (2023) toward 4 (2027).
    assert (above["latest_period"], above["latest_value"]) == ("2025", 2.0)
    assert above["progress"] == pytest.approx(1 / 3) and above["required_cagr"] == pytest.approx(2**0.5 - 1)
    output = rows[("output", "cluster")]  # 10 % a year exactly, 73.205 → 88.57805 in two years
    assert output["required_cagr"] == pytest.approx(0.1) and output["actual_cagr"] == pytest.approx(0.1)
    assert output["projected_value"] == pytest.approx(88.57805) and output["status"] == "on_track"
    brands = rows[("global_top50_brands", "cluster")]
    assert brands["actual_cagr"] is None
    reasons = {r["field"]: (r["code"], r["message"]) for r in brands["reasons"]}
    assert reasons["actual_cagr"] == (
        "one_observation",
        "fewer than two observations in the last 5 years of the series",
    )


def test_anonymous_visitors_see_no_enterprise_targets(scored: Api) -> None:
    anonymous = scored.client.get("/api/v1/scorecard?as_of=2025-12-31").json()["targets"]
    analyst = scored.client.get("/api/v1/scorecard?as_of=2025-12-31", headers=scored.headers["ana"]).json()["targets"]
    assert ("group_revenue", "E1") in {(t["metric"], t["scope"]) for t in analyst}
    assert ("group_revenue", "E1") not in {(t["metric"], t["scope"]) for t in anonymous}


def test_the_default_as_of_is_today_and_a_bad_one_is_refused(scored: Api) -> None:
    assert scored.client.get("/api/v1/scorecard").json()["as_of"] >= "2026-01-01"
    problem = assert_problem(scored.client.get("/api/v1/scorecard?as_of=2025-02-30"), 422)
    assert problem["errors"][0]["field"] == "as_of"


def test_brands_and_platforms_have_crud_routes(scored: Api) -> None:
    brands = scored.client.get("/api/v1/brands", headers=scored.headers["vic"]).json()
    assert brands["total"] == 2
    ranking = scored.client.get("/api/v1/brand_rankings/B1/global_top50/2023", headers=scored.headers["vic"]).json()
    assert ranking["rank"] == 5
    assert_problem(
        scored.client.get("/api/v1/brand_rankings/B1/global_top50/twenty", headers=scored.headers["vic"]), 404
    )
    bad = scored.client.post(
        "/api/v1/brand_rankings",
        headers=scored.headers["ana"],
        json={"brand_id": "B1", "ranking": "global_top50", "year": 2024, "rank": 51, "source": "x"},
    )
    assert assert_problem(bad, 422)["errors"][0]["field"] == "rank"
    platform = scored.client.get("/api/v1/innovation_platforms/PL1", headers=scored.headers["vic"]).json()
    assert (platform["kind"], platform["level"]) == ("enterprise_technology_centre", "national")


@pytest.mark.parametrize("day", ["0001-01-01", "0999-01-01", "2101-01-01", "20250101"])
def test_an_as_of_date_out_of_range_or_not_yyyy_mm_dd_is_a_422_naming_as_of(scored: Api, day: str) -> None:
    # Before the shared rule, a year below 1000 was a 500 from the scorecard; 20250101 was read as a timestamp.
    ana = scored.headers["ana"]
    for path in ("/api/v1/scorecard", "/api/v1/projects/status", "/api/v1/projects/X1/status"):
        problem = assert_problem(scored.client.get(f"{path}?as_of={day}", headers=ana), 422)
        assert problem["errors"][0]["field"] == "as_of"
        assert "YYYY-MM-DD from 1800-01-01 to 2100-12-31" in problem["errors"][0]["message"]
    problem = assert_problem(scored.client.post("/api/v1/alerts/evaluate", json={"as_of": day}, headers=ana), 422)
    assert problem["errors"][0]["field"].endswith("as_of")
    assert "YYYY-MM-DD from 1800-01-01 to 2100-12-31" in problem["errors"][0]["message"]
    assert scored.client.get("/api/v1/scorecard?as_of=1800-01-01", headers=ana).status_code == 200
