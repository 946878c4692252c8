"""Key projects and alerts through the API on the hand-made case (projects_cases): statuses as of a date,
alerts evaluated once and only once, acknowledged, with roles and problem+json errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import Session
from tests.analytics.projects_cases import KEYS_A, write_monitoring
from tests.api.conftest import CTX, Api

from chainatlas.services.imports import run_import
from chainatlas.store.engine import make_engine
from chainatlas.store.history import HistoryRepository


@pytest.fixture
def monitored(api: Api, db_url: str, tmp_path: Path) -> Api:
    engine = make_engine(db_url)
    with Session(engine) as session:
        assert run_import(session, [write_monitoring(tmp_path / "monitoring")], CTX).ok
        session.commit()
    engine.dispose()
    return api


def test_portfolio_and_one_project(monitored: Api) -> None:
    client, vic = monitored.client, monitored.headers["vic"]
    body = client.get("/api/v1/projects/status?as_of=2025-04-15", headers=vic).json()
    assert body["counts"] == {"on_schedule": 0, "slipping": 0, "late": 1, "done": 1, "no_plan": 1}
    x1 = body["projects"][0]
    assert (x1["id"], x1["slip_days"], x1["status"], x1["investment_completion"], x1["capacity_reached_share"]) == (
        "X1",
        105,
        "late",
        0.8,
        0.1,
    )
    one = client.get("/api/v1/projects/X1/status?as_of=2025-03-01", headers=vic).json()
    assert (one["slip_days"], one["status"]) == (75, "slipping")
    stricter = client.get("/api/v1/projects/X1/status?as_of=2025-03-01&late_after_days=74", headers=vic).json()
    assert stricter["status"] == "late"


def test_errors(monitored: Api) -> None:
    client, vic = monitored.client, monitored.headers["vic"]
    assert client.get("/api/v1/projects/status?as_of=2025-04-15").status_code == 401
    missing = client.get("/api/v1/projects/NOPE/status?as_of=2025-04-15", headers=vic)
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("application/problem+json")
    assert client.get("/api/v1/projects/status?as_of=2025-13-01", headers=vic).status_code == 422
    assert client.get("/api/v1/alerts?state=nonsense", headers=vic).status_code == 422
    # the registry's own record route still answers for a project
    assert client.get("/api/v1/projects/X1", headers=vic).json()["id"] == "X1"


def test_alerts_evaluated_once_listed_and_acknowledged(monitored: Api, db_url: str) -> None:
    client, ana, vic = monitored.client, monitored.headers["ana"], monitored.headers["vic"]
    assert client.post("/api/v1/alerts/evaluate", json={"as_of": "2025-04-15"}, headers=vic).status_code == 403
    first = client.post("/api/v1/alerts/evaluate", json={"as_of": "2025-04-15"}, headers=ana).json()
    second = client.post("/api/v1/alerts/evaluate", json={"as_of": "2025-04-15"}, headers=ana).json()
    assert (first["raised"], second["raised"], second["refreshed"]) == (KEYS_A, [], KEYS_A)
    listed = client.get("/api/v1/alerts?lang=zh", headers=vic).json()
    assert [a["key"] for a in listed["alerts"]] == KEYS_A and listed["counts"]["open"] == len(KEYS_A) == 3
    late = listed["alerts"][0]
    assert late["message"] == "项目「甲项目」的里程碑「投产」已逾期 105 天（计划 2024年12月31日）"
    assert late["link"] == "/projects/X1?as_of=2025-04-15"
    assert client.post(f"/api/v1/alerts/{late['id']}/acknowledge", headers=vic).status_code == 403
    done = client.post(f"/api/v1/alerts/{late['id']}/acknowledge", headers=ana).json()
    assert done["state"] == "acknowledged" and done["acknowledged_by"] == "ana"
    assert client.post(f"/api/v1/alerts/{late['id']}/acknowledge", headers=ana).status_code == 409
    engine = make_engine(db_url)
    with Session(engine) as session:
        [change] = [c for c in HistoryRepository(session).changes(kind="alerts") if c.action == "update"]
    engine.dispose()
    assert (change.actor, change.via, change.after and change.after["state"]) == ("ana", "api", "acknowledged")
    stricter = client.post(
        "/api/v1/alerts/evaluate", json={"as_of": "2025-04-15", "thresholds": {"stale_months": 16}}, headers=ana
    ).json()
    # 15 and 13 months (rd_spend's 2023, X2's start 2024-03-01) are no longer more than 16
    assert stricter["cleared"] == ["stale_data:indicators/rd_spend/cluster", "stale_data:projects/X2"]
    bad = client.post("/api/v1/alerts/evaluate", json={"thresholds": {"drop_share": 5}}, headers=ana)
    assert bad.status_code == 422


def test_evaluate_refuses_unknown_keys_and_bodies_that_are_not_json(monitored: Api) -> None:
    client, ana = monitored.client, monitored.headers["ana"]
    typo = client.post("/api/v1/alerts/evaluate", json={"asOf": "2025-04-15"}, headers=ana)
    assert typo.status_code == 422 and [e["field"] for e in typo.json()["errors"]] == ["asOf"]
    garbled = client.post(
        "/api/v1/alerts/evaluate", content=b"as_of=2025-04-15", headers={**ana, "content-type": "application/json"}
    )
    assert garbled.status_code == 422
    [error] = garbled.json()["errors"]
    assert error["field"] == "body" and error["value"] != "{}"
    # nothing was evaluated: no batch, no alert
    assert client.get("/api/v1/alerts?state=all", headers=ana).json()["alerts"] == []


def test_contradictory_thresholds_are_refused_naming_both(monitored: Api) -> None:
    client, ana = monitored.client, monitored.headers["ana"]
    bad = client.get("/api/v1/projects/status?as_of=2025-04-15&slipping_after_days=100&late_after_days=10", headers=ana)
    assert bad.status_code == 422
    [error] = bad.json()["errors"]
    assert "slipping_after_days" in error["field"] and "late_after_days" in error["field"]
    body = {"as_of": "2025-04-15", "thresholds": {"milestone_late_days": 30, "milestone_critical_days": 10}}
    bad = client.post("/api/v1/alerts/evaluate", json=body, headers=ana)
    assert bad.status_code == 422
    text = str(bad.json()["errors"])
    assert "milestone_late_days" in text and "milestone_critical_days" in text
    equal = client.get(
        "/api/v1/projects/status?as_of=2025-04-15&slipping_after_days=10&late_after_days=10", headers=ana
    )
    assert equal.status_code == 200
