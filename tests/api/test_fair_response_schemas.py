"""The fair's routes and the import answer with a named response schema in the OpenAPI (issue 12, point 2)."""

from __future__ import annotations

from tests.api.conftest import Api

TYPED = {
    ("get", "/api/v1/fairs/{fair_id}/matches"): "FairMatches",
    ("get", "/api/v1/fairs/{fair_id}/participants/{participant_id}/recommendations"): "FairRecommendations",
    ("post", "/api/v1/fairs/{fair_id}/schedule"): "FairScheduleReport",
    ("get", "/api/v1/fairs/{fair_id}/overview"): "FairOverviewReport",
    ("get", "/api/v1/fairs/{fair_id}/participants/{participant_id}/agenda"): "AgendaReport",
    ("post", "/api/v1/imports"): "ImportReportOut",
}


def test_fair_and_import_routes_name_their_response_schema(api: Api) -> None:
    doc = api.client.get("/api/openapi.json").json()
    for (method, path), name in TYPED.items():
        answer = doc["paths"][path][method]["responses"]["200"]["content"]["application/json"]["schema"]
        assert answer == {"$ref": f"#/components/schemas/{name}"}, (method, path)
    meeting = doc["components"]["schemas"]["AgendaMeeting"]["properties"]
    assert "with" in meeting and "with_" not in meeting  # the JSON key of old, not the Python name
    report = doc["components"]["schemas"]["ImportReportOut"]["properties"]
    assert sorted(report) == sorted(
        ["ok", "dry_run", "batch_id", "files", "counts", "problems", "problems_truncated", "warnings"]
    )
