"""Chain analytics pages over the demo data: who may open them, the gap ranking and its downloads, the
targets, what-if scenarios (CSRF, results, saving without touching the registry), the chain map's measures.

Local supporting rates are recomputed here from the demo CSV files with the csv module, not taken from the app.
"""

from __future__ import annotations

import io
import re
from html import unescape

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from tests.web.conftest import Pages, demo_rows
from tests.web.pages import chart_json, csv_rows, enterprise_count

from chainatlas.domain.user import User
from chainatlas.services.chain import chain_gaps, chain_targets
from chainatlas.services.records import get_record
from chainatlas.services.users import user_by_name
from chainatlas.store.rows import ScenarioRow

ANALYST_PAGES = ["/chain/gaps", "/chain/nodes/U.HYD.VALVE.MAIN/targets", "/chain/scenarios"]
YEAR = 2025
FOREIGN_HYDRAULICS = "E0081"
"""韩国法奎斯特液压公司: outside the cluster, abroad, makes main control valves (enterprises.csv)."""


def analyst(pages: Pages, session: Session) -> User:
    """Return the analyst ana (added on first use)."""
    pages.ensure_user("ana")
    found = user_by_name(session, "ana")
    assert found is not None
    return found


def subtree(code: str) -> set[str]:
    """Return a node's code and its descendants' codes, from chain_nodes.csv."""
    return {
        row["code"] for row in demo_rows("chain_nodes") if row["code"] == code or row["code"].startswith(code + ".")
    }


def local_rate(code: str, also_local: frozenset[str] = frozenset()) -> float:
    """Return a node's local supporting rate by value in YEAR, from the demo files: of the value the cluster's
    enterprises buy of the node (and below it) through links active that year, the share bought from cluster
    enterprises (and from `also_local`)."""
    inside = {row["id"] for row in demo_rows("enterprises") if row["in_cluster"] == "true"}
    nodes = subtree(code)
    bought = local = 0.0
    for link in demo_rows("supply_links"):
        active = (not link["since"] or int(link["since"]) <= YEAR) and (not link["until"] or int(link["until"]) >= YEAR)
        if (
            active
            and link["node_code"] in nodes
            and link["customer_id"] in inside | also_local
            and link["annual_value_cny"]
        ):
            bought += float(link["annual_value_cny"])
            local += float(link["annual_value_cny"]) if link["supplier_id"] in inside | also_local else 0.0
    return local / bought


def percent(value: float) -> str:
    return f"{value * 100:.1f}%"


def scenario_count(pages: Pages) -> int:
    with Session(pages.engine) as session:
        return int(session.scalar(select(func.count()).select_from(ScenarioRow)) or 0)


