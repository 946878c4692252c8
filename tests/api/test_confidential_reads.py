"""Reads of confidential supply links are logged (issue 11, point 7): who, which enterprises' links, when.

Every door is tried: the API (list, one record, an enterprise's partners), the pages (the enterprise profile,
also when it would be served from the page cache) and the CLI (export, change history). Reads that show no
confidential link write nothing, and no read moves the registry version.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from tests.api.conftest import CTX, PASSWORD, Api, now_context
from tests.conftest import Cli

from chainatlas.domain.user import Role
from chainatlas.services.users import add_user, create_token
from chainatlas.store.access_log import AccessFilter, AccessLogRepository
from chainatlas.store.history import Concern, concern_versions

LINK = {"supplier_id": "E3", "customer_id": "E2", "node_code": "U.HYD", "confidential": True, "source": "synthetic"}
PARTIES = ["E2", "E3"]
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def reads(api: Api) -> list[tuple[str, str, list[str], int]]:
    """Return the logged confidential reads, oldest first: (who, what, enterprises, links)."""
    with Session(api.client.app.state.engine) as session:  # type: ignore[attr-defined]
        found = AccessLogRepository(session).entries(AccessFilter(event="confidential_read", limit=1000))
    return [(e.username, e.detail["what"], e.detail["enterprises"], e.detail["links"]) for e in reversed(found)]


def registry_version(api: Api) -> int:
    with Session(api.client.app.state.engine) as session:  # type: ignore[attr-defined]
        return concern_versions(session)[Concern.REGISTRY]


def with_confidential_link(api: Api) -> None:
    assert api.client.post("/api/v1/supply_links", json=LINK, headers=api.headers["ana"]).status_code == 201


def test_api_reads_that_show_no_confidential_link_write_nothing(api: Api) -> None:
    with_confidential_link(api)
    assert api.client.get("/api/v1/supply_links").status_code == 401
    assert api.client.get("/api/v1/stats").status_code == 200
    assert api.client.get("/api/v1/supply_links", headers=api.headers["vic"]).json()["total"] == 2
    assert api.client.get("/api/v1/enterprises/E1/suppliers", headers=api.headers["ana"]).json()["total"] == 2
    assert api.client.get("/api/v1/supply_links/E2/E1/U.HYD", headers=api.headers["ana"]).status_code == 200
    assert api.client.get("/api/v1/supply_links/E3/E2/U.HYD", headers=api.headers["vic"]).status_code == 404
    assert reads(api) == []


def test_api_reads_of_confidential_links_are_logged_without_moving_the_registry_version(api: Api) -> None:
    with_confidential_link(api)
    version = registry_version(api)
    assert api.client.get("/api/v1/supply_links", headers=api.headers["ana"]).json()["total"] == 3
    assert api.client.get("/api/v1/supply_links/E3/E2/U.HYD", headers=api.headers["mem"]).status_code == 200
    assert api.client.get("/api/v1/enterprises/E2/suppliers", headers=api.headers["mem"]).json()["total"] == 1
    logged = reads(api)
    assert [(who, what, firms, n) for who, what, firms, n in logged] == [
        ("ana", "supply_links list", PARTIES, 1),
        ("mem", "supply_links E3/E2/U.HYD", PARTIES, 1),
        ("mem", "suppliers of E2", PARTIES, 1),
    ]
    assert registry_version(api) == version


def test_an_admin_finds_who_saw_an_enterprises_links(api: Api) -> None:
    with_confidential_link(api)
    api.client.get("/api/v1/supply_links", headers=api.headers["ana"])
    with Session(api.client.app.state.engine) as session:  # type: ignore[attr-defined]
        add_user(session, CTX, username="root", role=Role.ADMIN, password=PASSWORD)
        root = {"Authorization": f"Bearer {create_token(session, now_context(), username='root', name='t')}"}
        session.commit()
    asked = api.client.get("/api/v1/access-log", headers=root, params={"enterprise": "E3"}).json()["items"]
    assert [(i["username"], i["event"], i["address"]) for i in asked] == [("ana", "confidential_read", "testclient")]
    assert asked[0]["detail"]["via"] == "api"
    assert api.client.get("/api/v1/access-log", headers=root, params={"enterprise": "E1"}).json()["items"] == []


def page_sign_in(client: TestClient, username: str) -> None:
    match = CSRF.search(client.get("/login").text)
    assert match
    form = {"username": username, "password": PASSWORD, "csrf_token": match.group(1), "next": "/"}
    assert client.post("/login", data=form, follow_redirects=False).status_code == 303


def test_every_page_view_of_confidential_links_is_logged_even_when_pages_are_cached(api: Api) -> None:
    with_confidential_link(api)
    page_sign_in(api.client, "vic")
    for _ in range(2):
        assert api.client.get("/enterprises/E3").status_code == 200
    assert reads(api) == []  # vic sees no confidential link
    page_sign_in(api.client, "mem")
    for _ in range(2):
        assert api.client.get("/enterprises/E3").status_code == 200
    assert api.client.get("/enterprises/E3/customers", params={"format": "csv"}).status_code == 200
    assert reads(api) == [("mem", "customers of E3", PARTIES, 1)] * 3


def test_cli_exports_and_history_of_confidential_links_are_logged(api: Api, cli: Cli, tmp_path: Path) -> None:
    with_confidential_link(api)
    with Session(api.client.app.state.engine) as session:  # type: ignore[attr-defined]
        for name in ("exporter", "auditor"):
            add_user(session, CTX, username=name, role=Role.ANALYST, password=PASSWORD)
        session.commit()
    code, _, _ = cli("export", str(tmp_path / "out"), "--json", user="exporter")
    assert code == 0
    code, out, _ = cli("history", "--kind", "supply_links", "--json", user="auditor")
    assert code == 0 and json.loads(out)["changes"]
    assert reads(api) == [
        ("exporter", "export supply_links.csv", PARTIES, 1),
        ("auditor", "change history", PARTIES, 1),
    ]
    with Session(api.client.app.state.engine) as session:  # type: ignore[attr-defined]
        entry = AccessLogRepository(session).entries(AccessFilter(username="exporter"))[0]
    assert (entry.address, entry.user_id, entry.detail["via"]) == (None, None, "cli")
