"""The industry map (产业地图) use cases: the boundaries a cluster's region draws, its firms placed (coordinates →
park → district centroid), district figures for the choropleth, supply flows under the disclosure rule, the
resilience exposure overlay (analysts), and placing a firm (a recorded change)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from chainatlas.analytics.placement import Gathered, Located, ParkPoint, place
from chainatlas.domain.access import REGISTRY, Action
from chainatlas.domain.common import Problem
from chainatlas.domain.map_results import (
    MAP_TAGS,
    POINTS_AT_MOST,
    ZOOM_THRESHOLD,
    Aggregate,
    MapFirm,
    Placement,
    Point,
)
from chainatlas.domain.user import User
from chainatlas.interchange.boundaries import Boundary, boundaries_of, find_area, region_areas
from chainatlas.services.access import require
from chainatlas.services.cache import PUBLIC_CACHE
from chainatlas.services.clusters import resolve_cluster
from chainatlas.services.errors import InvalidInput, NotFound
from chainatlas.services.map_gathered import GatheredPoints, firm_of, gathered_points, parks_by_name, place_filter
from chainatlas.store.clusters import ClusterRule
from chainatlas.store.map import MapRows, load_map_rows

SYNTHETIC = "synthetic"


@dataclass(frozen=True)
class MapModel:
    """A cluster's map: its drawn areas, the parks with points, the district centroids and every firm placed."""

    cluster: str
    areas: tuple[Boundary, ...]
    undrawn: tuple[str, ...]
    parks: dict[str, ParkPoint]
    centroids: dict[tuple[str | None, str], Point]
    firms: tuple[MapFirm, ...]
    segments: tuple[str, ...]
    nodes: dict[str, tuple[str | None, str, str, str | None]]
    """code → (parent code, segment, name_zh, name_en)"""


@dataclass(frozen=True)
class FirmFilter:
    """Which firms the map shows: those making a node (or below it), with a tag, in or out of the cluster."""

    node: str | None = None
    tag: str | None = None
    membership: str = "all"
    """`all`, `in` or `out`"""


def map_model(session: Session, user: User | None, cluster: str | None = None) -> MapModel:
    """Return a cluster's map, built once per registry version (firm points are registry data: sign-in needed)."""
    require(user, Action.READ, REGISTRY)
    rule = resolve_cluster(session, user, cluster)
    return PUBLIC_CACHE.get(session, ("map_model", rule.id), lambda: _build(session, rule))


def _build(session: Session, rule: ClusterRule) -> MapModel:
    rows = load_map_rows(session, rule)
    areas, undrawn = region_areas(rule.cluster.region)
    drawn = boundaries_of(areas)
    centroids = {(b.area.city, b.area.name): _point(b.centroid) for b in drawn if b.area.level == "district"}
    centroids |= _other_centroids(rows, set(centroids))
    parks = parks_by_name(rows.parks)
    nodes = {r.code: (r.parent_code, r.segment, r.name_zh, r.name_en) for r in rows.nodes}
    firms = _firms(rows, parks, centroids, nodes)
    segments = tuple(sorted({f.segment for f in firms if f.segment}))
    return MapModel(rule.id, tuple(drawn), tuple(undrawn), parks, centroids, firms, segments, nodes)


def _other_centroids(rows: MapRows, known: set[tuple[str | None, str]]) -> dict[tuple[str | None, str], Point]:
    """Return the centroids of the firms' districts that the map does not draw (a province's map draws cities)."""
    wanted = {(row.city, row.district) for row in rows.firms if row.district and row.country == "CN"} - known
    found = {}
    for city, district in sorted(wanted, key=lambda k: (k[0] or "", k[1])):
        area = find_area("district", district, city=city)
        if area is not None:
            found[(city, district)] = _point(boundaries_of([area])[0].centroid)
    return found


def _point(pair: tuple[float, float]) -> Point:
    return Point(longitude=pair[0], latitude=pair[1])


def _made(rows: MapRows) -> dict[str, list[tuple[str, float]]]:
    made: dict[str, list[tuple[str, float]]] = {}
    for firm_id, node, output in rows.makes:
        made.setdefault(firm_id, []).append((node, float(output or 0)))
    return made


def _firms(
    rows: MapRows,
    parks: dict[str, ParkPoint],
    centroids: dict[tuple[str | None, str], Point],
    nodes: dict[str, tuple[str | None, str, str, str | None]],
) -> tuple[MapFirm, ...]:
    made = _made(rows)
    firms = []
    for row in rows.firms:
        own = None if row.longitude is None or row.latitude is None else Point(row.longitude, row.latitude)
        district = (row.city, row.district) if row.district else None
        point, placement, park_id = place(Located(own, row.park, district), parks, centroids)
        mine = made.get(row.id, [])
        main = max(mine, key=lambda m: (m[1], m[0]))[0] if mine else None
        segment = nodes[main][1] if main in nodes else None
        made_here = {"nodes": frozenset(node for node, _ in mine), "output": sum(value for _, value in mine)}
        extra = {"in_cluster": row.id in rows.members, "segment": segment, "park_id": park_id}
        firms.append(firm_of(row, point=point, placement=placement, **extra, **made_here))
    return tuple(firms)


