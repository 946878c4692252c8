"""The industry map over the demo data: placement fallback through the registry, the disclosure rule on flows,
the points API gathered and not, the page in both languages, a firm placed (a recorded change), and coordinates
checked on import."""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from pathlib import Path

import pytest
from shapely import Point
from sqlalchemy.orm import Session
from tests.conftest import Cli
from tests.web.conftest import Pages, demo_rows

from chainatlas.interchange.boundaries import find_area, raw_geometry
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.imports import run_import
from chainatlas.services.records import create_record, update_record
from chainatlas.services.resilience_analysis import resilience_analysis
from chainatlas.services.users import user_by_name

CTX = WriteContext(actor="test", via=Via.CLI, at=dt.datetime(2026, 1, 2, tzinfo=dt.UTC))
PARK_POINT = (112.9, 28.35)
OWN_POINT = (113.1, 28.25)


def _features_by_id(pages: Pages, query: str) -> dict[str, dict[str, object]]:
    body = pages.client.get("/api/v1/map/points" + query).json()
    return {f["id"]: f for f in body["features"]}


def test_firms_are_placed_by_coordinates_then_park_then_district(pages: Pages) -> None:
    with Session(pages.engine) as session:
        park = {"id": "ORG-WC", "name_zh": "望城经济技术开发区", "type": "park", "source": "synthetic"}
        create_record(
            session,
            CTX,
            kind="organisations",
            data=park | dict(zip(("longitude", "latitude"), PARK_POINT, strict=True)),
        )
        update_record(
            session,
            CTX,
            kind="enterprises",
            key=("E0007",),
            changes=dict(zip(("longitude", "latitude"), OWN_POINT, strict=True)),
        )
        session.commit()
    pages.login("ana")
    body = pages.client.get("/api/v1/map/points?aggregate=none").json()
    features = {f["id"]: f for f in body["features"]}
    assert features["E0007"]["properties"]["placement"] == "coordinates"
    assert features["E0007"]["geometry"]["coordinates"] == list(OWN_POINT)
    assert features["E0006"]["properties"]["placement"] == "park"  # 望城经济技术开发区 in enterprises.csv
    assert features["E0006"]["geometry"]["coordinates"] == list(PARK_POINT)
    district = features["E0009"]  # 长沙县, 长沙经济技术开发区 (no point): the district's centroid
    assert district["properties"]["placement"] == "district"
    county = find_area("district", "长沙县")
    assert county is not None
    outline = raw_geometry(county)
    assert outline.contains(Point(*district["geometry"]["coordinates"]))
    unplaced = {u["id"] for u in body["unplaced"]}
    assert {"E0001", "E0002", "E0003", "E0004", "E0005"} <= unplaced  # real firms: no sourced point, no district
    gathered = pages.client.get("/api/v1/map/points?aggregate=area").json()
    assert gathered["aggregated"] is True
    assert sum(f["properties"]["firms"] for f in gathered["features"]) == len(features)
    # the oracle: the demo's firms in Changsha or in the cluster, read with the csv module
    shown = [r for r in demo_rows("enterprises") if r["in_cluster"] == "true" or r["city"] == "长沙市"]
    in_park = [r for r in shown if r["park"] == "望城经济技术开发区"]
    by_district = [r for r in shown if r["district"] and r not in in_park and r["id"] != "E0007"]
    groups = {f["id"]: f["properties"]["firms"] for f in gathered["features"]}
    assert groups["park:ORG-WC"] == len(in_park)
    assert gathered["placements"] == {
        "coordinates": 1,
        "park": len(in_park),
        "district": len(by_district),
        "unplaced": len(shown) - 1 - len(in_park) - len(by_district),
    }
    assert gathered["placements"] == body["placements"]  # counted in SQL and firm by firm alike


def _origin(row: dict[str, str]) -> tuple[str, str]:
    if row["in_cluster"] == "true":
        return "cluster", row["district"]
    return ("china", row["province"]) if row["country"] == "CN" else ("abroad", row["country"])


