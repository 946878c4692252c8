"""Pages over the demo data: who sees what, the language switch, listings, profiles, the chain map.

Expected counts come from reading the demo CSV files with the csv module, not from the app.
"""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from tests.web.conftest import Pages, demo_rows
from tests.web.pages import chart_json

from chainatlas.domain.as_of import ClusterClock

PRIVATE_PAGES = [
    "/enterprises",
    "/enterprises?q=%E4%B8%AD%E8%81%94",
    "/enterprises/E0002",
    "/enterprises/E0002/suppliers",
    "/import",
]


def total_of(html: str) -> int:
    """Return the total count a listing page states."""
    match = re.search(r"共 (\d+) 家", html)
    assert match, "no total on the page"
    return int(match.group(1))


def test_anonymous_visitors_see_the_overview_and_chain_only(pages: Pages) -> None:
    assert pages.client.get("/").status_code == 200
    assert pages.client.get("/chain").status_code == 200
    for path in PRIVATE_PAGES:
        response = pages.client.get(path, follow_redirects=False)
        assert response.status_code == 303, path
        assert response.headers["location"].startswith("/login?next=/"), path
    assert pages.client.get("/enterprises", follow_redirects=False).headers["location"] == "/login?next=/enterprises"


def test_overview_shows_latest_cluster_figures_with_sources(pages: Pages) -> None:
    html = pages.client.get("/").text
    assert "集群概览" in html and "家底" in html
    # cluster_scale 2024: 2500 亿元, cited from 长沙晚报 (indicators.csv)
    assert "集群规模" in html and "2,500 亿元" in html and "期间 2024" in html
    assert 'href="https://www.laoziliao.net' in html or "https://" in html
    assert ">合成</span>" in html  # e.g. local_supporting_rate is synthetic
    enterprises = demo_rows("enterprises")
    assert f"{len(enterprises)}</div>" in html
    inside = sum(row["in_cluster"] == "true" for row in enterprises)
    assert f"其中集群内 {inside} 家" in html


def test_overview_trend_draws_one_metric_of_the_cluster_at_one_grain(pages: Pages) -> None:
    html = pages.client.get("/?metric=local_supporting_rate").text
    chart = chart_json(html, "trend-data")
    expected = [
        row for row in demo_rows("indicators") if row["metric"] == "local_supporting_rate" and row["scope"] == "cluster"
    ]
    assert chart["x"] == [row["period"] for row in expected]
    assert chart["y"] == [float(row["value"]) for row in expected]
    assert chart["unit"] == "%" and chart["name"] == "本地配套率"
    # exports mixes years and months: years are drawn unless months are asked for
    yearly = chart_json(pages.client.get("/?metric=exports").text, "trend-data")
    assert yearly["x"] == [str(year) for year in range(2018, 2026)]
    monthly = chart_json(pages.client.get("/?metric=exports&grain=month").text, "trend-data")
    assert monthly["x"] == [f"{year}-{month:02d}" for year in (2024, 2025) for month in range(1, 13)]


