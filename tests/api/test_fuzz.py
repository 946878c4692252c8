"""No 500 from any request: schemathesis over the whole OpenAPI as an admin, and each server error fuzzing found."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from tests.api.conftest import Api
from tests.api.problems import assert_problem
from tests.conftest import Cli
from tests.fuzzing import admin_headers, fuzz, summary_lines

from chainatlas.api.errors import PROBLEM_JSON
from chainatlas.api.openapi import install_problem_docs

SUITE_CASES = 1_000
RESILIENCE_GETS = ("/summary", "/analysis", "/nodes/E1", "/mitigations")
HUGE = str(2**63)
PROBLEMS = {"401", "403", "404", "422", "429", "503"}


@pytest.mark.slow
def test_schemathesis_finds_no_server_error_and_no_undocumented_answer(api: Api, db_url: str) -> None:
    report = fuzz(api.client.app, admin_headers(db_url), examples=3, quick=True)
    print(*summary_lines(report), sep="\n")
    shown = "\n".join([*summary_lines(report), *[f"{k}\n{v}" for k, v in list(report.examples.items())[:5]]])
    assert report.cases >= SUITE_CASES, shown
    answered = sum(n for status, n in report.statuses.items() if 200 <= int(status) < 300)
    assert answered >= report.cases // 10, shown  # signed in for real: a dead token would make every answer 401
    assert report.server_errors == report.timeouts == 0, shown
    assert not report.failures, shown


def field_names(response: object) -> set[str]:
    body = assert_problem(response, 422)
    return {e["field"] for e in body["errors"]}


@pytest.mark.parametrize("horizon", ["5e-324", "0.5", "3650.5"])
def test_a_horizon_outside_one_day_to_ten_years_is_refused_by_every_resilience_route(api: Api, horizon: str) -> None:
    ana = api.headers["ana"]
    for path in RESILIENCE_GETS:
        response = api.client.get(f"/api/v1/resilience{path}", params={"horizon": horizon}, headers=ana)
        assert field_names(response) == {"horizon"}, path
    body = {"firms": ["E2"], "horizon": float(horizon)}
    assert field_names(api.client.post("/api/v1/resilience/what-if", json=body, headers=ana)) == {"horizon"}


def test_whole_numbers_beyond_the_database_are_refused_by_name(api: Api) -> None:
    ana = api.headers["ana"]
    assert field_names(api.client.get("/api/v1/enterprises", params={"offset": HUGE}, headers=ana)) == {"offset"}
    assert field_names(api.client.post(f"/api/v1/alerts/{HUGE}/acknowledge", headers=ana)) == {"alert_id"}
    firm = {"id": "E9", "name_zh": "九号公司", "country": "CN", "employees": int(HUGE), "source": "synthetic"}
    assert field_names(api.client.post("/api/v1/enterprises", json=firm, headers=ana)) == {"employees"}
    filtered = api.client.get("/api/v1/enterprises", params={"employees": HUGE}, headers=ana)
    assert field_names(filtered) == {"employees"}
    ranking = api.client.get(f"/api/v1/brand_rankings/B1/R1/{HUGE}", headers=ana)
    assert "year is out of range" in assert_problem(ranking, 404)["detail"]


def test_a_time_zone_not_in_the_zone_list_is_refused_by_name(api: Api) -> None:
    fair = {"id": "F1", "name_zh": "展会", "start": "2026-05-15", "end": "2026-05-18", "source": "synthetic"}
    for zone in ("Z" * 300, "../../etc/passwd", "Asia/Nowhere"):
        response = api.client.post("/api/v1/fairs", json={**fair, "timezone": zone}, headers=api.headers["ana"])
        body = assert_problem(response, 422)
        assert [e["field"] for e in body["errors"]] == ["timezone"], zone
        assert "time zone" in body["errors"][0]["message"]
    created = api.client.post("/api/v1/fairs", json={**fair, "timezone": "Europe/Berlin"}, headers=api.headers["ana"])
    assert created.status_code == 201, created.text


def test_every_operation_documents_its_problem_answers(api: Api) -> None:
    paths = api.client.get("/api/openapi.json").json()["paths"]
    for path, item in paths.items():
        for method, operation in item.items():
            documented = operation["responses"]
            assert set(documented) >= PROBLEMS, f"{method} {path}"
            for status in PROBLEMS:
                assert list(documented[status]["content"]) == [PROBLEM_JSON], f"{method} {path} {status}"
            assert {"200", "201", "202", "204"} & set(documented), f"{method} {path}"  # 202: a job started


def test_the_cli_finds_no_alert_beyond_the_database_instead_of_crashing(cli: Cli) -> None:
    for alert_id in (HUGE, str(2**31), "0"):
        code, _, err = cli("alerts", "acknowledge", alert_id)
        assert code == 3 and f"no alert {alert_id}" in err, err


def test_a_route_keeps_its_own_words_for_a_problem_but_the_problem_shape() -> None:
    app = FastAPI()

    @app.get("/api/v1/slow", responses={503: {"description": "the analysis timed out"}})
    def slow(n: int) -> dict[str, int]:
        return {"n": n}

    install_problem_docs(app)
    responses = app.openapi()["paths"]["/api/v1/slow"]["get"]["responses"]
    assert responses["503"]["description"] == "the analysis timed out"
    assert list(responses["503"]["content"]) == [PROBLEM_JSON] and "Retry-After" in responses["503"]["headers"]
    assert (
        list(responses["422"]["content"]) == [PROBLEM_JSON]
        and "Validation Error" not in responses["422"]["description"]
    )
    assert "HTTPValidationError" not in app.openapi()["components"]["schemas"]
