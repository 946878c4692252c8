"""`/api/v1/clusters/visible` and `/api/v1/clusters/compare`: their JSON on the two-cluster registry of
tests/cluster_cases.py (figures worked out by hand there), for an analyst, a viewer and a scoped analyst."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from tests.api.conftest import CTX, PASSWORD, Api, now_context
from tests.cluster_cases import EXPECTED, write_compared_clusters

from chainatlas.app import create_app
from chainatlas.config import load_settings
from chainatlas.domain.user import Role
from chainatlas.services.imports import run_import
from chainatlas.services.users import add_user, create_token
from chainatlas.store.engine import make_engine

FIGURE_KEYS = [
    "cluster",
    "output",
    "size_classes",
    "purchases",
    "suppliers",
    "local_rate_value",
    "local_rate_count",
    "key_technology_foreign_share",
    "suppressed",
    "single_points_of_failure",
    "spof_basis",
    "targets_total",
    "targets_on_track",
    "targets_at_risk",
]
SUMMARY_KEYS = ["id", "name_zh", "name_en", "region", "root_code", "is_default", "members"]
USERS = (("ana", Role.ANALYST, ()), ("vic", Role.VIEWER, ()), ("hydana", Role.ANALYST, ("hyd",)))


@pytest.fixture
def clusters_api(db_url: str, tmp_path: Path) -> Iterator[Api]:
    engine = make_engine(db_url)
    tokens = {}
    with Session(engine) as session:
        assert run_import(session, [write_compared_clusters(tmp_path / "in")], CTX).ok
        for name, role, clusters in USERS:
            add_user(session, CTX, username=name, role=role, password=PASSWORD, clusters=clusters)
            tokens[name] = create_token(session, now_context(), username=name, name="test")
        session.commit()
    engine.dispose()
    app = create_app(load_settings({}, database_url=db_url), var_dir=tmp_path / "var")
    with TestClient(app, headers={"Accept-Language": "en"}) as client:
        yield Api(client, {name: {"Authorization": f"Bearer {token}"} for name, token in tokens.items()})
    app.state.engine.dispose()


def test_compare_answers_every_figure(clusters_api: Api) -> None:
    response = clusters_api.client.get("/api/v1/clusters/compare?as_of=2026-06-30", headers=clusters_api.headers["ana"])
    assert response.status_code == 200, response.text
    body = response.json()
    assert list(body) == ["as_of", "year", "clusters"] and body["as_of"] == "2026-06-30"
    for row in body["clusters"]:
        assert list(row) == FIGURE_KEYS and list(row["cluster"]) == SUMMARY_KEYS
        want = EXPECTED[row["cluster"]["id"]]
        assert row["purchases"] == f"{want['purchases']:.2f}"  # money as the registry's decimal string
        assert row["output"] == f"{want['output']:.2f}"
        assert row["local_rate_count"] == pytest.approx(want["local_rate_count"])
        assert row["key_technology_foreign_share"] == pytest.approx(want["key_technology_foreign_share"])
    assert [row["cluster"]["id"] for row in body["clusters"]] == ["default", "hyd"]


def test_visible_lists_clusters_with_member_counts(clusters_api: Api) -> None:
    response = clusters_api.client.get("/api/v1/clusters/visible")  # anonymous: public aggregates
    assert response.status_code == 200, response.text
    clusters = response.json()["clusters"]
    assert [(c["id"], c["members"], c["is_default"]) for c in clusters] == [("default", 2, True), ("hyd", 2, False)]
    assert clusters[1]["region"] == ["country:DE"] and clusters[1]["root_code"] == "U"


def test_a_scoped_analyst_sees_only_their_cluster(clusters_api: Api) -> None:
    headers = clusters_api.headers["hydana"]
    listed = clusters_api.client.get("/api/v1/clusters/visible", headers=headers).json()["clusters"]
    compared = clusters_api.client.get("/api/v1/clusters/compare", headers=headers).json()["clusters"]
    assert [c["id"] for c in listed] == ["hyd"] and [c["cluster"]["id"] for c in compared] == ["hyd"]
    other = clusters_api.client.get("/api/v1/clusters/compare?cluster=default", headers=headers)
    own = clusters_api.client.get("/api/v1/clusters/compare?cluster=hyd", headers=headers)
    assert (other.status_code, own.status_code) == (403, 200)
    assert other.headers["content-type"].startswith("application/problem+json")


def test_an_unknown_cluster_is_not_found_naming_the_known_ones(clusters_api: Api) -> None:
    response = clusters_api.client.get("/api/v1/clusters/compare?cluster=nope", headers=clusters_api.headers["ana"])
    assert response.status_code == 404
    assert "default, hyd" in response.text


def test_viewers_get_the_comparison_too(clusters_api: Api) -> None:
    response = clusters_api.client.get("/api/v1/clusters/compare?cluster=hyd", headers=clusters_api.headers["vic"])
    assert response.status_code == 200, response.text
    row = response.json()["clusters"][0]
    assert row["suppliers"] == 3 and not row["suppressed"]  # three suppliers: at the disclosure threshold