def subtree(model: MapModel, code: str) -> frozenset[str]:
    """Return a node's code and every code below it (NotFound for an unknown code)."""
    if code not in model.nodes:
        raise NotFound(code="map.node_unknown", params={"node": code})
    children: dict[str | None, list[str]] = {}
    for child, (parent, *_) in model.nodes.items():
        children.setdefault(parent, []).append(child)
    found, todo = set(), [code]
    while todo:
        current = todo.pop()
        found.add(current)
        todo.extend(children.get(current, []))
    return frozenset(found)


def chosen_firms(model: MapModel, chosen: FirmFilter) -> list[MapFirm]:
    """Return the firms a filter keeps."""
    if chosen.membership not in ("all", "in", "out"):
        raise InvalidInput([Problem.coded("membership", "map.membership", value=chosen.membership)])
    codes = subtree(model, chosen.node) if chosen.node else None
    kept = []
    for firm in model.firms:
        if chosen.membership != "all" and firm.in_cluster != (chosen.membership == "in"):
            continue
        if chosen.tag and chosen.tag not in firm.tags:
            continue
        if codes is not None and firm.nodes.isdisjoint(codes):
            continue
        kept.append(firm)
    return kept


def aggregated(aggregate: Aggregate, firms: int, zoom: float | None) -> bool:
    """Return whether the points are gathered by park or district (`auto`: many firms seen from afar)."""
    if aggregate is Aggregate.AUTO:
        return firms > POINTS_AT_MOST and (zoom is None or zoom < ZOOM_THRESHOLD)
    return aggregate is Aggregate.AREA


@dataclass(frozen=True)
class MapPoints:
    """The points the map draws: every firm, or groups at park and district points; and the unplaced firms."""

    firms: list[MapFirm]
    groups: list[Gathered] | None
    unplaced: list[MapFirm]
    placements: dict[str, int]
    """How many of the chosen firms were placed each way."""


def map_points(
    session: Session,
    user: User | None,
    *,
    cluster: str | None = None,
    chosen: FirmFilter | None = None,
    aggregate: Aggregate = Aggregate.AUTO,
    zoom: float | None = None,
) -> MapPoints:
    """Return a cluster's firms as points (or gathered), filtered, with those that could not be placed. A filter
    of known values is worked out once per registry version (there are as many as nodes × tags × memberships)."""
    chosen = chosen or FirmFilter()
    known = chosen.tag is None or chosen.tag in MAP_TAGS
    if aggregate is not Aggregate.NONE and (zoom is None or zoom < ZOOM_THRESHOLD or aggregate is Aggregate.AREA):
        require(user, Action.READ, REGISTRY)
        rule = resolve_cluster(session, user, cluster)
        gathered = _gathered(session, rule, chosen, cache=known)
        if aggregate is Aggregate.AREA or gathered.placed > POINTS_AT_MOST:
            return MapPoints([], gathered.groups, gathered.unplaced, gathered.counts)
    model = map_model(session, user, cluster)
    if known:
        selection = PUBLIC_CACHE.get(
            session, ("map_selection", model.cluster, chosen), lambda: Selection(model, chosen)
        )
    else:
        selection = Selection(model, chosen)
    return MapPoints(selection.placed, None, selection.unplaced, selection.counts)


def _gathered(session: Session, rule: ClusterRule, chosen: FirmFilter, *, cache: bool) -> GatheredPoints:
    """Return the chosen firms gathered in SQL (kept per registry version for a filter of known values)."""
    if chosen.membership not in ("all", "in", "out"):
        raise InvalidInput([Problem.coded("membership", "map.membership", value=chosen.membership)])
    where = place_filter(session, chosen.node, chosen.tag, chosen.membership)
    if not cache:
        return gathered_points(session, rule, where)
    key = ("map_gathered", rule.id, chosen)
    return PUBLIC_CACHE.get(session, key, lambda: gathered_points(session, rule, where))


class Selection:
    """The firms a filter keeps, placed and not, and how many were placed each way."""

    def __init__(self, model: MapModel, chosen: FirmFilter) -> None:
        firms = chosen_firms(model, chosen)
        self.placed = [f for f in firms if f.point is not None]
        self.unplaced = [f for f in firms if f.point is None]
        self.counts = placement_counts(firms)


def placement_counts(firms: Sequence[MapFirm]) -> dict[str, int]:
    """Return how many firms were placed each way."""
    counts = Counter(f.placement.value for f in firms)
    return {p.value: counts.get(p.value, 0) for p in Placement}


def map_bbox(model: MapModel) -> tuple[float, float, float, float]:
    """Return (west, south, east, north) of the drawn areas, or of the placed firms when no area is drawn."""
    if model.areas:
        bounds = [b.geometry.bounds for b in model.areas]
        return (
            min(b[0] for b in bounds),
            min(b[1] for b in bounds),
            max(b[2] for b in bounds),
            max(b[3] for b in bounds),
        )
    points = [f.point for f in model.firms if f.point is not None] or [Point(116.4, 39.9)]
    west, east = min(p.longitude for p in points), max(p.longitude for p in points)
    south, north = min(p.latitude for p in points), max(p.latitude for p in points)
    return west - 0.5, south - 0.5, east + 0.5, north + 0.5
