"""Where firms are on the map (产业地图): a firm's own point, else its park's, else its district's centroid; the
check that a stated point falls in its stated district (and whether swapping longitude and latitude would make
it fall there); points gathered by park or district. Pure functions over plain values and shapely outlines."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from shapely import Point as ShapelyPoint
from shapely.geometry.base import BaseGeometry

from chainatlas.domain.map_results import Placement, Point

TOLERANCE_DEGREES = 0.01
"""A stated point this close (about 1 km) to its district's simplified outline still counts as inside it."""


@dataclass(frozen=True)
class Located:
    """What placement needs of a firm: its own point, its park's name and its district's key."""

    point: Point | None
    park: str | None
    district: tuple[str | None, str] | None
    """(city, district name)"""


@dataclass(frozen=True)
class ParkPoint:
    """A park or development zone with a point: its id and where it is."""

    id: str
    point: Point


def place(
    firm: Located, parks: Mapping[str, ParkPoint], centroids: Mapping[tuple[str | None, str], Point]
) -> tuple[Point | None, Placement, str | None]:
    """Return a firm's point, how it was found, and the park it came from (coordinates → park → district)."""
    if firm.point is not None:
        return firm.point, Placement.COORDINATES, None
    park = parks.get(firm.park) if firm.park else None
    if park is not None:
        return park.point, Placement.PARK, park.id
    if firm.district is not None:
        centroid = centroids.get(firm.district) or centroids.get((None, firm.district[1]))
        if centroid is not None:
            return centroid, Placement.DISTRICT, None
    return None, Placement.UNPLACED, None


def inside(point: Point, outline: BaseGeometry, *, tolerance: float = TOLERANCE_DEGREES) -> bool:
    """Return whether a point falls in an outline (or within the tolerance of its edge)."""
    here = ShapelyPoint(point.longitude, point.latitude)
    return bool(outline.contains(here) or outline.distance(here) <= tolerance)


def looks_swapped(point: Point, outline: BaseGeometry) -> bool:
    """Return whether a point outside an outline would fall inside it with longitude and latitude swapped."""
    if inside(point, outline) or not -90 <= point.longitude <= 90:
        return False
    return inside(Point(longitude=point.latitude, latitude=point.longitude), outline)


@dataclass
class Gathered:
    """Firms gathered at one park or district point: how many, their output, how many are cluster members."""

    kind: str
    key: str
    name: str
    point: Point
    firms: int = 0
    members: int = 0
    output: float = 0.0