def test_flows_from_fewer_than_three_suppliers_are_withheld_from_viewers(pages: Pages) -> None:
    # the oracle: Zoomlion's (E0002) purchases by supplier origin, counted from the demo CSV files
    firms = {row["id"]: row for row in demo_rows("enterprises")}
    suppliers: dict[tuple[str, str], set[str]] = defaultdict(set)
    for link in demo_rows("supply_links"):
        if link["customer_id"] == "E0002":
            suppliers[_origin(firms[link["supplier_id"]])].add(link["supplier_id"])
    few = {origin for origin, found in suppliers.items() if len(found) < 3}
    assert few and len(few) < len(suppliers)  # the demo exercises both sides of the rule
    pages.login("vic")
    seen = pages.client.get("/api/v1/map/flows?firm=E0002").json()
    shown = {
        (f["properties"]["origin"], f["properties"]["place"]): f["properties"]["suppliers"] for f in seen["features"]
    }
    assert shown == {origin: len(found) for origin, found in suppliers.items() if len(found) >= 3}
    assert seen["withheld"] == len(few)
    pages.client.post("/logout", data={"csrf_token": pages.csrf("/")})
    pages.login("ana")
    full = pages.client.get("/api/v1/map/flows?firm=E0002").json()
    assert {(f["properties"]["origin"], f["properties"]["place"]) for f in full["features"]} == set(suppliers)
    assert full["withheld"] == 0


def test_the_page_in_both_languages_and_placing_a_firm_is_recorded(pages: Pages) -> None:
    pages.login("ana")
    page = pages.client.get("/map")
    assert page.status_code == 200
    assert "<h1>产业地图</h1>" in page.text and 'id="map-option"' in page.text
    assert "三一重工" in page.text  # listed among the firms that could not be placed
    # the oracle: the demo's firms in Changsha or in the cluster, by whether they name a district (no points)
    shown = [r for r in demo_rows("enterprises") if r["in_cluster"] == "true" or r["city"] == "长沙市"]
    by_district = sum(1 for r in shown if r["district"])
    assert f'data-placement="district">区县中心 {by_district}<' in page.text
    assert f'data-placement="unplaced">无法定位 {len(shown) - by_district}<' in page.text
    pages.client.get("/lang/en?next=/map")
    english = pages.client.get("/map?metric=local_rate")
    assert "<h1>Industry map</h1>" in english.text and "Firms that could not be placed" in english.text
    form = {"csrf_token": pages.csrf("/map"), "enterprise_id": "E0001", "longitude": "113.07", "latitude": "28.24"}
    done = pages.client.post("/map/place", data=form, follow_redirects=False)
    assert done.status_code == 303
    params = {"kind": "enterprises", "record": "E0001", "source": "web"}
    history = pages.client.get("/api/v1/history", params=params).json()
    assert [(c["action"], c["actor"]) for c in history["items"]] == [("update", "ana")]
    detail = pages.client.get(f"/api/v1/history/changes/{history['items'][0]['id']}").json()
    assert {f["name"] for f in detail["fields"] if f["changed"]} == {"longitude", "latitude"}
    placed = _features_by_id(pages, "?aggregate=none")["E0001"]
    assert placed["properties"]["placement"] == "coordinates"


