"""Resilience pages over a tiny hand-worked registry (see tests/cli/test_resilience_cli.py): the progress page
while the analysis runs, the ranked table and scatter for analysts, aggregates only for others, the site page
with its graph, the what-if form and its errors, both languages."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from tests.factories import write_csv
from tests.resilience_cases import tiny_registry
from tests.web.conftest import CTX, Pages
from tests.web.pages import chart_json

from chainatlas.app import create_app
from chainatlas.config import load_settings
from chainatlas.services.imports import run_import
from chainatlas.store.engine import make_engine


@pytest.fixture
def tiny_pages(db_url: str, tmp_path: Path) -> Iterator[Pages]:
    """Return a page client over the tiny registry: S (Germany) is A's only supplier."""
    engine = make_engine(db_url)
    with Session(engine) as session:
        assert run_import(session, [tiny_registry(tmp_path / "in")], CTX).ok
        session.commit()
    engine.dispose()
    app = create_app(load_settings({}, database_url=db_url), var_dir=tmp_path / "var")
    with TestClient(app) as client:
        yield Pages(client, app.state.engine)
    app.state.engine.dispose()


@pytest.fixture
def three_pages(db_url: str, tmp_path: Path) -> Iterator[Pages]:
    """The tiny registry plus C, a site with a profile and no links (no demand): three sites, so the summary is
    shown. PI: S 13,000, A 3,000, C 0 → total 16,000 yuan; TTS 7, 2 and the horizon (365) → median 7."""
    extra = tmp_path / "extra"
    extra.mkdir()
    write_csv(
        extra / "enterprises.csv", "enterprises", [{"id": "C", "name_zh": "丙", "country": "CN", "source": "synthetic"}]
    )
    write_csv(
        extra / "resilience_profiles.csv",
        "resilience_profiles",
        [{"enterprise_id": "C", "ttr_days": "1", "source": "synthetic"}],
    )
    engine = make_engine(db_url)
    with Session(engine) as session:
        assert run_import(session, [tiny_registry(tmp_path / "in")], CTX).ok
        assert run_import(session, [extra], CTX).ok
        session.commit()
    engine.dispose()
    app = create_app(load_settings({}, database_url=db_url), var_dir=tmp_path / "var")
    with TestClient(app) as client:
        yield Pages(client, app.state.engine)
    app.state.engine.dispose()


def finished(pages: Pages, path: str = "/resilience") -> str:
    """Return the page once the background analysis is done (202 with a Refresh header until then)."""
    deadline = time.monotonic() + 60
    response = pages.client.get(path)
    while response.status_code == 202 and time.monotonic() < deadline:
        assert response.headers["refresh"] and 'id="analysis-status"' in response.text
        time.sleep(0.2)
        response = pages.client.get(path)
    assert response.status_code == 200, response.text
    return response.text


def test_analysts_see_the_ranked_table_and_the_scatter(tiny_pages: Pages) -> None:
    tiny_pages.login("ana")
    first = tiny_pages.client.get("/resilience")
    assert first.status_code in (200, 202)  # 202: the analysis has just started in the background
    html = finished(tiny_pages)
    ranked = re.findall(r'<td data-id="([^"]+)"', html)
    assert ranked == ["S", "A"]  # exposure 13 days, then 3
    exposures = [float(x) for x in re.findall(r'<td class="num exposure">([^<]+)</td>', html)]
    assert exposures == [13.0, 3.0]
    assert html.count('class="badge synthetic"') >= 3  # the summary note and both rows
    chart = chart_json(html, "ttr-data")
    spof = chart["series"][0]["points"]  # type: ignore[index]
    assert [(p["id"], p["value"]) for p in spof] == [("S", [7.0, 20.0])]
    assert 'href="/resilience"' in html and "供应链韧性" in html


def test_everyone_else_sees_aggregates_only(tiny_pages: Pages) -> None:
    html = finished(tiny_pages)
    assert "exposure-table" not in html and "ttr-data" not in html
    assert "不公布汇总数" in html  # two sites: below the disclosure threshold
    assert tiny_pages.client.get("/resilience/nodes/S", follow_redirects=False).status_code == 303
    assert tiny_pages.client.get("/resilience/what-if", follow_redirects=False).status_code == 303
    tiny_pages.login("vic")
    assert tiny_pages.client.get("/resilience/nodes/S").status_code == 403
    assert tiny_pages.client.get("/resilience/what-if?by=country&country=DE").status_code == 403