def test_the_language_switch_changes_every_label_and_comes_back(pages: Pages) -> None:
    response = pages.client.get("/lang/en?next=/chain", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/chain"
    html = pages.client.get("/chain").text
    assert '<html lang="en">' in html and "Industry chain map" in html and "Chain map" in html
    assert "产业链图谱" not in html and "集群内" not in html
    assert "Upstream: materials and core components" in html  # node names use name_en in English
    overview = pages.client.get("/").text
    assert "Cluster overview" in overview and "Latest figures" in overview and "CNY 250.00 billion" in overview
    pages.client.get("/lang/zh?next=/")
    assert '<html lang="zh-CN">' in pages.client.get("/").text


def test_the_language_switch_only_goes_back_to_this_site(pages: Pages) -> None:
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        response = pages.client.get("/lang/en", params={"next": target}, follow_redirects=False)
        assert response.headers["location"] == "/"


def test_search_and_filters_match_the_demo_files(pages: Pages) -> None:
    pages.login("ana")
    html = pages.client.get("/enterprises", params={"q": "中联"}).text
    assert total_of(html) == 1 and 'href="/enterprises/E0002"' in html and "中联重科" in html
    rows = demo_rows("enterprises")
    cases = {
        "in_cluster=true": sum(r["in_cluster"] == "true" for r in rows),
        "size_class=large": sum(r["size_class"] == "large" for r in rows),
        "district=长沙县": sum(r["district"] == "长沙县" for r in rows),
        "tag=专精特新": sum("专精特新" in r["tags"].split(";") for r in rows),
    }
    for query, expected in cases.items():
        assert total_of(pages.client.get(f"/enterprises?{query}").text) == expected, query


def test_node_filter_covers_the_subtree(pages: Pages) -> None:
    pages.login("ana")
    nodes = {
        row["code"] for row in demo_rows("chain_nodes") if row["code"] == "U.HYD" or row["code"].startswith("U.HYD.")
    }
    makers = {row["enterprise_id"] for row in demo_rows("enterprise_nodes") if row["node_code"] in nodes}
    assert total_of(pages.client.get("/enterprises?node=U.HYD").text) == len(makers) > 0


def test_pagination_states_the_total_and_the_range(pages: Pages) -> None:
    pages.login("ana")
    total = len(demo_rows("enterprises"))
    html = pages.client.get("/enterprises?page=2").text
    assert f"共 {total} 家" in html and "第 26–50 家" in html and f"第 2 / {-(-total // 25)} 页" in html  # 25 a page
    assert 'href="/enterprises?page=1"' in html and 'href="/enterprises?page=3"' in html
    pages_of = -(-total // 25)
    last = pages.client.get(f"/enterprises?page={pages_of}").text
    assert f"第 {(pages_of - 1) * 25 + 1}–{total} 家" in last


def test_a_bad_filter_value_is_a_400_page_naming_the_field(pages: Pages) -> None:
    pages.login("ana")
    response = pages.client.get("/enterprises?size_class=huge")
    assert response.status_code == 400 and "size_class" in response.text and "输入有误" in response.text
    assert pages.client.get("/enterprises?page=0").status_code == 400


def test_enterprise_profile_shows_fields_makes_partners_and_sources(pages: Pages) -> None:
    pages.login("ana")
    html = pages.client.get("/enterprises/E0002").text
    assert "中联重科" in html and "Zoomlion" in html and "000157.SZ" in html and "统一社会信用代码" in html
    assert 'href="https://stockanalysis.com/quote/she/000157/financials"' in html
    suppliers = [r for r in demo_rows("supply_links") if r["customer_id"] == "E0002"]
    customers = [r for r in demo_rows("supply_links") if r["supplier_id"] == "E0002"]
    assert f"共 {len(suppliers)} 条" in html and f"共 {len(customers)} 条" in html
    # the largest supplier: 1,160,474,269.93 yuan (E0028, U.STL.PLATE) → 11.60 亿元, worked by hand
    assert "11.60 亿元" in html and "71.7%" in html
    makes = [r["node_code"] for r in demo_rows("enterprise_nodes") if r["enterprise_id"] == "E0002"]
    assert all(code in html for code in makes)
    graph = chart_json(html, "network-data")
    assert {n["id"] for n in graph["nodes"]} >= {"E0002", "E0028"}  # type: ignore[attr-defined,index]
    assert ">合成</span>" in html


def test_enterprise_profile_shows_the_export_share_as_a_percentage(pages: Pages) -> None:
    pages.login("ana")
    html = pages.client.get("/enterprises/E0002").text
    # Zoomlion 2023: overseas revenue 179.05 of 470.75 亿元 = 38.04 % (the source's figure) → "38.0%"
    assert re.search(r"<dt>出口占比</dt>\s*<dd>\s*38\.0%\s*</dd>", html)
    assert 'href="https://www.xuehua.us/a/6605fbc3c10a57ef28960cc6"' in html
    unknown = pages.client.get("/enterprises/E0001").text  # Sany: no sourced figure, so none
    assert re.search(r"<dt>出口占比</dt>\s*<dd>\s*—\s*</dd>", unknown)
    pages.client.get("/lang/en?next=/")
    assert "<dt>Export share</dt>" in pages.client.get("/enterprises/E0002").text


def test_partner_list_shows_every_partner(pages: Pages) -> None:
    pages.login("ana")
    html = pages.client.get("/enterprises/E0002/suppliers").text
    suppliers = [r for r in demo_rows("supply_links") if r["customer_id"] == "E0002"]
    assert html.count("<tr>") == len(suppliers) + 1
    assert pages.client.get("/enterprises/E0002/friends").status_code == 404


def test_unknown_enterprise_is_a_404_page(pages: Pages) -> None:
    pages.login("ana")
    response = pages.client.get("/enterprises/E9999")
    assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")
    assert "未找到" in response.text


def test_chain_map_has_a_tree_chart_and_an_accessible_list(pages: Pages) -> None:
    html = pages.client.get("/chain").text
    tree = chart_json(html, "tree-data")
    codes = [child["code"] for child in tree["children"]]  # type: ignore[attr-defined,index]
    roots = {r["code"] for r in demo_rows("chain_nodes") if not r["parent_code"]}
    assert set(codes) == roots and codes[0] == "U"  # upstream first
    assert html.count('class="node-link"') == len(demo_rows("chain_nodes"))
    assert 'href="/enterprises?node=U.HYD"' in html and "<details" in html


def test_chain_panel_lists_enterprises_only_for_signed_in_readers(pages: Pages) -> None:
    anonymous = pages.client.get("/chain/nodes/M.EXC").text
    assert "登录后可查看企业名单" in anonymous and "/enterprises/E" not in anonymous
    pages.login("vic")
    panel = pages.client.get("/chain/nodes/M.EXC").text
    nodes = {r["code"] for r in demo_rows("chain_nodes") if r["code"] == "M.EXC" or r["code"].startswith("M.EXC.")}
    makers = {r["enterprise_id"] for r in demo_rows("enterprise_nodes") if r["node_code"] in nodes}
    assert f"在企业名录中查看全部 {len(makers)} 家" in panel
    assert all(f'href="/enterprises/{firm}"' in panel for firm in makers)
    assert pages.client.get("/chain/nodes/NOPE").status_code == 404


def test_pages_carry_security_headers_and_vendored_echarts(pages: Pages) -> None:
    response = pages.client.get("/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "cdn" not in response.text.lower()
    script = pages.client.get("/static/vendor/echarts.min.js")
    assert script.status_code == 200 and len(script.content) > 500_000
    assert pages.client.get("/static/pages.js").status_code == 200


@pytest.mark.parametrize("path", ["/", "/chain", "/enterprises", "/enterprises/E0002", "/import", "/account/password"])
def test_signed_in_pages_render_in_both_languages(pages: Pages, path: str) -> None:
    pages.login("ana")
    for lang in ("zh", "en"):
        pages.client.get(f"/lang/{lang}")
        response = pages.client.get(path)
        assert response.status_code == 200, (path, lang)
        assert unescape(response.text).count("csrf_token") >= 1  # the sign-out form at least


@pytest.mark.parametrize("path", ["/projects", "/scorecard"])
def test_a_page_without_a_date_goes_to_today_in_the_clusters_time_zone(pages: Pages, path: str) -> None:
    """At 23:30 UTC on 7 December 2026 it is already 07:30 on 8 December in Changsha (UTC+8)."""
    late_evening = dt.datetime(2026, 12, 7, 23, 30, tzinfo=dt.UTC)
    pages.client.app.state.clock = ClusterClock(zone=ZoneInfo("Asia/Shanghai"), now=lambda: late_evening)
    pages.login("vic")
    response = pages.client.get(path, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == f"{path}?as_of=2026-12-08"