def _enterprise_file(folder: Path, rows: list[dict[str, str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    columns = ["id", "name_zh", "country", "province", "city", "district", "longitude", "latitude", "source"]
    with (folder / "enterprises.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns)
        writer.writeheader()
        writer.writerows(rows)
    return folder


BASE = {"name_zh": "测试企业", "country": "CN", "province": "湖南省", "city": "长沙市", "source": "synthetic"}


def test_import_checks_coordinates_range_and_district(pages: Pages, tmp_path: Path) -> None:
    out_of_range = BASE | {"id": "T1", "district": "雨花区", "longitude": "28.15", "latitude": "113.06"}
    with Session(pages.engine) as session:
        refused = run_import(session, [_enterprise_file(tmp_path / "a", [out_of_range])], CTX)
        assert not refused.ok
        assert [(p.row, p.column) for p in refused.problems] == [(2, "latitude")]
    # 长沙南站 (113.065, 28.150) is in 雨花区, not in 望城区: written with a warning naming the row
    elsewhere = BASE | {"id": "T2", "district": "望城区", "longitude": "113.065", "latitude": "28.15"}
    right = BASE | {"id": "T3", "district": "雨花区", "longitude": "113.065", "latitude": "28.15"}
    with Session(pages.engine) as session:
        report = run_import(session, [_enterprise_file(tmp_path / "b", [right, elsewhere])], CTX)
        session.commit()
    assert report.ok
    assert [(w.row, w.column, w.code) for w in report.warnings] == [(3, "longitude", "map.point_outside")]


URUMQI = {"province": "新疆维吾尔自治区", "city": "乌鲁木齐市", "district": "天山区"}


def test_a_swapped_pair_that_stays_in_range_is_named_as_swapped(pages: Pages, tmp_path: Path) -> None:
    # west of 90° E a swapped pair is still in range: Urumqi's People's Square (87.62 E, 43.79 N), in 天山区
    right = BASE | URUMQI | {"id": "U1", "longitude": "87.62", "latitude": "43.79"}
    swapped = BASE | URUMQI | {"id": "U2", "longitude": "43.79", "latitude": "87.62"}
    with Session(pages.engine) as session:
        report = run_import(session, [_enterprise_file(tmp_path / "d", [right, swapped])], CTX)
    assert report.ok
    assert [(w.file, w.row, w.code) for w in report.warnings] == [("enterprises.csv", 3, "map.point_swapped")]
    assert "longitude and latitude look swapped" in report.warnings[0].message


def test_the_cli_import_prints_the_warning_with_its_row(cli: Cli, tmp_path: Path) -> None:
    elsewhere = BASE | {"id": "T2", "district": "望城区", "longitude": "113.065", "latitude": "28.15"}
    code, stdout, _ = cli("import", str(_enterprise_file(tmp_path / "c", [elsewhere])))
    assert code == 0
    assert "enterprises.csv row 2, column `longitude`" in " ".join(stdout.split())
    assert "outside the stated district 望城区" in stdout


@pytest.mark.slow
def test_the_exposure_overlay_is_for_analysts_once_the_analysis_has_run(pages: Pages) -> None:
    pages.login("vic")
    viewer = pages.client.get("/map?exposure=true").text
    assert 'type="checkbox" name="exposure"' not in viewer and "effectScatter" not in viewer
    pages.client.post("/logout", data={"csrf_token": pages.csrf("/")})
    pages.login("ana")
    before = pages.client.get("/map?exposure=true").text
    assert 'id="exposure-missing"' in before and "effectScatter" not in before
    with Session(pages.engine) as session:
        analyst = user_by_name(session, "ana")
        _, analysis = resilience_analysis(session, analyst)
    exposed = {node.id for node in analysis.nodes if node.exposure_days > 0}
    after = pages.client.get("/map?exposure=true").text
    assert 'id="exposure-missing"' not in after
    assert exposed  # the demo has sites whose recovery outlasts their survival
    assert "effectScatter" in after


ZHUZHOU_XIANGTAN = {
    *("荷塘区", "芦淞区", "石峰区", "天元区", "渌口区", "攸县", "茶陵县", "炎陵县", "醴陵市"),
    *("雨湖区", "岳塘区", "湘潭县", "湘乡市", "韶山市"),
}
"""The county-level divisions of Zhuzhou (9) and Xiangtan (5), written by hand."""


def test_the_cluster_region_decides_what_is_drawn(pages: Pages) -> None:
    with Session(pages.engine) as session:
        hunan = {"id": "hunan", "name_zh": "湖南示例", "region": ("province:湖南省",), "source": "synthetic"}
        create_record(session, CTX, kind="clusters", data=hunan)
        session.commit()
    pages.login("ana")
    two_cities = pages.client.get("/api/v1/map/regions?cluster=zhutan-parts-demo").json()
    assert {f["properties"]["name"] for f in two_cities["features"]} == ZHUZHOU_XIANGTAN
    province = pages.client.get("/api/v1/map/regions?cluster=hunan").json()
    assert len(province["features"]) == 14 and {f["properties"]["level"] for f in province["features"]} == {"city"}
    assert "长沙市" in {f["properties"]["name"] for f in province["features"]}
    points = _features_by_id(pages, "?cluster=hunan&aggregate=none")
    assert points["E0006"]["properties"]["placement"] == "district"  # 望城区: its centroid, though cities are drawn
    page = pages.client.get("/map?cluster=hunan&metric=enterprises")
    assert page.status_code == 200
