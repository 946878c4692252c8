"""The fair's API: matches and recommendations, scheduling, the overview, agendas as JSON, .ics and .xlsx."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from icalendar import Calendar
from openpyxl import load_workbook
from tests.api.conftest import Api
from tests.api.problems import assert_problem
from tests.fair_cases import schedule_violations, write_fair

from chainatlas.services.context import Via, WriteContext
from chainatlas.services.imports import run_import
from chainatlas.store.engine import UnitOfWork

CTX = WriteContext(actor="setup", via=Via.CLI, at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))


@pytest.fixture
def fair_api(api: Api, tmp_path: Path) -> Api:
    with UnitOfWork(api.client.app.state.engine) as uow:  # type: ignore[attr-defined]
        assert run_import(uow.session, [write_fair(tmp_path / "fair")], CTX).ok
        uow.commit()
    return api


def test_matches_are_for_organisers_and_veto_no_thanks(fair_api: Api) -> None:
    client, ana = fair_api.client, fair_api.headers["ana"]
    assert_problem(client.get("/api/v1/fairs/F1/matches", headers=fair_api.headers["vic"]), 403)
    assert_problem(client.get("/api/v1/fairs/F9/matches", headers=ana), 404)
    body = client.get("/api/v1/fairs/F1/matches", headers=ana).json()
    pair = {(p["exhibitor"], p["buyer"]): p for p in body["pairs"]}
    assert pair[("X3", "B3")]["score"] == 0 and pair[("X3", "B2")]["must"]
    assert body["pairs"][0]["must"]  # must-meet first
    assert pair[("X1", "B1")]["parts"]["gap"] == pytest.approx(1.0)  # the only gap, outside supplier → cluster buyer


def test_recommendations_name_their_reasons(fair_api: Api) -> None:
    client = fair_api.client
    got = client.get("/api/v1/fairs/F1/participants/B1/recommendations?k=1", headers=fair_api.headers["ana"]).json()
    assert [r["exhibitor"] for r in got["recommendations"]] == ["X1"]
    assert any("链缺口" in reason for reason in got["recommendations"][0]["reasons_zh"])
    mem = fair_api.headers["mem"]  # enterprise E3 = participant X2
    assert client.get("/api/v1/fairs/F1/participants/X2/recommendations", headers=mem).status_code == 200
    assert_problem(client.get("/api/v1/fairs/F1/participants/B1/recommendations", headers=mem), 403)


def test_schedule_then_overview_and_agendas(fair_api: Api) -> None:
    client, ana = fair_api.client, fair_api.headers["ana"]
    assert_problem(
        client.post("/api/v1/fairs/F1/schedule", json={"time_limit": 10}, headers=fair_api.headers["vic"]), 403
    )
    result = client.post("/api/v1/fairs/F1/schedule", json={"time_limit": 10}, headers=ana)
    assert result.status_code == 200, result.text
    assert result.json()["upper_bound"] >= result.json()["objective"] > 0
    stored = client.get("/api/v1/fair_meetings?fair_id=F1&limit=500", headers=ana).json()["items"]
    assert len(stored) == result.json()["meetings"]
    assert schedule_violations(stored, vetoed={("X3", "B3")}) == []
    overview = client.get("/api/v1/fairs/F1/overview", headers=ana).json()
    assert len(overview["grid"]) == len(stored) and overview["unmet_must"] == []
    assert overview["feedback"]["no_show_rate"] is None
    agenda = client.get("/api/v1/fairs/F1/participants/B2/agenda", headers=ana).json()
    x3 = next(m for m in agenda["meetings"] if m["with"] == "X3")
    assert x3["start"].startswith("2025-05-15T")  # X3 is only available on day 1
    ics = client.get("/api/v1/fairs/F1/participants/B2/agenda.ics", headers=ana)
    assert ics.headers["content-type"].startswith("text/calendar")
    events = Calendar.from_ical(ics.content).walk("VEVENT")
    assert len(events) == len(agenda["meetings"])
    assert any("丁机械" in str(e["summary"]) for e in events)
    book = load_workbook(io.BytesIO(client.get("/api/v1/fairs/F1/participants/B2/agenda.xlsx", headers=ana).content))
    assert book.worksheets[0].max_row == 2 + len(agenda["meetings"])
    assert_problem(client.get("/api/v1/fairs/F1/participants/B2/agenda.ics", headers=fair_api.headers["mem"]), 403)
