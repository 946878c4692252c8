"""The documentation pages load only this server's files, and the OpenAPI document declares the two ways to
sign an API call (a bearer token, the session cookie) on the operations that read the caller."""

from __future__ import annotations

import re

from tests.api.conftest import Api
from tests.api.cookie_sessions import COOKIE, send, sign_in

EITHER = [{"bearerToken": []}, {"sessionCookie": []}]


def test_the_docs_pages_load_only_vendored_files(api: Api) -> None:
    for page, assets in (
        ("/api/docs", {"/static/vendor/swagger-ui-bundle.js", "/static/vendor/swagger-ui.css", "/static/favicon.svg"}),
        ("/api/redoc", {"/static/vendor/redoc.standalone.js", "/static/favicon.svg"}),
    ):
        answer = api.client.get(page)
        assert answer.status_code == 200
        assert set(re.findall(r'(?:src|href)="([^"]+)"', answer.text)) == assets
        assert "http" not in answer.text.replace("/api/openapi.json", "")
        assert "img-src 'self' data:" in answer.headers["content-security-policy"]
        for asset in assets:
            assert api.client.get(asset).status_code == 200


def test_the_openapi_document_declares_bearer_and_cookie(api: Api) -> None:
    document = api.client.get("/api/openapi.json").json()
    schemes = document["components"]["securitySchemes"]
    assert schemes["bearerToken"] == {
        "type": "http",
        "scheme": "bearer",
        "description": schemes["bearerToken"]["description"],
    }
    cookie = schemes["sessionCookie"]
    assert (cookie["type"], cookie["in"], cookie["name"]) == ("apiKey", "cookie", COOKIE)
    paths = document["paths"]
    assert paths["/api/v1/tokens"]["get"]["security"] == EITHER
    assert paths["/api/v1/enterprises"]["post"]["security"] == EITHER
    assert "security" not in paths["/api/v1/session"]["post"]  # signing in needs no credentials
    header_parameters = [p["name"].lower() for p in paths["/api/v1/tokens"]["get"].get("parameters", [])]
    assert "authorization" not in header_parameters


def test_both_declared_schemes_sign_a_call(api: Api) -> None:
    assert api.client.get("/api/v1/tokens").status_code == 401
    by_token = api.client.get("/api/v1/tokens", headers=api.headers["ana"])
    assert by_token.status_code == 200 and [t["name"] for t in by_token.json()["tokens"]] == ["test"]
    cookie, _ = sign_in(api.client)
    by_cookie = send(api.client, "GET", "/api/v1/tokens", cookie)
    assert by_cookie.status_code == 200 and [t["name"] for t in by_cookie.json()["tokens"]] == ["test"]
    refused = api.client.get("/api/v1/tokens", headers={"Authorization": "Basic YW5hOnM="})
    assert refused.status_code == 401  # a header that is not a bearer token is refused, not ignored
