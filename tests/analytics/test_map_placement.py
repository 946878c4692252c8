"""Placing firms on the map: coordinates → park → district centroid; a point's check against its district."""

from __future__ import annotations

from shapely import Polygon

from chainatlas.analytics.placement import Located, ParkPoint, inside, looks_swapped, place
from chainatlas.domain.map_results import Placement, Point

PARKS = {"经开区": ParkPoint("P1", Point(113.1, 28.25))}
CENTROIDS = {("长沙市", "长沙县"): Point(113.2, 28.3)}
OWN = Point(113.05, 28.22)


def test_own_coordinates_come_first() -> None:
    assert place(Located(OWN, "经开区", ("长沙市", "长沙县")), PARKS, CENTROIDS) == (OWN, Placement.COORDINATES, None)


def test_without_coordinates_the_park_point_then_the_district_centroid() -> None:
    assert place(Located(None, "经开区", ("长沙市", "长沙县")), PARKS, CENTROIDS) == (
        Point(113.1, 28.25),
        Placement.PARK,
        "P1",
    )
    assert place(Located(None, "没有坐标的园区", ("长沙市", "长沙县")), PARKS, CENTROIDS) == (
        Point(113.2, 28.3),
        Placement.DISTRICT,
        None,
    )


def test_a_firm_with_none_of_them_is_unplaced() -> None:
    assert place(Located(None, None, ("长沙市", "未知区")), PARKS, CENTROIDS) == (None, Placement.UNPLACED, None)
    assert place(Located(None, None, None), PARKS, CENTROIDS) == (None, Placement.UNPLACED, None)


SQUARE = Polygon([(110, 20), (120, 20), (120, 30), (110, 30)])
"""Longitudes 110–120, latitudes 20–30: a point (lat, lon) swapped lands at (25, 115), outside it."""


def test_a_point_outside_its_district_is_caught_and_a_swap_recognised() -> None:
    assert inside(Point(115, 25), SQUARE)
    assert not inside(Point(100, 25), SQUARE)
    assert looks_swapped(Point(25, 115), SQUARE)  # written as (latitude, longitude)
    assert not looks_swapped(Point(100, 25), SQUARE)  # just wrong, not swapped
    assert not looks_swapped(Point(115, 25), SQUARE)  # right
