"""The change history through the API: filters, one change, one batch, reverts (admins only, 409 with the
reason when later changes depend on it)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session
from tests.api.conftest import Api, now_context
from tests.history_cases import E4

from chainatlas.domain.user import Role
from chainatlas.services.users import add_user, create_token
from chainatlas.store.engine import make_engine


@pytest.fixture
def admin(api: Api, db_url: str) -> dict[str, str]:
    """Add the admin `root` and return its bearer header."""
    engine = make_engine(db_url)
    with Session(engine) as session:
        add_user(session, now_context(), username="root", role=Role.ADMIN, password="s3cret-password")
        token = create_token(session, now_context(), username="root", name="test")
        session.commit()
    engine.dispose()
    return {"Authorization": f"Bearer {token}"}


def test_list_filter_and_open_a_change(api: Api) -> None:
    client, ana = api.client, api.headers["ana"]
    assert client.post("/api/v1/enterprises", json=E4, headers=ana).status_code == 201
    assert client.patch("/api/v1/enterprises/E4", json={"name_zh": "丁机械公司"}, headers=ana).status_code == 200
    today = dt.datetime.now(dt.UTC).date().isoformat()
    page = client.get("/api/v1/history", params={"kind": "enterprises", "record": "E4", "source": "api"}, headers=ana)
    body = page.json()
    assert [(c["action"], c["actor"]) for c in body["items"]] == [("update", "ana"), ("create", "ana")]
    assert body["total"] == 2
    assert (
        client.get("/api/v1/history", params={"kind": "enterprises", "user": "vic"}, headers=ana).json()["total"] == 0
    )
    old = client.get("/api/v1/history", params={"kind": "enterprises", "date_to": "2020-01-01"}, headers=ana)
    assert old.json()["items"] == [] and today
    detail = client.get(f"/api/v1/history/changes/{body['items'][0]['id']}", headers=ana).json()
    assert [f["name"] for f in detail["fields"] if f["changed"]] == ["name_zh"]


def test_readers_only_and_bad_filters(api: Api) -> None:
    client = api.client
    assert client.get("/api/v1/history").status_code == 401
    assert client.get("/api/v1/history", headers=api.headers["vic"]).status_code == 403
    assert client.get("/api/v1/history", headers=api.headers["mem"]).status_code == 403
    bad = client.get("/api/v1/history", params={"source": "fax"}, headers=api.headers["ana"])
    assert bad.status_code == 422 and [e["field"] for e in bad.json()["errors"]] == ["source"]
    assert client.get("/api/v1/history/changes/999999", headers=api.headers["ana"]).status_code == 404


def test_admin_reverts_a_change_and_is_refused_the_second_time(api: Api, admin: dict[str, str]) -> None:
    client, ana = api.client, api.headers["ana"]
    client.patch("/api/v1/supply_links/E3/E1/U.HYD", json={"share": 0.3}, headers=ana)
    [change] = client.get("/api/v1/history", params={"kind": "supply_links"}, headers=ana).json()["items"]
    assert client.post(f"/api/v1/history/changes/{change['id']}/revert", headers=ana).status_code == 403
    done = client.post(f"/api/v1/history/changes/{change['id']}/revert", headers=admin)
    assert done.status_code == 200
    [written] = done.json()["changes"]
    assert (written["reverts_id"], written["via"], written["actor"]) == (change["id"], "api", "root")
    assert client.get("/api/v1/supply_links/E3/E1/U.HYD", headers=ana).json()["share"] == 0.4
    again = client.post(f"/api/v1/history/changes/{change['id']}/revert", headers=admin)
    assert again.status_code == 409 and str(written["id"]) in again.json()["detail"]


def test_admin_reverts_the_seed_import_batch_only_when_nothing_depends_on_it(api: Api, admin: dict[str, str]) -> None:
    client, ana = api.client, api.headers["ana"]
    # the seed import (batch 1) added every record; a later change to one of them blocks its revert
    batch = client.get("/api/v1/history/batches/1", headers=ana).json()
    assert {f["file"] for f in batch["files"]} == {"chain_nodes.csv", "enterprises.csv", "supply_links.csv"}
    assert batch["added"]["enterprises"] == ["E1", "E2", "E3"]
    client.patch("/api/v1/enterprises/E1", json={"city": "株洲"}, headers=ana)
    refused = client.post("/api/v1/history/batches/1/revert", headers=admin)
    assert refused.status_code == 409 and "E1" in refused.json()["detail"]


def test_control_characters_in_filters_are_refused_not_a_server_error(api: Api) -> None:
    for name in ("kind", "record", "user", "source"):
        response = api.client.get("/api/v1/history", params={name: "E\x001"}, headers=api.headers["ana"])
        assert response.status_code == 422, name