def test_the_site_page_draws_the_graph_with_failed_sites(tiny_pages: Pages) -> None:
    tiny_pages.login("ana")
    running = tiny_pages.client.get("/resilience/nodes/S")
    if running.status_code == 202:  # the analysis has just started: the graph is there, the result not yet
        assert 'id="node-running"' in running.text and running.headers["refresh"]
        assert "graph-data" in running.text
    finished(tiny_pages)
    html = tiny_pages.client.get("/resilience/nodes/S").text
    assert sorted(re.findall(r'<li data-id="([^"]+)">', html)) == ["A", "S"]
    assert re.search(r'id="node-exposure">13.0<', html)
    graph = chart_json(html, "graph-data")
    categories = {n["id"]: n["category"] for n in graph["nodes"]}  # type: ignore[index]
    assert categories == {"S": 0, "A": 1}  # S disrupted, A stops with it
    assert tiny_pages.client.get("/resilience/nodes/NOPE").status_code == 404
    bad = tiny_pages.client.get("/resilience/nodes/S", params={"scenario": "node:S,NOPE"})
    assert bad.status_code == 400 and "供应网络中没有企业 NOPE。" in bad.text


def test_what_if_form_shows_what_stops_and_the_loss(tiny_pages: Pages) -> None:
    tiny_pages.login("ana")
    form = tiny_pages.client.get("/resilience/what-if").text
    assert '<option value="DE">德国</option>' in form and '<option value="CN/湖南省/长沙市">' in form
    html = tiny_pages.client.get("/resilience/what-if", params={"by": "country", "country": "DE"}).text
    assert re.search(r'id="result-stopped">1<', html) and re.findall(r'<li data-id="([^"]+)">', html) == ["A"]
    assert re.search(r'id="result-loss">1.30 万元<', html)  # 13,000 yuan
    assert re.search(r'id="result-tts">7.0<', html)
    park = tiny_pages.client.get("/resilience/what-if", params={"by": "location", "location": "CN/湖南省/长沙市"}).text
    assert re.search(r'id="result-disrupted">1<', park) and 'id="nothing-stops"' in park
    bad = tiny_pages.client.get("/resilience/what-if", params={"by": "firms", "firms": "A, NOPE"})
    assert bad.status_code == 400 and "NOPE" in unescape(bad.text) and 'id="whatif-problems"' in bad.text


def test_the_pages_read_in_english(tiny_pages: Pages) -> None:
    tiny_pages.login("ana")
    tiny_pages.client.cookies.set("lang", "en")
    html = finished(tiny_pages)
    assert "<h1>Supply-chain resilience</h1>" in html and "Exposure ranking" in html
    assert "Disruption what-if" in tiny_pages.client.get("/resilience/what-if").text


def test_an_empty_registry_reads_as_an_empty_analysis(db_url: str, tmp_path: Path) -> None:
    app = create_app(load_settings({}, database_url=db_url), var_dir=tmp_path / "var")
    with TestClient(app) as client:
        pages = Pages(client, app.state.engine)
        pages.login("ana")
        html = finished(pages)
        assert "不公布汇总数" in html and 'id="exposure-table"' in html and "table.empty" not in html
        assert client.get("/resilience/what-if").status_code == 200
        assert client.get("/resilience/what-if", params={"by": "country", "country": "DE"}).status_code == 400
    app.state.engine.dispose()


def test_the_summary_shows_the_total_loss_to_everyone_and_no_site(three_pages: Pages) -> None:
    for who in (None, "vic", "ana"):
        if who:
            three_pages.login(who)
        html = finished(three_pages)
        assert re.search(r'id="sum-sites">3<', html) and re.search(r'id="sum-spof">1<', html)
        assert re.search(r'id="sum-exposed">2<', html)
        assert re.search(r'id="sum-pi">1.60 万元<', html), who  # 13,000 + 3,000 + 0 yuan
        if who != "ana":  # no per-site figure, name, id or link
            assert "exposure-table" not in html and "/resilience/nodes/" not in html and "乙" not in html
            assert "mitigations-link" not in html and "data-id" not in html


