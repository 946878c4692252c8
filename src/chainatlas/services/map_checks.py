"""The map's check of a stated point: it should fall in the record's stated district (a warning, not an error:
the district outline is simplified and a park may straddle a border)."""

from __future__ import annotations

from chainatlas.analytics.placement import inside, looks_swapped
from chainatlas.domain.common import Problem, Record
from chainatlas.domain.map_results import Point
from chainatlas.interchange.boundaries import BOUNDARIES, find_area


def point_warnings(record: Record) -> list[Problem]:
    """Return a warning when a record's point falls outside its stated district (naming a likely swap of
    longitude and latitude when swapping them puts it inside)."""
    longitude, latitude = getattr(record, "longitude", None), getattr(record, "latitude", None)
    district = getattr(record, "district", None)
    if longitude is None or latitude is None or not district:
        return []
    area = find_area(
        "district", district, province=getattr(record, "province", None), city=getattr(record, "city", None)
    )
    if area is None:
        return []
    outline = BOUNDARIES.boundary(area).geometry
    point = Point(longitude=longitude, latitude=latitude)
    if inside(point, outline):
        return []
    code = "map.point_swapped" if looks_swapped(point, outline) else "map.point_outside"
    shown = f"{longitude}, {latitude}"
    return [Problem.coded("longitude", code, value=shown, point=shown, district=district)]
