"""Every page and every API route that takes a cluster, with two clusters present (the demo's): each answers for
the second cluster, shows it chosen in the picker, and refuses an unknown cluster with a 404 naming the known ones."""

from __future__ import annotations

import re
from urllib.parse import urlencode, urlsplit

import pytest
from sqlalchemy import select
from tests.web.conftest import Pages
from tests.web.walk import PAGES, add_walker, settled, sign_in

from chainatlas.store.rows import ClusterMemberRow, ClusterRow

pytestmark = pytest.mark.slow
NOT_FOUND_PAGES = {"/nope", "/enterprises/nope", "/enterprises/nope/extra", "/chain/nodes/NOPE/targets", "/login"}
PATH_VALUES = {
    "enterprise_id": "E0001",
    "code": "U.HYD.VALVE.MAIN",
    "node": "U.HYD.VALVE.MAIN",
    "fair_id": "CICEE2023",
    "project_id": "P01",
    "id": "E0001",
    "node_id": "E0001",
    "participant_id": "C23-B001",
}


def _second_cluster(pages: Pages) -> tuple[str, str]:
    """Return (the default cluster's id, another cluster's id that has a region or members) of the demo."""
    with pages.engine.connect() as connection:
        rows = connection.execute(select(ClusterRow.id, ClusterRow.is_default, ClusterRow.region)).all()
        members = set(connection.scalars(select(ClusterMemberRow.cluster_id)))
    default = next(r.id for r in rows if r.is_default)
    others = sorted(r.id for r in rows if not r.is_default and (r.region or r.id in members))
    assert others, f"the demo should hold a second cluster with members: {rows}"
    return default, others[0]


def _with(path: str, cluster: str) -> str:
    return f"{path}{'&' if '?' in path else '?'}{urlencode({'cluster': cluster})}"


def test_every_page_answers_for_the_second_cluster_and_shows_it_chosen(pages: Pages) -> None:
    add_walker(pages.engine)
    sign_in(pages.client)
    _, second = _second_cluster(pages)
    chosen = re.compile(rf'<option value="{re.escape(second)}" selected>')
    missing = []
    for path in PAGES:
        if urlsplit(path).path in NOT_FOUND_PAGES:
            continue
        html = settled(pages.client, _with(path, second))
        if 'class="cluster-picker"' in html and not chosen.search(html):
            missing.append(path)
    assert not missing, f"the picker does not show the chosen cluster on {missing}"


def _routes_taking_a_cluster(pages: Pages) -> list[str]:
    document = pages.client.get("/api/openapi.json").json()
    found = []
    for path, operations in document["paths"].items():
        get = operations.get("get")
        if get and any(p["name"] == "cluster" and p["in"] == "query" for p in get.get("parameters", [])):
            found.append(re.sub(r"\{(\w+)\}", lambda m: PATH_VALUES.get(m.group(1), m.group(1)), path))
    return found


def test_every_api_route_that_takes_a_cluster_answers_for_both_and_refuses_an_unknown_one(pages: Pages) -> None:
    add_walker(pages.engine)
    sign_in(pages.client)
    default, second = _second_cluster(pages)
    routes = _routes_taking_a_cluster(pages)
    assert len(routes) >= 8, routes
    for route in routes:
        for cluster in (default, second):
            answer = pages.client.get(_with(route, cluster), headers={"Accept-Language": "en"})
            assert answer.status_code in (200, 202), f"{route} for {cluster}: {answer.status_code} {answer.text[:300]}"
        unknown = pages.client.get(_with(route, "no-such-cluster"), headers={"Accept-Language": "zh"})
        assert unknown.status_code == 404, f"{route}: {unknown.status_code}"
        assert "no-such-cluster" in unknown.text and second in unknown.text, unknown.text
