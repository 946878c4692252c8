"""The analyses that take a cluster, through the API, with two clusters present (tests/cluster_cases.py): the
scorecard, key projects, overview stats and headline, the chain tree's counts, the enterprise list's
`in_cluster`, an enterprise's partners; `?cluster=hyd`, the default, and an unknown id."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session
from tests.api.conftest import Api
from tests.api.problems import assert_problem
from tests.cluster_scope_cases import (
    AS_OF,
    DEFAULT_MEMBERS,
    DEFAULT_PROJECTS,
    DEFAULT_TARGETS,
    HYD_MEMBERS,
    HYD_PROJECTS,
    HYD_TARGETS,
    seed_clusters,
)

from chainatlas.store.engine import make_engine
from chainatlas.store.rows import UserRow

ROUTES = (
    f"/api/v1/scorecard?as_of={AS_OF}",
    f"/api/v1/projects/status?as_of={AS_OF}",
    "/api/v1/stats",
    "/api/v1/chain/tree",
    "/api/v1/enterprises?in_cluster=true",
    "/api/v1/enterprises/E1/suppliers",
)


@pytest.fixture
def two(api: Api, db_url: str, tmp_path: Path) -> Api:
    engine = make_engine(db_url)
    seed_clusters(engine, tmp_path / "clusters")
    engine.dispose()
    return api


def _get(api: Api, path: str, cluster: str | None = None) -> Any:
    joined = path + ("&" if "?" in path else "?") + f"cluster={cluster}" if cluster else path
    response = api.client.get(joined, headers=api.headers["ana"])
    assert response.status_code == 200, response.text
    return response.json()


def test_the_scorecard_of_each_cluster(two: Api) -> None:
    default, hyd = _get(two, ROUTES[0]), _get(two, ROUTES[0], "hyd")
    assert (default["cluster"], hyd["cluster"]) == ("default", "hyd")
    assert {(t["metric"], t["scope"]) for t in default["targets"]} == DEFAULT_TARGETS
    assert {(t["metric"], t["scope"]) for t in hyd["targets"]} == HYD_TARGETS
    rows = {(t["metric"], t["scope"]): t for t in default["targets"] + hyd["targets"]}
    # 规上 among the members as of 2025-12-31: default {E1, E3} → E1 = 1; hyd {E2, E5} → E2, E5 = 2.
    assert rows[("enterprises_above_scale", "cluster")]["latest_value"] == 1.0
    assert rows[("enterprises_above_scale", "cluster:hyd")]["latest_value"] == 2.0
    # hyd: from 1 (2023) toward 3 (2027), at 2: progress (2 − 1) / (3 − 1) = 0.5.
    assert rows[("enterprises_above_scale", "cluster:hyd")]["progress"] == pytest.approx(0.5)
    # 专精特新 of the default cluster, also under its own name cluster:default: E3 of {E1, E3} → 1.
    assert rows[("specialised_smes", "cluster:default")]["latest_value"] == 1.0


def test_anonymous_visitors_see_the_named_cluster_targets_but_no_enterprise_targets(two: Api) -> None:
    response = two.client.get(f"{ROUTES[0]}&cluster=hyd")
    scopes = {(t["metric"], t["scope"]) for t in response.json()["targets"]}
    assert scopes == HYD_TARGETS - {("output", "E2")}  # cluster:hyd is an aggregate anyone may see


def test_the_projects_of_each_cluster(two: Api) -> None:
    default, hyd = _get(two, ROUTES[1]), _get(two, ROUTES[1], "hyd")
    assert {p["id"] for p in default["projects"]} == DEFAULT_PROJECTS and default["cluster"] == "default"
    assert {p["id"] for p in hyd["projects"]} == HYD_PROJECTS and hyd["cluster"] == "hyd"
    assert sum(hyd["counts"].values()) == 1 and sum(default["counts"].values()) == 2


def test_the_stats_and_headline_of_each_cluster(two: Api) -> None:
    default, hyd = _get(two, ROUTES[2]), _get(two, ROUTES[2], "hyd")
    assert (default["cluster"], default["enterprises_in_cluster"]) == ("default", len(DEFAULT_MEMBERS))
    assert (hyd["cluster"], hyd["enterprises_in_cluster"]) == ("hyd", len(HYD_MEMBERS))
    assert default["counts"]["enterprises"] == hyd["counts"]["enterprises"] == 5
    # the headline: scope `cluster` (100) for the default, `cluster:hyd` (10) for hyd
    assert [(i["metric"], i["scope"], i["value"]) for i in default["headline"]] == [("output", "cluster", "100")]
    assert [(i["metric"], i["scope"], i["value"]) for i in hyd["headline"]] == [("output", "cluster:hyd", "10")]


def _counts(tree: dict[str, Any]) -> dict[str, tuple[int, int]]:
    found: dict[str, tuple[int, int]] = {}
    todo = list(tree["roots"])
    while todo:
        node = todo.pop()
        found[node["code"]] = (node["enterprises_in_cluster"], node["enterprises_outside"])
        todo += node["children"]
    return found


def test_the_chain_tree_counts_each_cluster(two: Api) -> None:
    # U.HYD is made by E2 and E3, M.EXC by E1 and E4: default {E1, E3}, hyd {E2, E5}.
    default, hyd = _counts(_get(two, ROUTES[3])), _counts(_get(two, ROUTES[3], "hyd"))
    assert default == {"U": (1, 1), "U.HYD": (1, 1), "M": (1, 1), "M.EXC": (1, 1)}
    # hyd covers the chain below U only: its tree has no M branch
    assert hyd == {"U": (1, 1), "U.HYD": (1, 1)}


def test_the_enterprise_list_in_cluster_means_the_chosen_cluster(two: Api) -> None:
    assert {e["id"] for e in _get(two, ROUTES[4])["items"]} == DEFAULT_MEMBERS
    assert {e["id"] for e in _get(two, ROUTES[4], "hyd")["items"]} == HYD_MEMBERS
    outside = _get(two, "/api/v1/enterprises?in_cluster=false", "hyd")["items"]
    assert {e["id"] for e in outside} == {"E1", "E3", "E4"} and not any(e["in_cluster"] for e in outside)


def test_partners_are_inside_or_outside_the_chosen_cluster(two: Api) -> None:
    # E1 buys U.HYD from E2 (hyd's) and E3 (the default's)
    default = {p["partner"]["id"]: p["partner"]["in_cluster"] for p in _get(two, ROUTES[5])["items"]}
    hyd = {p["partner"]["id"]: p["partner"]["in_cluster"] for p in _get(two, ROUTES[5], "hyd")["items"]}
    assert default == {"E2": False, "E3": True} and hyd == {"E2": True, "E3": False}


@pytest.mark.parametrize("route", ROUTES)
def test_no_parameter_is_the_default_cluster(two: Api, route: str) -> None:
    assert _get(two, route) == _get(two, route, "default")


@pytest.mark.parametrize("route", ROUTES)
def test_an_unknown_cluster_is_a_404_naming_the_known_ones(two: Api, route: str) -> None:
    joined = route + ("&" if "?" in route else "?") + "cluster=nope"
    body = assert_problem(two.client.get(joined, headers=two.headers["ana"]), 404)
    assert body["code"] == "cluster.unknown" and body["params"] == {"cluster": "nope", "known": "default, hyd"}


def test_a_target_form_takes_a_known_cluster_scope_and_refuses_an_unknown_one(two: Api) -> None:
    body = {"metric": "output", "target_period": "2030", "target_value": "20", "source": "synthetic"}
    made = two.client.post("/api/v1/targets", headers=two.headers["ana"], json={**body, "scope": "cluster:hyd"})
    assert made.status_code == 201, made.text
    refused = two.client.post("/api/v1/targets", headers=two.headers["ana"], json={**body, "scope": "cluster:nope"})
    problem = assert_problem(refused, 422)
    assert [(e["field"], e["code"]) for e in problem["errors"]] == [("scope", "reference.unknown_clusters")]
    # the new target of hyd is on hyd's scorecard, not on the default's
    assert ("output", "cluster:hyd") in {(t["metric"], t["scope"]) for t in _get(two, ROUTES[0], "hyd")["targets"]}
    assert ("output", "cluster:hyd") not in {(t["metric"], t["scope"]) for t in _get(two, ROUTES[0])["targets"]}


def test_a_user_scoped_to_hyd_gets_hyd_by_default_and_a_403_for_the_default(two: Api, db_url: str) -> None:
    engine = make_engine(db_url)
    with Session(engine) as session:
        session.execute(update(UserRow).where(UserRow.username == "vic").values(clusters=["hyd"]))
        session.commit()
    engine.dispose()
    vic = two.headers["vic"]
    assert two.client.get(ROUTES[0], headers=vic).json()["cluster"] == "hyd"
    listed = two.client.get(ROUTES[4], headers=vic).json()["items"]
    assert {e["id"] for e in listed} == HYD_MEMBERS
    body = assert_problem(two.client.get(ROUTES[0] + "&cluster=default", headers=vic), 403)
    assert (body["code"], body["params"]) == ("cluster.not_yours", {"clusters": "hyd"})
