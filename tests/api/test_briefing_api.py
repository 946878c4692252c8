"""The briefing over the API: a job with its status and files, editorial texts, issuing, and frozen issues."""

from __future__ import annotations

import hashlib
import time
from typing import Any

from sqlalchemy.orm import Session
from tests.api.conftest import PASSWORD, Api, now_context

from chainatlas.domain.user import Role
from chainatlas.services.users import add_user, create_token

BODY = {"as_of": "2025-12-31", "lang": "en", "formats": ["html", "xlsx"], "audience": "viewer"}


def finished(api: Api, location: str, who: str = "ana") -> dict[str, Any]:
    for _ in range(600):
        answer = api.client.get(location, headers=api.headers[who])
        assert answer.status_code == 200, answer.text
        status: dict[str, Any] = answer.json()
        if status["state"] != "running":
            return status
        time.sleep(0.1)
    raise AssertionError("the briefing job did not finish")


def admin_headers(api: Api) -> dict[str, str]:
    engine = api.client.app.state.engine  # type: ignore[attr-defined]  # the app under test keeps its engine
    with Session(engine) as session:
        add_user(session, now_context(), username="boss", role=Role.ADMIN, password=PASSWORD)
        token = create_token(session, now_context(), username="boss", name="test")
        session.commit()
    return {"Authorization": f"Bearer {token}"}


def test_briefing_job_files_and_frozen_issue(api: Api) -> None:
    started = api.client.post("/api/v1/reports/briefing", json=BODY, headers=api.headers["ana"])
    assert started.status_code == 202, started.text
    status = finished(api, started.headers["Location"])
    assert status["state"] == "done", status
    assert status["issue"]["number"] == 1 and status["issue"]["period"] == "2025-12"
    assert set(status["files"]) == {"html", "xlsx"}
    for fmt, url in status["files"].items():
        body = api.client.get(url, headers=api.headers["ana"]).content
        assert hashlib.sha256(body).hexdigest() == status["checksums"][fmt]
    note = api.client.put(
        "/api/v1/reports/briefing/monthly/2025-12/editorials/headline",
        json={"text": "Exports keep growing."},
        headers=api.headers["ana"],
    )
    assert note.status_code == 200 and note.json()["editorials"] == {"headline": "Exports keep growing."}
    refused = api.client.post("/api/v1/reports/briefing/monthly/2025-12/issue", headers=api.headers["ana"])
    assert refused.status_code == 403
    again = finished(
        api, api.client.post("/api/v1/reports/briefing", json=BODY, headers=api.headers["ana"]).headers["Location"]
    )
    html = api.client.get(again["files"]["html"], headers=api.headers["ana"]).text
    assert "Exports keep growing." in html
    issued = api.client.post("/api/v1/reports/briefing/monthly/2025-12/issue", headers=admin_headers(api))
    assert issued.status_code == 200 and issued.json()["state"] == "issued"
    frozen = finished(
        api, api.client.post("/api/v1/reports/briefing", json=BODY, headers=api.headers["ana"]).headers["Location"]
    )
    assert frozen["checksums"] == again["checksums"]
    late = api.client.put(
        "/api/v1/reports/briefing/monthly/2025-12/editorials/headline", json={"text": "x"}, headers=api.headers["ana"]
    )
    assert late.status_code == 409


def test_briefing_needs_an_analyst_and_valid_parameters(api: Api) -> None:
    assert api.client.post("/api/v1/reports/briefing", json=BODY, headers=api.headers["vic"]).status_code == 403
    bad = api.client.post(
        "/api/v1/reports/briefing",
        json={**BODY, "period": "2025-13", "sections": ["weather"]},
        headers=api.headers["ana"],
    )
    assert bad.status_code == 422
    fields = {problem["field"] for problem in bad.json()["errors"]}
    assert fields == {"period", "sections"}


def test_an_unknown_cluster_is_refused_before_any_job_starts(api: Api) -> None:
    answer = api.client.post("/api/v1/reports/briefing", json={**BODY, "cluster": "nope"}, headers=api.headers["ana"])
    assert answer.status_code == 404, answer.text
    assert answer.json()["code"] == "cluster.unknown"
