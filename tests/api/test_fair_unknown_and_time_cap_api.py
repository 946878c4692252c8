"""The fair's API: "no fair X" for an unknown fair, the synchronous time limit capped, unmet must-meets
with their reason in the schedule summary and the overview."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.api.conftest import Api
from tests.api.problems import assert_problem
from tests.fair_cases import _no_common_slot

from chainatlas.services.context import Via, WriteContext
from chainatlas.services.imports import run_import
from chainatlas.store.engine import UnitOfWork


def test_the_api_names_an_unknown_fair_and_caps_its_time_limit(api: Api, tmp_path: Path) -> None:

    ctx = WriteContext(actor="setup", via=Via.CLI, at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    with UnitOfWork(api.client.app.state.engine) as uow:  # type: ignore[attr-defined]
        assert run_import(uow.session, [_no_common_slot(tmp_path / "fair")], ctx).ok
        uow.commit()
    ana = api.headers["ana"]
    problem = assert_problem(api.client.get("/api/v1/fairs/NOPE/participants/B1/recommendations", headers=ana), 404)
    assert problem["detail"] == "no fair NOPE"
    assert_problem(api.client.post("/api/v1/fairs/F1/schedule", json={"time_limit": 61}, headers=ana), 422)
    done = api.client.post("/api/v1/fairs/F1/schedule", json={"time_limit": 5}, headers=ana)
    assert done.status_code == 200, done.text
    assert done.json()["unmet_must_reasons"][0]["why"] == "no common available slot"
    overview = api.client.get("/api/v1/fairs/F1/overview", headers=ana).json()
    assert overview["unmet_must"] == [
        {"exhibitor": "X3", "buyer": "B2", "reason": "no_common_slot", "why": "no common available slot"}
    ]