@pytest.mark.parametrize("path", ANALYST_PAGES)
def test_analyst_pages_send_visitors_to_sign_in_refuse_viewers_and_open_for_analysts(pages: Pages, path: str) -> None:
    response = pages.client.get(path, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == f"/login?next={path}"
    pages.login("vic")
    refused = pages.client.get(path)
    assert refused.status_code == 403 and "无权访问" in refused.text
    pages.login("ana")
    assert pages.client.get(path).status_code == 200


def test_the_nav_offers_gaps_and_scenarios_to_analysts_only(pages: Pages) -> None:
    assert 'href="/chain/gaps"' not in pages.client.get("/").text
    pages.login("vic")
    assert 'href="/chain/gaps"' not in pages.client.get("/chain").text
    pages.login("ana")
    html = pages.client.get("/chain/gaps").text
    assert 'href="/chain/gaps" aria-current="page">补链缺口' in html and 'href="/chain/scenarios">情景推演' in html
    assert 'href="/chain" aria-current' not in html


def test_the_gap_table_ranks_the_services_top_gap_first_with_its_chart(pages: Pages) -> None:
    pages.login("ana")
    with Session(pages.engine) as session:
        report = chain_gaps(session, analyst(pages, session))
    year, rows = report.year, report.gaps
    html = pages.client.get("/chain/gaps").text
    table = html[html.index('id="gap-table"') :]
    assert re.findall(r'data-code="([^"]+)"', table)[:3] == [row.code for row in rows[:3]]
    assert f"共 {len(rows)} 个环节" in html and "优先招引" in html and f"{year} 年有效的供应关系" in html
    chart = chart_json(html, "gap-data")
    drawn = [point["code"] for series in chart["series"] for point in series["points"]]  # type: ignore[attr-defined]
    assert rows[0].code in drawn and len(drawn) == sum(row.attractiveness > 0 for row in rows)
    # the top gap (U.STL.PLATE) buys 3.3% locally: recomputed from the demo files
    assert f'<td class="num">{percent(local_rate(rows[0].code))}</td>' in table


def test_gap_downloads_open_as_csv_and_xlsx_with_the_top_gap_first(pages: Pages) -> None:
    pages.login("ana")
    with Session(pages.engine) as session:
        rows = chain_gaps(session, analyst(pages, session)).gaps
    response = pages.client.get("/chain/gaps?format=csv")
    assert response.status_code == 200 and 'filename="chain-gaps-2025.csv"' in response.headers["content-disposition"]
    table = csv_rows(response.content)
    assert table[0][:3] == ["排名", "环节代码", "环节"] and len(table) == len(rows) + 1
    assert table[1][:2] == ["1", rows[0].code] and table[1][12] == "优先招引"
    sheet = load_workbook(io.BytesIO(pages.client.get("/chain/gaps?format=xlsx").content)).active
    assert sheet["A2"].value == 1 and sheet["B2"].value == rows[0].code
    assert sheet["D2"].value == pytest.approx(float(rows[0].purchases), abs=0.01)  # yuan, a number Excel can sum
    pages.client.get("/lang/en")
    english = csv_rows(pages.client.get("/chain/gaps?format=csv").content)
    assert english[0][:3] == ["Rank", "Node code", "Chain node"] and english[1][12] == "Attract now"


def test_the_targets_page_lists_the_services_first_target_with_its_score_parts(pages: Pages) -> None:
    pages.login("ana")
    with Session(pages.engine) as session:
        targets = chain_targets(session, analyst(pages, session), code="U.HYD.VALVE.MAIN").targets
    html = pages.client.get("/chain/nodes/U.HYD.VALVE.MAIN/targets").text
    table = html[html.index('id="target-table"') :]
    assert re.findall(r'data-firm="([^"]+)"', table) == [row.firm_id for row in targets]
    assert f"{targets[0].score:.2f}" in table and table.count('class="stack-bar"') == len(targets)
    assert "多路主控阀：招商目标" in html and "缺口排名第" in html
    assert percent(local_rate("U.HYD.VALVE.MAIN")) in html  # the node's metrics: 6.4% bought locally
    assert "makes this node" not in html and "制造该环节" in html  # reasons in the page language
    assert f'href="/chain/scenarios?attract={FOREIGN_HYDRAULICS}"' in table
    rows = csv_rows(pages.client.get("/chain/nodes/U.HYD.VALVE.MAIN/targets?format=csv").content)
    assert rows[1][1] == targets[0].firm_id and len(rows) == len(targets) + 1
    assert pages.client.get("/chain/nodes/NOPE/targets").status_code == 404


def test_a_scenario_post_without_the_csrf_token_is_refused(pages: Pages) -> None:
    pages.login("ana")
    for token in (None, "forged-token"):
        data = {"attract_firm": FOREIGN_HYDRAULICS, "save_as": "x", **({"csrf_token": token} if token else {})}
        response = pages.client.post("/chain/scenarios", data=data)
        assert response.status_code == 403 and "安全令牌" in response.text
    assert scenario_count(pages) == 0


def test_attracting_a_foreign_valve_maker_raises_the_local_rate_and_writes_nothing(pages: Pages) -> None:
    pages.login("ana")
    before = enterprise_count(pages)
    token = pages.csrf("/chain/scenarios")
    response = pages.client.post("/chain/scenarios", data={"csrf_token": token, "attract_firm": FOREIGN_HYDRAULICS})
    assert response.status_code == 200
    html = unescape(response.text)
    was, now = local_rate("U.HYD.VALVE.MAIN"), local_rate("U.HYD.VALVE.MAIN", frozenset({FOREIGN_HYDRAULICS}))
    headline = re.search(r'id="headline" data-code="([^"]+)" data-before="([^"]+)" data-after="([^"]+)"', html)
    assert headline and headline.groups() == ("U.HYD.VALVE.MAIN", percent(was), percent(now))  # 6.4% → 73.0%
    group = html[html.index('data-code="U.HYD.VALVE.MAIN"', html.index('id="change-table"')) :]
    assert "本地配套率（按金额）" in group and "▲" in group and "改善" in group
    assert "引进韩国法奎斯特液压公司 (E0081)" in html and "注册库没有任何改动" in html
    assert scenario_count(pages) == 0 and enterprise_count(pages) == before


def test_saving_a_scenario_stores_it_once_and_changes_no_record(pages: Pages) -> None:
    pages.login("ana")
    before = enterprise_count(pages)
    data = {
        "csrf_token": pages.csrf("/chain/scenarios"),
        "attract_firm": "韩国法奎斯特液压公司",
        "attract_district": "长沙县",
        "year": str(YEAR),
        "save_as": "引进韩国液压阀",
    }
    response = pages.client.post("/chain/scenarios", data=data)
    assert response.status_code == 200 and "已保存为“引进韩国液压阀”" in unescape(response.text)
    assert scenario_count(pages) == 1 and enterprise_count(pages) == before
    with Session(pages.engine) as session:
        assert get_record(session, kind="enterprises", key=(FOREIGN_HYDRAULICS,)).in_cluster is False  # type: ignore[attr-defined]
        scenario_id = session.scalar(select(ScenarioRow.id))
    listing = unescape(pages.client.get("/chain/scenarios").text)
    saved = listing[listing.index('id="saved-table"') :]
    assert "引进韩国液压阀" in saved and "引进韩国法奎斯特液压公司 (E0081)，落户长沙县" in saved
    again = unescape(pages.client.get(f"/chain/scenarios?run={scenario_id}").text)
    assert 'data-code="U.HYD.VALVE.MAIN"' in again and "73.0%" in again
    assert scenario_count(pages) == 1


def test_a_scenario_form_lists_every_problem(pages: Pages) -> None:
    pages.login("ana")
    token = pages.csrf("/chain/scenarios")
    empty = pages.client.post("/chain/scenarios", data={"csrf_token": token})
    assert empty.status_code == 400 and "请至少填写一项变化" in empty.text
    data = {"csrf_token": token, "attract_firm": "E9999", "supplier_firm": "E0081", "supplier_value": "-5"}
    wrong = unescape(pages.client.post("/chain/scenarios", data=data).text)
    assert "找不到企业“E9999”" in wrong and "新增供应关系需要供应商、客户、环节和正数的年供货额" in wrong
    assert scenario_count(pages) == 0


def test_adding_a_local_supplier_shows_the_new_value_in_money(pages: Pages) -> None:
    pages.login("ana")
    data = {
        "csrf_token": pages.csrf("/chain/scenarios"),
        "supplier_firm": "E0089",
        "supplier_customer": "E0002",
        "supplier_node": "U.HYD.VALVE.MAIN",
        "supplier_value": "50,000,000",
    }
    html = unescape(pages.client.post("/chain/scenarios", data=data).text)
    # E0089 (湖南楠澜液压, outside the cluster) selling 5,000 万元 to 中联重科: purchases grow by 0.50 亿元
    assert "每年 5,000.00 万元" in html and "+5,000.00 万元" in html


def test_the_chain_map_colours_by_the_chosen_measure_of_the_chosen_year(pages: Pages) -> None:
    html = pages.client.get("/chain?colour=local_rate&year=2025").text
    tree = chart_json(html, "tree-data")
    assert (
        tree["measure"] == "本地配套率（按金额）" and "本地配套低" in html and '<option value="2025" selected>' in html
    )
    upstream = next(c for c in tree["children"] if c["code"] == "U")  # type: ignore[attr-defined,index]
    steel = next(c for c in upstream["children"] if c["code"] == "U.STL")
    assert steel["shown"] == percent(local_rate("U.STL"))
    foreign = chart_json(pages.client.get("/chain?colour=foreign").text, "tree-data")
    assert foreign["measure"] == "境外供应占比"
    assert chart_json(pages.client.get("/chain?colour=nonsense").text, "tree-data")["measure"] == "本地企业占比"


def test_the_node_panel_marks_suppressed_metrics_for_readers_without_link_rights(pages: Pages) -> None:
    # D.AFT.PARTS has a single supplier in 2025 (supply_links.csv): below the disclosure threshold of 3
    anonymous = pages.client.get("/chain/nodes/D.AFT.PARTS?year=2025").text
    assert 'data-metric="local_rate_value"><span class="suppressed" title="少于3家企业，不予披露">—*' in anonymous
    assert "查看招商目标" not in anonymous
    pages.login("ana")
    panel = pages.client.get("/chain/nodes/D.AFT.PARTS?year=2025").text
    assert 'data-metric="local_rate_value">100.0%' in panel and "本地 1 / 共 1 家" in panel and "查看招商目标" in panel
    hydraulics = pages.client.get("/chain/nodes/U.HYD?year=2025").text
    assert f'data-metric="local_rate_value">{percent(local_rate("U.HYD"))}' in hydraulics


@pytest.mark.parametrize("path", [*ANALYST_PAGES, "/chain/scenarios?attract=E0081", "/chain?colour=foreign"])
def test_chain_pages_read_in_english(pages: Pages, path: str) -> None:
    pages.login("ana")
    pages.client.get("/lang/en")
    response = pages.client.get(path)
    assert response.status_code == 200 and '<html lang="en">' in response.text
    labels = re.sub(r"<(script|datalist)[^>]*>.*?</\1>", "", response.text, flags=re.S)
    assert not re.search(r"优先招引|本地配套率|招商目标|情景推演|推演前|集群内", labels), path
