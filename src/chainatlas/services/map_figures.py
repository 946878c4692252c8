"""The industry map's figures: districts for the choropleth, supply flows by origin under the disclosure rule,
the resilience exposure overlay (analysts only), placing a firm (a recorded change) and the check that a stated
point lies in its stated district."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from chainatlas.analytics.map_flows import district_local_rates, flow_totals, purchases
from chainatlas.analytics.snapshot import ChainSnapshot
from chainatlas.domain.access import CONFIDENTIAL_LINKS, Action, allowed
from chainatlas.domain.common import Problem
from chainatlas.domain.kinds import ENTERPRISES
from chainatlas.domain.map_results import DistrictFigure, FlowOrigin, MapFirm, MapFlow, Point
from chainatlas.domain.user import User
from chainatlas.interchange.boundaries import BOUNDARIES, find_area
from chainatlas.services.access import require
from chainatlas.services.chain import DISCLOSURE_THRESHOLD, chain_snapshot
from chainatlas.services.context import WriteContext
from chainatlas.services.errors import InvalidInput, NotFound
from chainatlas.services.map import FirmFilter, MapModel, chosen_firms, map_model
from chainatlas.services.map_checks import point_warnings
from chainatlas.services.records import get_record, update_record
from chainatlas.services.resilience import DEFAULT_HORIZON, RESILIENCE_CACHE
from chainatlas.services.resilience_analysis import analysis_key
from chainatlas.store.map import countries_of


def district_figures(
    session: Session,
    user: User | None,
    *,
    cluster: str | None = None,
    chosen: FirmFilter | None = None,
    year: int | None = None,
) -> list[DistrictFigure]:
    """Return every drawn district's firms, output and the local supporting rate (本地配套率) of the chosen node
    by the district's buying members (withheld below the disclosure threshold from users who may not see links)."""
    model = map_model(session, user, cluster)
    firms = chosen_firms(model, chosen or FirmFilter())
    counts = _area_counts(firms)
    node = (chosen or FirmFilter()).node
    rates = {r.district: r for r in district_local_rates(_snapshot(session, model), node=node, year=year)}
    full = allowed(user, Action.READ, CONFIDENTIAL_LINKS)
    figures = []
    for boundary in model.areas:
        area = boundary.area
        count, output = counts.get((area.city, area.name) if area.level == "district" else (None, area.name), [0, 0.0])
        rate = rates.get(area.name) if area.level == "district" else None
        withheld = rate is not None and rate.suppliers < DISCLOSURE_THRESHOLD and not full
        shown = None if rate is None or withheld else rate.rate
        figures.append(DistrictFigure(area.code, area.name, int(count), float(output), shown, withheld))
    return figures


def _area_counts(firms: list[MapFirm]) -> dict[tuple[str | None, str], list[float]]:
    """Return firms and output per (city, district), and per (None, city) for a map that draws cities."""
    counts: dict[tuple[str | None, str], list[float]] = {}
    for firm in firms:
        keys = [(firm.city, firm.district)] if firm.district else []
        keys += [(None, firm.city)] if firm.city else []
        for key in keys:
            entry = counts.setdefault(key, [0, 0.0])
            entry[0] += 1
            entry[1] += firm.output
    return counts


def _snapshot(session: Session, model: MapModel) -> ChainSnapshot:
    return chain_snapshot(session, model.cluster)


@dataclass(frozen=True)
class Flows:
    """Supply flows into the cluster (or one firm) by origin; how many were withheld by the disclosure rule."""

    flows: list[MapFlow]
    withheld: int
    target: Point | None


