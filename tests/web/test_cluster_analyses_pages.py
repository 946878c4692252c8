"""The chain and resilience pages read `?cluster=`: two clusters over one registry give the results worked out by
hand (the registry and the arithmetic: tests/api/test_cluster_analyses_api.py), no parameter shows the default
cluster, the pages' own links and forms keep `cluster=`, and an unknown id is a 404 page naming the known ones."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest
from tests.factories import write_two_clusters
from tests.web.conftest import Pages, pages_over, seed_files
from tests.web.pages import chart_json

CODES = re.compile(r'class="node-link" href="[^"]*" data-code="([^"]+)"')
GAP_ROWS = re.compile(r'<td class="node-cell" data-code="([^"]+)"')
TARGET_ROWS = re.compile(r'<td class="firm-cell" data-firm="([^"]+)"')
MARKED = re.compile(r'<td data-id="([^"]+)"><a class="firm"[^>]*>[^<]*</a>\s*<span class="badge in-cluster"')


@pytest.fixture
def two(db_url: str, tmp_path: Path) -> Iterator[Pages]:
    """Return a page client over the two clusters (the analyst ana comes with `login`)."""
    seed_files(db_url, write_two_clusters(tmp_path / "in"))
    with pages_over(db_url, tmp_path / "var") as pages:
        yield pages


def page(pages: Pages, path: str, cluster: str | None = None) -> str:
    """Return a page (waiting while a background analysis answers 202), with `?cluster=` when given."""
    params = None if cluster is None else {"cluster": cluster}
    deadline = time.monotonic() + 60
    response = pages.client.get(path, params=params)
    while response.status_code == 202 and time.monotonic() < deadline:
        time.sleep(0.2)
        response = pages.client.get(path, params=params)
    assert response.status_code == 200, response.text
    return unescape(response.text)


def test_the_chain_map_and_panel_show_the_clusters_subtree_and_members(two: Pages) -> None:
    default, hyd = page(two, "/chain"), page(two, "/chain", "hyd")
    assert CODES.findall(default) == ["U", "U.HYD", "M", "M.EXC"] and CODES.findall(hyd) == ["U", "U.HYD"]
    assert CODES.findall(page(two, "/chain", "default")) == CODES.findall(default)
    # the panel is fetched with the map's query, which keeps the cluster; the year form keeps it too
    queries = {name: re.findall(r'data-query="([^"]*)"', html)[0] for name, html in (("hyd", hyd), ("none", default))}
    assert "cluster=hyd" in queries["hyd"] and "cluster" not in queries["none"]
    for query in queries.values():  # what the page's script fetches
        assert two.client.get(f"/chain/nodes/U.HYD?{query}").status_code == 200
    assert '<input type="hidden" name="cluster" value="hyd">' in hyd
    assert 'name="cluster" value="default"' not in page(two, "/chain")  # not named: nothing to keep
    two.login("ana")
    mine, theirs = page(two, "/chain/nodes/U.HYD", "default"), page(two, "/chain/nodes/U.HYD", "hyd")
    assert "/chain/nodes/U.HYD/targets?cluster=hyd" in theirs and "/enterprises?node=U.HYD&cluster=hyd" in theirs
    # E2, U.HYD's one maker, is outside the default cluster and a member of hyd
    maker = re.compile(r'href="/enterprises/E2">.*?</a>\s*<span class="badge (inside|outside)">', re.S)
    assert (maker.findall(mine), maker.findall(theirs)) == (["outside"], ["inside"])
    # default: 400,000 of 1,000,000 bought from a member → 40.0%; hyd buys nothing → no rate
    rate = re.compile(r'data-metric="local_rate_value">([^<]*)<')
    assert (rate.findall(mine), rate.findall(theirs)) == (["40.0%"], ["—"])
    assert rate.findall(page(two, "/chain/nodes/U.HYD")) == ["40.0%"]
    missing = two.client.get("/chain/nodes/M.EXC", params={"cluster": "hyd"})
    assert missing.status_code == 404  # M.EXC is not on hyd's subtree


def test_gaps_and_targets_per_cluster_keep_the_cluster_in_their_links(two: Pages) -> None:
    two.login("ana")
    default, hyd = page(two, "/chain/gaps", "default"), page(two, "/chain/gaps", "hyd")
    assert GAP_ROWS.findall(default) == ["U.HYD"] and GAP_ROWS.findall(hyd) == []  # hyd buys nothing
    assert GAP_ROWS.findall(page(two, "/chain/gaps")) == ["U.HYD"]
    assert "/chain/nodes/U.HYD/targets?cluster=default" in default
    assert "/chain/gaps?cluster=hyd&format=csv" in hyd
    mine, theirs = page(two, "/chain/nodes/U.HYD/targets", "default"), page(two, "/chain/nodes/U.HYD/targets", "hyd")
    assert TARGET_ROWS.findall(mine) == ["E2"] and TARGET_ROWS.findall(theirs) == []  # E2 is a member of hyd
    assert TARGET_ROWS.findall(page(two, "/chain/nodes/U.HYD/targets")) == ["E2"]
    assert "/chain/scenarios?attract=E2&cluster=default" in mine
    assert 'href="/chain/gaps?cluster=hyd"' in theirs


def attract_choices(html: str) -> list[str]:
    found = re.search(r'<datalist id="attract_firm-choices">(.*?)</datalist>', html, re.S)
    assert found, "no attract picker"
    return re.findall(r'<option value="([^"]+)"', found.group(1))


def test_the_what_if_page_offers_and_evaluates_per_cluster(two: Pages) -> None:
    two.login("ana")
    default, hyd = page(two, "/chain/scenarios", "default"), page(two, "/chain/scenarios", "hyd")
    # the firms to attract are those outside the cluster: E2 for default, E1 and E3 for hyd
    assert attract_choices(default) == ["E2"] and attract_choices(hyd) == ["E1", "E3"]
    assert attract_choices(page(two, "/chain/scenarios")) == ["E2"]
    assert 'action="/chain/scenarios?cluster=hyd#scenario-result"' in hyd
    token = two.csrf("/chain/scenarios")
    form = {"attract_firm": "E1", "csrf_token": token}
    evaluated = two.client.post("/chain/scenarios", params={"cluster": "hyd"}, data=form)
    assert evaluated.status_code == 200, evaluated.text
    # E1 joins hyd: it buys 600,000 from E2, a member → local supporting rate none → 100%
    headline = re.search(r'id="headline" data-code="([^"]+)"', evaluated.text)
    assert headline and headline.group(1) in ("U", "U.HYD")
    unchanged = two.client.post("/chain/scenarios", params={"cluster": "default"}, data=form)
    assert unchanged.status_code == 200 and 'id="headline"' not in unchanged.text  # E1 is a member already


def test_the_resilience_pages_mark_the_sites_of_the_cluster(two: Pages) -> None:
    two.login("ana")
    default, hyd = page(two, "/resilience", "default"), page(two, "/resilience", "hyd")
    assert sorted(MARKED.findall(default)) == ["E1", "E3"] and MARKED.findall(hyd) == ["E2"]
    assert sorted(MARKED.findall(page(two, "/resilience"))) == ["E1", "E3"]
    assert re.search(r'id="sum-in-cluster">2<', default) and re.search(r'id="sum-in-cluster">1<', hyd)
    assert "/resilience/mitigations?cluster=hyd" in hyd and "/resilience/what-if?cluster=hyd" in hyd
    assert "/resilience/nodes/E2?cluster=hyd" in hyd
    assert 'id="node-in-cluster"' in page(two, "/resilience/nodes/E2", "hyd")
    assert 'id="node-in-cluster"' not in page(two, "/resilience/nodes/E2", "default")
    assert 'id="node-in-cluster"' not in page(two, "/resilience/nodes/E2")
    assert 'href="/resilience?cluster=hyd"' in page(two, "/resilience/mitigations", "hyd")
    # disrupting E2 and E3 stops E1 too: 2 of the stopped sites are in default (E1, E3), 1 in hyd (E2)
    query = "/resilience/what-if?by=firms&firms=E2,E3"
    assert re.search(r'id="result-in-cluster">2<', page(two, query + "&cluster=default"))
    assert re.search(r'id="result-in-cluster">2<', page(two, query))
    stopped = page(two, query + "&cluster=hyd")
    assert re.search(r'id="result-in-cluster">1<', stopped)
    assert chart_json(stopped, "whatif-data")["nodes"][0]["url"] == "/resilience/nodes/E1?cluster=hyd"
    assert '<input type="hidden" name="cluster" value="hyd">' in stopped


PAGES = [
    "/chain",
    "/chain/nodes/U.HYD",
    "/chain/gaps",
    "/chain/nodes/U.HYD/targets",
    "/chain/scenarios",
    "/resilience",
    "/resilience/nodes/E1",
    "/resilience/what-if",
    "/resilience/mitigations",
]


@pytest.mark.parametrize("path", PAGES)
def test_an_unknown_cluster_is_a_404_page_naming_the_known_ones(two: Pages, path: str) -> None:
    two.login("ana")
    chinese = two.client.get(path, params={"cluster": "nope"}, headers={"Accept-Language": "zh-CN"})
    assert chinese.status_code == 404
    assert "没有编号为“nope”的集群；已有：default, hyd" in unescape(chinese.text)
    english = two.client.get(path, params={"cluster": "nope", "lang": "en"}, headers={"Accept-Language": "en"})
    assert english.status_code == 404 and "default, hyd" in unescape(english.text)
