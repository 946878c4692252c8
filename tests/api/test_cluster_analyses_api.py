"""Every chain and resilience route takes `?cluster=`: two clusters over one registry give the results worked out
by hand below, no parameter means the default cluster, and an unknown id is a 404 naming the known clusters
(Chinese unless the reader asks for English).

The registry (tests/factories.write_two_clusters): nodes U > U.HYD (key technology) and M > M.EXC; E1 (CN, 长沙)
and E3 (CN) are members of the default cluster (their in_cluster rows), E2 (DE) makes U.HYD; links E2 → E1
600,000 and E3 → E1 400,000 on U.HYD. Cluster `hyd`: region country:DE, subtree U.

- default (whole taxonomy; members E1, E3): E1 buys 1,000,000 on U.HYD (and U above it), 400,000 of it from E3
  (a member) → local supporting rate 0.4; nobody in the cluster makes U.HYD (E2 is outside) → 0 makers inside.
  The gap ranking holds U.HYD; the one enterprise outside that makes U.HYD is E2 → the target.
- hyd (nodes U, U.HYD; members: in DE and making something below U → E2): no member buys → purchases 0, no
  rate, no gap; E2 makes U.HYD → 1 maker inside; nobody outside makes U.HYD → no target; M.EXC is not in it.
- what-if "attract E1": in default E1 is a member already → nothing moves; in hyd E1 joins → it buys 600,000 on
  U.HYD from E2 (a member) → purchases 0 → 600,000, local rate none → 1.0.
- resilience: the sites are the parties of the links (E1, E2, E3), the same network for both clusters; in
  default E1 and E3 are in the cluster (2 sites), in hyd E2 (1 site). Disrupting country:DE stops E2 only (E1
  still has E3) → 0 of the stopped sites in default, 1 in hyd; disrupting E2 and E3 stops E1 too (no supplier
  of U.HYD left) → {E1, E2, E3}: 2 in default (E1, E3), 1 in hyd (E2).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from tests.api.conftest import CTX, PASSWORD, Api, now_context
from tests.api.problems import assert_problem
from tests.factories import write_two_clusters

from chainatlas.app import create_app
from chainatlas.config import load_settings
from chainatlas.domain.user import Role
from chainatlas.services.imports import run_import
from chainatlas.services.users import add_user, create_token
from chainatlas.store.engine import make_engine

UNKNOWN_ZH = "没有编号为“nope”的集群；已有：default, hyd"
UNKNOWN_EN = "no cluster with id nope; known clusters: default, hyd"
WHAT_IF = {"changes": [{"action": "attract", "firm": "E1"}]}


@pytest.fixture
def two(db_url: str, tmp_path: Path) -> Iterator[Api]:
    """Return an API client (English unless a test asks) over the two clusters, with an analyst, ana."""
    engine = make_engine(db_url)
    with Session(engine) as session:
        assert run_import(session, [write_two_clusters(tmp_path / "in")], CTX).ok
        add_user(session, CTX, username="ana", role=Role.ANALYST, password=PASSWORD)
        token = create_token(session, now_context(), username="ana", name="test")
        session.commit()
    engine.dispose()
    app = create_app(load_settings({}, database_url=db_url), var_dir=tmp_path / "var")
    with TestClient(app, headers={"Accept-Language": "en"}) as client:
        yield Api(client, {"ana": {"Authorization": f"Bearer {token}"}})
    app.state.engine.dispose()


def get(api: Api, path: str, cluster: str | None) -> dict[str, Any]:
    """Return the JSON of a GET as the analyst, with `?cluster=` when given (200 expected)."""
    params = {} if cluster is None else {"cluster": cluster}
    response = api.client.get(path, headers=api.headers["ana"], params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def post(api: Api, path: str, body: dict[str, Any], cluster: str | None) -> dict[str, Any]:
    """Return the JSON of a POST as the analyst, with `?cluster=` when given (200 expected)."""
    params = {} if cluster is None else {"cluster": cluster}
    response = api.client.post(path, headers=api.headers["ana"], params=params, json=body)
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


def hydraulics(body: dict[str, Any]) -> dict[str, Any]:
    node: dict[str, Any] = next(n for n in body["nodes"] if n["code"] == "U.HYD")
    return node


def test_chain_metrics_per_cluster(two: Api) -> None:
    default, hyd = get(two, "/api/v1/chain/metrics", "default"), get(two, "/api/v1/chain/metrics", "hyd")
    assert (default["cluster"], hyd["cluster"]) == ("default", "hyd")
    assert [n["code"] for n in default["nodes"]] == ["M", "M.EXC", "U", "U.HYD"]
    assert [n["code"] for n in hyd["nodes"]] == ["U", "U.HYD"]  # the subtree of U only
    mine = hydraulics(default)
    assert (mine["purchases"], mine["local_value"], mine["local_rate_value"]) == ("1000000.00", "400000.00", 0.4)
    assert mine["enterprises_in_cluster"] == 0
    theirs = hydraulics(hyd)
    assert (theirs["purchases"], theirs["local_rate_value"], theirs["enterprises_in_cluster"]) == ("0.00", None, 1)
    assert get(two, "/api/v1/chain/metrics", None) == default


def test_chain_gaps_and_targets_per_cluster(two: Api) -> None:
    gaps = {c: get(two, "/api/v1/chain/gaps", c) for c in ("default", "hyd", None)}
    assert [g["code"] for g in gaps["default"]["gaps"]] == ["U.HYD"] and gaps["default"]["cluster"] == "default"
    assert (gaps["hyd"]["gaps"], gaps["hyd"]["total"], gaps["hyd"]["cluster"]) == ([], 0, "hyd")
    assert gaps[None] == gaps["default"]
    targets = {c: get(two, "/api/v1/chain/targets/U.HYD", c) for c in ("default", "hyd", None)}
    assert [t["firm_id"] for t in targets["default"]["targets"]] == ["E2"]
    assert (targets["hyd"]["targets"], targets["hyd"]["cluster"]) == ([], "hyd")
    assert targets[None] == targets["default"]
    outside = two.client.get("/api/v1/chain/targets/M.EXC", headers=two.headers["ana"], params={"cluster": "hyd"})
    assert assert_problem(outside, 404)["code"] == "chain.node_not_found"  # M.EXC is not on hyd's subtree


def test_chain_what_if_takes_the_cluster_as_a_query_parameter(two: Api) -> None:
    default = post(two, "/api/v1/chain/scenarios", WHAT_IF, "default")
    assert (default["cluster"], default["differences"]) == ("default", [])  # E1 is a member already
    hyd = post(two, "/api/v1/chain/scenarios", WHAT_IF, "hyd")
    moved = next(d for d in hyd["differences"] if d["code"] == "U.HYD")["changes"]
    assert hyd["cluster"] == "hyd"
    assert moved["purchases"] == {"before": "0.00", "after": "600000.00"}
    assert moved["local_rate_value"] == {"before": None, "after": 1.0}
    assert post(two, "/api/v1/chain/scenarios", WHAT_IF, None) == default
    # E3 is neither a member of hyd nor named by its links: hyd's what-if does not know it
    unknown = two.client.post(
        "/api/v1/chain/scenarios",
        headers=two.headers["ana"],
        params={"cluster": "hyd"},
        json={"changes": [{"action": "attract", "firm": "E3"}]},
    )
    assert assert_problem(unknown, 422)["errors"][0]["field"] == "changes[0]"


def test_the_chain_tree_per_cluster(two: Api) -> None:
    default, hyd = get(two, "/api/v1/chain/tree", "default"), get(two, "/api/v1/chain/tree", "hyd")
    assert (default["cluster"], hyd["cluster"]) == ("default", "hyd")
    assert [r["code"] for r in default["roots"]] == ["M", "U"] and [r["code"] for r in hyd["roots"]] == ["U"]
    (mine,) = next(r for r in default["roots"] if r["code"] == "U")["children"]
    (theirs,) = hyd["roots"][0]["children"]
    # E2 makes U.HYD: outside the default cluster, inside hyd
    assert (mine["enterprises_in_cluster"], mine["enterprises_outside"]) == (0, 1)
    assert (theirs["enterprises_in_cluster"], theirs["enterprises_outside"]) == (1, 0)
    assert get(two, "/api/v1/chain/tree", None) == default


def test_resilience_marks_the_sites_of_each_cluster(two: Api) -> None:
    for cluster, inside in (("default", {"E1", "E3"}), ("hyd", {"E2"})):
        report = get(two, "/api/v1/resilience/analysis", cluster)
        assert report["cluster"] == cluster
        assert {n["id"] for n in report["nodes"]} == {"E1", "E2", "E3"}  # the same network for both
        assert {n["id"] for n in report["nodes"] if n["in_cluster"]} == inside
        summary = get(two, "/api/v1/resilience/summary", cluster)
        assert (summary["cluster"], summary["sites"], summary["sites_in_cluster"]) == (cluster, 3, len(inside))
        assert summary["single_points_of_failure_in_cluster"] is None  # fewer than 3 sites inside: suppressed
        node = get(two, "/api/v1/resilience/nodes/E2", cluster)
        assert (node["cluster"], node["in_cluster"]) == (cluster, "E2" in inside)
        graph = get(two, "/api/v1/resilience/nodes/E1/graph", cluster)
        assert graph["cluster"] == cluster
        assert {n["id"] for n in graph["nodes"] if n["in_cluster"]} == inside
        assert get(two, "/api/v1/resilience/mitigations", cluster)["cluster"] == cluster
    for path in ("analysis", "summary", "nodes/E2", "nodes/E1/graph", "mitigations"):
        assert get(two, f"/api/v1/resilience/{path}", None) == get(two, f"/api/v1/resilience/{path}", "default")


@pytest.mark.parametrize(
    ("body", "default_inside", "hyd_inside"),
    [({"country": "DE"}, 0, 1), ({"firms": ["E2", "E3"]}, 2, 1)],
)
def test_resilience_what_if_counts_the_stopped_sites_of_the_cluster(
    two: Api, body: dict[str, Any], default_inside: int, hyd_inside: int
) -> None:
    default = post(two, "/api/v1/resilience/what-if", body, "default")
    hyd = post(two, "/api/v1/resilience/what-if", body, "hyd")
    assert (default["cluster"], default["failed_in_cluster"]) == ("default", default_inside)
    assert (hyd["cluster"], hyd["failed_in_cluster"]) == ("hyd", hyd_inside)
    assert sorted(default["failed"]) == sorted(hyd["failed"])  # what stops does not depend on the cluster
    assert post(two, "/api/v1/resilience/what-if", body, None) == default


ROUTES = [
    ("get", "/api/v1/chain/metrics"),
    ("get", "/api/v1/chain/gaps"),
    ("get", "/api/v1/chain/targets/U.HYD"),
    ("post", "/api/v1/chain/scenarios"),
    ("get", "/api/v1/chain/tree"),
    ("get", "/api/v1/resilience/summary"),
    ("get", "/api/v1/resilience/analysis"),
    ("get", "/api/v1/resilience/nodes/E1"),
    ("get", "/api/v1/resilience/nodes/E1/graph"),
    ("post", "/api/v1/resilience/what-if"),
    ("get", "/api/v1/resilience/mitigations"),
]


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_an_unknown_cluster_is_a_404_naming_the_known_ones_in_the_readers_language(
    two: Api, method: str, path: str
) -> None:
    body = WHAT_IF if path.endswith("scenarios") else {"country": "DE"}
    answers = {}
    for lang in ("zh-CN", "en"):
        headers = {**two.headers["ana"], "Accept-Language": lang}
        options: dict[str, Any] = {"headers": headers, "params": {"cluster": "nope"}}
        if method == "post":
            options["json"] = body
        answers[lang] = assert_problem(getattr(two.client, method)(path, **options), 404)
    assert answers["zh-CN"]["code"] == answers["en"]["code"] == "cluster.unknown"
    assert (answers["zh-CN"]["detail"], answers["en"]["detail"]) == (UNKNOWN_ZH, UNKNOWN_EN)


def test_a_saved_scenario_keeps_its_changes_and_its_change_record_names_the_cluster(two: Api) -> None:
    saved = post(two, "/api/v1/chain/scenarios", {**WHAT_IF, "save_as": "引进甲"}, "hyd")
    assert saved["saved_id"] is not None and saved["cluster"] == "hyd"
    (listed,) = get(two, "/api/v1/chain/scenarios", None)["scenarios"]
    assert (listed["name"], listed["changes"]) == ("引进甲", WHAT_IF["changes"])
    history = two.client.get("/api/v1/history", headers=two.headers["ana"], params={"kind": "scenarios"})
    assert history.status_code == 200, history.text
    (change,) = history.json()["items"]
    assert change["after"]["cluster"] == "hyd"
