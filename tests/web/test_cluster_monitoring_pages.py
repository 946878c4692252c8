"""The pages that take a cluster, with two clusters present (tests/cluster_cases.py): the scorecard, key
projects, the overview, the enterprise list and page (which clusters a firm is in and why), partner downloads;
`?cluster=hyd`, the default (no parameter = `?cluster=default`), and an unknown id (a 404 naming the known)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.cluster_scope_cases import AS_OF, DEFAULT_PROJECTS, DEFAULT_TARGETS, HYD_PROJECTS, HYD_TARGETS, seed_clusters
from tests.web.conftest import Pages, pages_over
from tests.web.pages import csv_rows

from chainatlas.reports.alert_links import target_anchor
from chainatlas.store.engine import make_engine

PAGES = (
    f"/scorecard?as_of={AS_OF}",
    f"/projects?as_of={AS_OF}",
    "/",
    "/enterprises?in_cluster=true",
    "/enterprises/E1",
    "/enterprises/E1/suppliers",
)


@pytest.fixture
def two(db_url: str, tmp_path: Path) -> Iterator[Pages]:
    engine = make_engine(db_url)
    seed_clusters(engine, tmp_path / "clusters")
    engine.dispose()
    with pages_over(db_url, tmp_path / "var") as pages:
        pages.login("ana")
        pages.client.get("/lang/en")
        yield pages


def _page(pages: Pages, path: str, cluster: str | None = None) -> str:
    joined = path + ("&" if "?" in path else "?") + f"cluster={cluster}" if cluster else path
    response = pages.client.get(joined)
    assert response.status_code == 200, response.text
    return response.text


def _anchors(html: str) -> set[str]:
    return set(re.findall(r'href="#(t-[^"]+)"', html))


def _expected_anchors(targets: set[tuple[str, str]]) -> set[str]:
    return {target_anchor(metric, scope, "2027") for metric, scope in targets}


def test_the_scorecard_page_of_each_cluster(two: Pages) -> None:
    assert _anchors(_page(two, PAGES[0])) == _expected_anchors(DEFAULT_TARGETS)
    hyd = _page(two, PAGES[0], "hyd")
    assert _anchors(hyd) == _expected_anchors(HYD_TARGETS)
    assert '<input type="hidden" name="cluster" value="hyd">' in hyd  # the as-of form keeps the cluster
    moved = two.client.get("/scorecard?cluster=hyd", follow_redirects=False)
    assert moved.status_code == 303 and "cluster=hyd" in moved.headers["location"]


def _project_links(html: str) -> set[str]:
    return set(re.findall(r'href="/projects/([^"?]+)\?', html))


def test_the_projects_page_of_each_cluster(two: Pages) -> None:
    assert _project_links(_page(two, PAGES[1])) == DEFAULT_PROJECTS
    hyd = _page(two, PAGES[1], "hyd")
    assert _project_links(hyd) == HYD_PROJECTS
    assert f'href="/projects/P2?as_of={AS_OF}&amp;cluster=hyd"' in hyd


def _figures(html: str) -> list[str]:
    return re.findall(r'<p class="figure-value">([^<]+)</p>', html)


def test_the_overview_of_each_cluster(two: Pages) -> None:
    # output in 2024: scope `cluster` 100 亿元 = 100 × 10⁸ = CNY 10 billion for the default; `cluster:hyd`
    # 10 亿元 = 10⁹ = CNY 1 billion for hyd
    assert _figures(_page(two, PAGES[2])) == ["CNY 10.00 billion"]
    assert _figures(_page(two, PAGES[2], "hyd")) == ["CNY 1.00 billion"]


def _firm_links(html: str) -> set[str]:
    return set(re.findall(r'class="firm" href="/enterprises/([A-Z0-9]+)', html))


def test_the_enterprise_list_in_cluster_is_the_chosen_cluster(two: Pages) -> None:
    assert _firm_links(_page(two, PAGES[3])) == {"E1", "E3"}
    hyd = _page(two, PAGES[3], "hyd")
    assert _firm_links(hyd) == {"E2", "E5"} and 'href="/enterprises/E2?cluster=hyd"' in hyd
    download = two.client.get("/enterprises?in_cluster=true&cluster=hyd&format=csv")
    assert sorted(row[0] for row in csv_rows(download.content)[1:]) == ["E2", "E5"]


def _memberships(html: str) -> list[tuple[str, str, str]]:
    table = html.split('id="membership-table"')[1].split("</table>")[0]
    cells = re.findall(r"<code>([^<]+)</code></td>\s*<td><span[^>]*>([^<]*)</span></td>\s*<td>([^<]+)</td>", table)
    return [(cluster, member.strip(), why.strip()) for cluster, member, why in cells]


def test_the_enterprise_page_names_every_cluster_and_why(two: Pages) -> None:
    # E4 (Germany, makes M.EXC): the default cluster takes firms by explicit rows only; hyd's region holds it
    # but M.EXC is not below U. E5: hyd's explicit row. E2: hyd's region and subtree.
    assert _memberships(_page(two, "/enterprises/E4")) == [
        ("default", "No", "Located outside the region"),
        ("hyd", "No", "In the region but makes nothing on the subtree"),
    ]
    assert [m[1:] for m in _memberships(_page(two, "/enterprises/E5"))] == [
        ("No", "Located outside the region"),
        ("Yes", "Membership row: included"),
    ]
    assert _memberships(_page(two, "/enterprises/E1"))[0] == ("default", "Yes", "Membership row: included")
    assert _memberships(_page(two, "/enterprises/E2"))[1] == (
        "hyd",
        "Yes",
        "Located in the region and makes on the subtree",
    )


def test_partner_downloads_follow_the_chosen_cluster(two: Pages) -> None:
    # E1 buys from E2 (hyd's) and E3 (the default's); column 3 says whether the partner is in the cluster
    default = csv_rows(two.client.get("/enterprises/E1/suppliers?format=csv").content)[1:]
    hyd = csv_rows(two.client.get("/enterprises/E1/suppliers?format=csv&cluster=hyd").content)[1:]
    assert sorted((row[0], row[2]) for row in default) == [("E2", "No"), ("E3", "Yes")]
    assert sorted((row[0], row[2]) for row in hyd) == [("E2", "Yes"), ("E3", "No")]
    assert 'href="/enterprises/E1/suppliers?cluster=hyd&amp;format=csv"' in _page(two, PAGES[4], "hyd")


@pytest.mark.parametrize("path", PAGES)
def test_no_parameter_is_the_default_cluster(two: Pages, path: str) -> None:
    plain, named = _page(two, path), _page(two, path, "default")
    for pick in (_anchors, _project_links, _figures, _firm_links):
        assert pick(plain) == pick(named)


@pytest.mark.parametrize("path", PAGES)
def test_an_unknown_cluster_is_a_404_naming_the_known_ones(two: Pages, path: str) -> None:
    response = two.client.get(path + ("&" if "?" in path else "?") + "cluster=nope")
    assert response.status_code == 404 and "default, hyd" in response.text
