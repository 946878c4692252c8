"""The map's gathered points straight from SQL: firms counted by city, district, park and whether they have a
point, then placed at their park's point or district's centroid, without reading every firm. What the points API
answers by default for a large registry (docs/map.md, bench/map.py)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from chainatlas.analytics.placement import Gathered, ParkPoint
from chainatlas.domain.map_results import MapFirm, Placement, Point
from chainatlas.interchange.boundaries import boundaries_of, find_area, region_areas
from chainatlas.services.errors import NotFound
from chainatlas.store.clusters import ClusterRule, subtree_codes
from chainatlas.store.map import PlaceFilter, firms_at, node_exists, park_points, place_groups

Centroids = dict[tuple[str | None, str], Point]


@dataclass(frozen=True)
class GatheredPoints:
    """Groups at park and district points, the firms that could not be placed, and how firms were placed."""

    groups: list[Gathered]
    unplaced: list[MapFirm]
    counts: dict[str, int]

    @property
    def placed(self) -> int:
        """Return how many firms are on the map."""
        return sum(n for how, n in self.counts.items() if how != Placement.UNPLACED.value)


def parks_by_name(rows: Iterable[Any]) -> dict[str, ParkPoint]:
    """Return every park name and alias → the park's point (a name two parks share is left out)."""
    named: dict[str, list[ParkPoint]] = {}
    for row in rows:
        park = ParkPoint(row.id, Point(row.longitude, row.latitude))
        for name in {row.name_zh, *(row.aliases or ())}:
            named.setdefault(name, []).append(park)
    return {name: found[0] for name, found in named.items() if len({p.id for p in found}) == 1}


def _centroids(rule: ClusterRule, rows: list[Any]) -> Centroids:
    areas, _ = region_areas(rule.cluster.region)
    found: Centroids = {
        (b.area.city, b.area.name): Point(*b.centroid) for b in boundaries_of(areas) if b.area.level == "district"
    }
    for city, district in {(r.city, r.district) for r in rows if r.district} - set(found):
        area = find_area("district", district, city=city)
        if area is not None:
            found[(city, district)] = Point(*boundaries_of([area])[0].centroid)
    return found


def place_filter(session: Session, node: str | None, tag: str | None, membership: str) -> PlaceFilter:
    """Return the filter in SQL terms (NotFound for an unknown node)."""
    codes = None
    if node is not None:
        codes = subtree_codes(session, node)
        if len(codes) == 1 and not node_exists(session, node):
            raise NotFound(code="map.node_unknown", params={"node": node})
    return PlaceFilter(codes=codes, tag=tag, membership=membership)


def gathered_points(session: Session, rule: ClusterRule, chosen: PlaceFilter) -> GatheredPoints:
    """Return the chosen firms gathered by park or district, counted in SQL."""
    rows = place_groups(session, rule, chosen)
    parks, centroids = parks_by_name(park_points(session)), _centroids(rule, rows)
    groups: dict[tuple[str, str], Gathered] = {}
    counts: Counter[str] = Counter()
    loose: list[tuple[str | None, str | None, str | None]] = []
    for row in rows:
        counts[_placement(row, parks, centroids).value] += row.firms
        target = _group_of(row, parks, centroids)
        if target is None:
            loose.append((row.city, row.district, row.park))
            continue
        group = groups.setdefault(target[:2], Gathered(*target))
        group.firms += row.firms
        group.members += int(row.members or 0)
        group.output += float(row.output or 0)
    unplaced = []
    for firm in firms_at(session, rule, chosen, loose):
        if firm.longitude is None or firm.latitude is None:
            unplaced.append(firm_of(firm, point=None, placement=Placement.UNPLACED))
            continue
        point = Point(firm.longitude, firm.latitude)
        groups[("firm", firm.id)] = Gathered("firm", firm.id, firm.name_zh, point, firms=1)
    ordered = sorted(groups.values(), key=lambda g: (g.kind, g.key))
    return GatheredPoints(ordered, unplaced, {p.value: counts.get(p.value, 0) for p in Placement})


def _placement(row: Any, parks: dict[str, ParkPoint], centroids: Centroids) -> Placement:
    if row.has_point:
        return Placement.COORDINATES
    if row.park in parks:
        return Placement.PARK
    if row.district and (row.city, row.district) in centroids:
        return Placement.DISTRICT
    return Placement.UNPLACED


def _group_of(row: Any, parks: dict[str, ParkPoint], centroids: Centroids) -> tuple[str, str, str, Point] | None:
    park = parks.get(row.park) if row.park else None
    if park is not None:
        return "park", park.id, row.park, park.point
    centroid = centroids.get((row.city, row.district)) if row.district else None
    if centroid is not None:
        return "district", f"{row.city or ''}/{row.district}", row.district, centroid
    return None


def firm_of(row: Any, *, point: Point | None, placement: Placement, **extra: Any) -> MapFirm:
    """Return a map firm from its row (FIRM_COLUMNS), its point and placement, and what the map knows of it
    (membership, segment, nodes, output, park); unknown: not a member, nothing made."""
    known = {"in_cluster": False, "segment": None, "nodes": frozenset(), "output": 0.0} | extra
    return MapFirm(
        id=row.id,
        name_zh=row.name_zh,
        name_en=row.name_en,
        country=row.country,
        province=row.province,
        city=row.city,
        district=row.district,
        park=row.park,
        tags=tuple(row.tags or ()),
        point=point,
        placement=placement,
        synthetic=(row.source or "").strip().lower() == "synthetic",
        **known,
    )
