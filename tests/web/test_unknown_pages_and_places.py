"""Unknown addresses answer the styled 404 page (problem+json under /api/), and English pages name places and say
source notes in English while Chinese pages say them in Chinese."""

from __future__ import annotations

import pytest
from tests.web.conftest import Pages


@pytest.mark.parametrize("path", ["/nope", "/enterprises/nope/extra", "/static/nope.css", "/chain/nodes/NOPE/x/y"])
def test_an_unknown_page_answers_the_styled_404_page(pages: Pages, path: str) -> None:
    response = pages.client.get(path)
    assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")
    assert "没有这个页面或记录。" in response.text and 'href="/static/app.css"' in response.text
    pages.client.cookies.set("lang", "en")
    assert "There is no such page or record." in pages.client.get(path).text


def test_the_404_page_keeps_the_visitors_menu(pages: Pages) -> None:
    pages.login("ana")
    page = pages.client.get("/nope").text
    assert '<span class="who" translate="no">ana</span>' in page and 'href="/chain/gaps"' in page


def test_the_api_keeps_problem_json_for_unknown_addresses(pages: Pages) -> None:
    response = pages.client.get("/api/v1/nope")
    assert response.status_code == 404 and response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == 404


def test_a_wrong_method_on_a_page_answers_the_styled_405_page(pages: Pages) -> None:
    response = pages.client.get("/logout")
    assert response.status_code == 405 and "不支持的操作" in response.text


def test_english_pages_name_places_in_english(pages: Pages) -> None:
    pages.login("ana")
    pages.client.cookies.set("lang", "en")
    # 湖南沅棠重工机械科技有限公司 (E0006) is in 长沙市 望城区; 三一重工 (E0001) in 湖南省 长沙市 (enterprises.csv)
    assert "Wangcheng District, Changsha" in pages.client.get("/enterprises?district=望城区").text
    profile = pages.client.get("/enterprises/E0001").text
    assert "<dd>Hunan" in profile and "<dd>Changsha" in profile and "<dd>China" in profile
    # enterprise_nodes.csv: E0006 makes M.ROAD.PAVER, capacity 1001 台/年
    assert "1,001 units/year" in pages.client.get("/enterprises/E0006").text
    pages.client.cookies.set("lang", "zh")
    assert "长沙市 望城区" in pages.client.get("/enterprises?district=望城区").text
    assert "1,001 台/年" in pages.client.get("/enterprises/E0006").text


def test_source_notes_are_said_in_the_page_language(pages: Pages) -> None:
    # facts.py: cluster_scale 2024 is "(lower bound: “突破2500亿元”) 长沙晚报 2025-06-14 (repost) …"
    overview = pages.client.get("/").text
    assert "（下限：" in overview and "（转载）" in overview and "(lower bound" not in overview
    pages.client.cookies.set("lang", "en")
    english = pages.client.get("/").text
    assert "(lower bound: " in english and "（下限" not in english


def test_a_scenarios_district_is_named_in_english_on_english_pages(pages: Pages) -> None:
    pages.login("ana")
    pages.client.cookies.set("lang", "en")
    data = {"csrf_token": pages.csrf("/chain/scenarios"), "attract_firm": "E0081", "attract_district": "长沙县"}
    answer = pages.client.post("/chain/scenarios", data=data).text
    assert "Changsha County" in answer  # the form keeps what was typed; the change is said in English