def map_flows(
    session: Session,
    user: User | None,
    *,
    cluster: str | None = None,
    node: str | None = None,
    firm: str | None = None,
    year: int | None = None,
) -> Flows:
    """Return the purchases of a node by the cluster's members (or of one firm) gathered by where the suppliers
    are: a district of the cluster, a province elsewhere in China, a country abroad. A flow from fewer than 3
    suppliers is withheld from users who may not see supply links."""
    model = map_model(session, user, cluster)
    snapshot = _snapshot(session, model)
    if node is not None and node not in snapshot.node_codes:
        raise NotFound(code="map.node_unknown", params={"node": node})
    if firm is not None and firm not in set(snapshot.firm_ids):
        raise NotFound(code="map.firm_unknown", params={"firm": firm})
    origins = _origins(session, snapshot)
    totals = flow_totals(snapshot, purchases(snapshot, node=node, customer=firm, year=year), origins)
    full = allowed(user, Action.READ, CONFIDENTIAL_LINKS)
    flows = [
        MapFlow(FlowOrigin(t.origin[0]), t.origin[1], _start(model, t.origin), t.suppliers, t.links, t.value, True)
        for t in totals
        if full or t.suppliers >= DISCLOSURE_THRESHOLD
    ]
    return Flows(flows, len(totals) - len(flows), _target(model, firm))


def _origins(session: Session, snapshot: ChainSnapshot) -> list[tuple[str, str]]:
    countries = countries_of(session, list(snapshot.firm_ids))
    home = "CN"
    origins = []
    for i, firm_id in enumerate(snapshot.firm_ids):
        district = snapshot.firm_district[i] if snapshot.firm_district else None
        province = snapshot.firm_province[i] if snapshot.firm_province else None
        if snapshot.firm_in_cluster[i]:
            origins.append((FlowOrigin.CLUSTER.value, district or ""))  # "": in the cluster, district unknown
        elif countries.get(firm_id, home) == home:
            origins.append((FlowOrigin.CHINA.value, province or ""))
        else:
            origins.append((FlowOrigin.ABROAD.value, countries[firm_id]))
    return origins


def _start(model: MapModel, origin: tuple[str, str]) -> Point | None:
    kind, place = origin
    if kind == FlowOrigin.CLUSTER.value:
        found = next((p for (_, name), p in model.centroids.items() if name == place), None)
        return found
    if kind == FlowOrigin.CHINA.value:
        area = find_area("province", place)
        return None if area is None else Point(*BOUNDARIES.boundary(area).centroid)
    return None


def _target(model: MapModel, firm: str | None) -> Point | None:
    if firm is not None:
        found = next((f for f in model.firms if f.id == firm), None)
        if found is not None and found.point is not None:
            return found.point
    points = list(model.centroids.values())
    if not points:
        return None
    return Point(sum(p.longitude for p in points) / len(points), sum(p.latitude for p in points) / len(points))


def exposure_overlay(session: Session, user: User | None, *, cluster: str | None = None) -> dict[str, float] | None:
    """Return each site's resilience exposure (TTR − TTS, days) from the cluster's resilience analysis when it
    has been run at the current registry version (analysts only); None when it has not."""
    require(user, Action.ANALYSE)
    model = map_model(session, user, cluster)
    analysis = RESILIENCE_CACHE.peek(session, analysis_key(model.cluster, None, DEFAULT_HORIZON))
    if analysis is None:
        return None
    return {node.id: float(node.exposure_days) for node in analysis.nodes}


PLACE_FIELDS = ("longitude", "latitude", "park", "district")


def place_firm(session: Session, ctx: WriteContext, user: User | None, firm_id: str, changes: Mapping[str, Any]) -> Any:
    """Place a firm on the map: its own point (longitude and latitude), or its park or district by name; a
    change recorded in the history like any other edit."""
    require(user, Action.WRITE)
    unknown = [name for name in changes if name not in PLACE_FIELDS]
    if unknown or not changes:
        raise InvalidInput([Problem.coded(unknown[0] if unknown else "longitude", "map.place_fields")])
    before = get_record(session, kind=ENTERPRISES, key=(firm_id,))
    after = update_record(session, ctx, kind=ENTERPRISES, key=(firm_id,), changes=dict(changes))
    warnings = point_warnings(after)
    return before, after, warnings


def firm_list(firms: list[MapFirm]) -> list[MapFirm]:
    """Return firms by name (the list of unplaced firms the page shows)."""
    return sorted(firms, key=lambda f: (f.name_zh, f.id))