def test_what_if_and_site_pages_show_no_site_to_visitors_and_viewers(three_pages: Pages) -> None:
    paths = ("/resilience/nodes/S", "/resilience/what-if?by=country&country=DE", "/resilience/mitigations")
    for path in paths:
        response = three_pages.client.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/login"), path
    three_pages.login("vic")
    for path in paths:
        response = three_pages.client.get(path)
        assert response.status_code == 403, path
        assert "乙" not in response.text and "13,000" not in response.text and "1.30 万元" not in response.text


def test_mitigations_page_ranks_the_fixes_of_the_most_exposed_sites(tiny_pages: Pages) -> None:
    tiny_pages.login("ana")
    finished(tiny_pages)
    assert 'href="/resilience/mitigations"' in tiny_pages.client.get("/resilience").text
    html = finished(tiny_pages, "/resilience/mitigations?top=1")
    # S is the most exposed (13 days). 14 days of its use (10 a day) put 140 more units at S: A gets 190 + its
    # own 20 ≥ the 200 demanded in 20 days → PI 0, ΔPI 13,000. Halving its TTR to 10 days: 100 demanded,
    # 50 + 20 on hand → 30 short × 100 → PI 3,000, ΔPI 10,000. No other site makes S's material: no alternative.
    assert re.findall(r'<td data-id="([^"]+)"', html) == ["S", "S"]
    assert re.findall(r'<td class="fix">([^<]+)</td>', html) == ["增加库存", "加快恢复"]
    assert re.findall(r'<td class="num delta">([^<]+)</td>', html) == ["1.30 万元", "1.00 万元"]
    assert "乙 (S) 的恢复时间缩短到 10 天" in html
    two = finished(tiny_pages, "/resilience/mitigations?top=2")  # other fixes than the default: a job of their own
    assert set(re.findall(r'<td data-id="([^"]+)"', two)) == {"S", "A"}
    tiny_pages.client.cookies.set("lang", "en")
    english = tiny_pages.client.get("/resilience/mitigations?top=1").text
    assert "<h1>Mitigations</h1>" in english and "Cut the time to recover of" in english
    assert tiny_pages.client.get("/resilience/mitigations?top=0").status_code == 400


def test_what_if_errors_read_in_the_page_language(tiny_pages: Pages) -> None:
    tiny_pages.login("ana")
    cases = [
        ({"by": "firms", "firms": " "}, "请填写至少一个企业编号。", "Enter at least one firm id."),
        ({"by": "location", "location": "XX"}, "没有企业位于 XX。", "No site is located in XX."),
        ({"by": "firms", "firms": "A, NOPE"}, "供应网络中没有企业 NOPE。", "No site NOPE in the supply network."),
        (
            {"by": "planet"},
            "请选择中断对象：企业、园区或地区、国家（三者之一）。",
            "Choose firms, a location or a country (one of them).",
        ),
    ]
    for params, chinese, english in cases:
        zh = tiny_pages.client.get("/resilience/what-if", params=params)
        problems = re.search(r'<ul class="alert error" role="alert" id="whatif-problems">(.*?)</ul>', zh.text, re.S)
        assert zh.status_code == 400 and problems, params
        assert re.findall(r"<li>([^<]+)</li>", problems.group(1)) == [chinese], params
        tiny_pages.client.cookies.set("lang", "en")
        en = tiny_pages.client.get("/resilience/what-if", params=params).text
        tiny_pages.client.cookies.delete("lang")
        assert english in unescape(en), params


def test_what_if_reads_country_codes_in_any_case(tiny_pages: Pages) -> None:
    tiny_pages.login("ana")
    html = tiny_pages.client.get("/resilience/what-if", params={"by": "country", "country": "de"}).text
    assert "<code>country:DE</code>" in html and re.search(r'id="result-loss">1.30 万元<', html)
