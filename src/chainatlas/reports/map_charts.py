"""The industry map rendered: GeoJSON of boundaries, points and flows for the API, and the ECharts option of
the map page (geo component from the drawn boundaries, firm points by segment sized by output, a district
choropleth, supply flows as lines, labelled destinations abroad). Renders, never queries; the browser only
registers the map and draws the option."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from chainatlas.analytics.placement import Gathered
from chainatlas.domain.map_results import DistrictFigure, FlowOrigin, MapFirm, MapFlow, Point
from chainatlas.reports.labels import Labels

SEGMENT_COLOURS = {
    "upstream": "#2563eb",
    "midstream": "#16a34a",
    "downstream": "#d97706",
    "support": "#7c3aed",
}
OTHER_COLOUR = "#64748b"
FLOW_COLOURS = {FlowOrigin.CLUSTER: "#16a34a", FlowOrigin.CHINA: "#2563eb", FlowOrigin.ABROAD: "#dc2626"}
MAP_NAME = "chainatlas-region"
BBox = tuple[float, float, float, float]


def feature_collection(features: Sequence[dict[str, Any]], **members: Any) -> dict[str, Any]:
    """Return a GeoJSON FeatureCollection (with foreign members, e.g. the unplaced firms)."""
    return {"type": "FeatureCollection", "features": list(features), **members}


def _point_geometry(point: Point) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [point.longitude, point.latitude]}


def firm_feature(firm: MapFirm) -> dict[str, Any]:
    """Return one firm as a GeoJSON Point feature saying how it was placed."""
    assert firm.point is not None  # noqa: S101  # only placed firms are features
    return {
        "type": "Feature",
        "id": firm.id,
        "geometry": _point_geometry(firm.point),
        "properties": {
            "name_zh": firm.name_zh,
            "name_en": firm.name_en,
            "segment": firm.segment,
            "output_cny": firm.output,
            "tags": list(firm.tags),
            "in_cluster": firm.in_cluster,
            "placement": firm.placement.value,
            "park_id": firm.park_id,
            "district": firm.district,
            "synthetic": firm.synthetic,
        },
    }


def group_feature(group: Gathered) -> dict[str, Any]:
    """Return firms gathered at a park or district point as one GeoJSON Point feature."""
    return {
        "type": "Feature",
        "id": f"{group.kind}:{group.key}",
        "geometry": _point_geometry(group.point),
        "properties": {
            "kind": group.kind,
            "key": group.key,
            "name": group.name,
            "firms": group.firms,
            "members": group.members,
            "output_cny": group.output,
        },
    }


def unplaced_entry(firm: MapFirm) -> dict[str, Any]:
    """Return a firm that could not be placed, as the points API lists it."""
    return {"id": firm.id, "name_zh": firm.name_zh, "name_en": firm.name_en, "city": firm.city, "park": firm.park}


def flow_feature(flow: MapFlow, target: Point | None) -> dict[str, Any]:
    """Return one supply flow as a GeoJSON feature (a line when both ends are known, else no geometry)."""
    geometry = None
    if flow.start is not None and target is not None:
        coordinates = [[flow.start.longitude, flow.start.latitude], [target.longitude, target.latitude]]
        geometry = {"type": "LineString", "coordinates": coordinates}
    properties: dict[str, Any] = {"origin": flow.origin.value, "place": flow.place, "suppliers": flow.suppliers}
    properties |= {"links": flow.links, "value_cny": flow.value}
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def _size(output: float, largest: float) -> float:
    return round(5 + 17 * math.sqrt(output / largest), 1) if largest > 0 else 6.0


def segment_series(firms: Sequence[MapFirm], t: Labels, *, exposure: dict[str, float] | None) -> list[dict[str, Any]]:
    """Return firm points as one scatter series per chain segment, sized by output; value = [lon, lat, size,
    index into `firms`]."""
    largest = max((f.output for f in firms), default=0.0)
    by_segment: dict[str, list[list[float]]] = {}
    for i, firm in enumerate(firms):
        if firm.point is None:
            continue
        size = _size(firm.output, largest)
        by_segment.setdefault(firm.segment or "other", []).append([firm.point.longitude, firm.point.latitude, size, i])
    series = []
    for segment, data in sorted(by_segment.items()):
        name = t("segment." + segment) if segment != "other" else t("map.segment_none")
        colour = SEGMENT_COLOURS.get(segment, OTHER_COLOUR)
        series.append(_scatter(name, colour, data, large=len(data) > 2_000))
    if exposure:
        series.append(_exposure_series(firms, exposure, t))
    return series


def _scatter(name: str, colour: str, data: list[list[float]], *, large: bool) -> dict[str, Any]:
    return {
        "type": "scatter",
        "coordinateSystem": "geo",
        "name": name,
        "data": data,
        "itemStyle": {"color": colour, "opacity": 0.8, "borderColor": "#fff", "borderWidth": 0.5},
        "large": large,
        "largeThreshold": 2_000,
        "progressive": 20_000,
        "z": 3,
    }


def _exposure_series(firms: Sequence[MapFirm], exposure: dict[str, float], t: Labels) -> dict[str, Any]:
    data = [
        [f.point.longitude, f.point.latitude, round(min(30.0, 6 + exposure[f.id] / 10), 1), i]
        for i, f in enumerate(firms)
        if f.point is not None and exposure.get(f.id, 0) > 0
    ]
    return {
        "type": "effectScatter",
        "coordinateSystem": "geo",
        "name": t("map.exposure"),
        "data": data,
        "itemStyle": {"color": "#dc2626", "opacity": 0.55},
        "rippleEffect": {"scale": 2.5, "brushType": "stroke"},
        "z": 4,
    }


def group_series(groups: Sequence[Gathered], t: Labels) -> list[dict[str, Any]]:
    """Return gathered points as one scatter series, sized by firms; value = [lon, lat, size, firms]."""
    largest = max((g.firms for g in groups), default=0)
    data = [
        {"name": g.name, "value": [g.point.longitude, g.point.latitude, _size(g.firms, largest) + 4, g.firms]}
        for g in groups
    ]
    series = _scatter(t("map.groups"), "#1f3a5f", [], large=False)
    series["data"] = data
    series["label"] = {"show": True, "position": "right", "fontSize": 11}
    return [series]


def choropleth(figures: Sequence[DistrictFigure], metric: str) -> tuple[list[dict[str, Any]], float]:
    """Return the district values of a metric for the map series and the largest (for the visual map)."""
    data = []
    for figure in figures:
        value = {"enterprises": figure.enterprises, "output": figure.output, "local_rate": figure.local_rate}[metric]
        shown = None if value is None else (round(value * 100, 1) if metric == "local_rate" else value)
        data.append({"name": figure.name, "value": shown, "code": figure.code, "withheld": figure.withheld})
    largest = max((d["value"] for d in data if d["value"] is not None), default=0)
    return data, float(100 if metric == "local_rate" else largest or 1)


def edge_point(start: Point, centre: Point, bbox: BBox) -> Point:
    """Return where the way from the map's centre towards a far place leaves the drawn region's box (a little
    outside it): a far origin is drawn as a labelled destination at the edge, not on a world map."""
    west, south, east, north = bbox
    if west <= start.longitude <= east and south <= start.latitude <= north:
        return start
    dx, dy = start.longitude - centre.longitude, start.latitude - centre.latitude
    half_w, half_h = (east - west) / 2 * 1.08, (north - south) / 2 * 1.08
    scale = min(half_w / abs(dx) if dx else math.inf, half_h / abs(dy) if dy else math.inf)
    return Point(round(centre.longitude + dx * scale, 5), round(centre.latitude + dy * scale, 5))


def abroad_points(flows: Sequence[MapFlow], bbox: BBox) -> dict[str, Point]:
    """Return a place for each country abroad: stacked down the right-hand edge of the drawn region."""
    west, south, east, north = bbox
    countries = [f.place for f in flows if f.origin is FlowOrigin.ABROAD]
    step = (north - south) / max(len(countries), 1)
    right = east + (east - west) * 0.08
    return {c: Point(round(right, 5), round(north - step * (i + 0.5), 5)) for i, c in enumerate(countries)}


@dataclass(frozen=True)
class FlowLabels:
    """How a flow's origin is named: the place as written, or a country's name in the page's language."""

    countries: dict[str, str]


def flow_series(
    flows: Sequence[MapFlow], target: Point | None, bbox: BBox, t: Labels, names: FlowLabels
) -> list[dict[str, Any]]:
    """Return the flows as a lines series (width by value) and their origins as labelled points."""
    if target is None or not flows:
        return []
    abroad = abroad_points(flows, bbox)
    largest = max((f.value or 0 for f in flows), default=0) or 1
    lines, ends = [], []
    for flow in flows:
        start = abroad.get(flow.place) if flow.origin is FlowOrigin.ABROAD else flow.start
        if start is None:
            continue
        start = edge_point(start, target, bbox)
        name = names.countries.get(flow.place, flow.place) if flow.origin is FlowOrigin.ABROAD else flow.place
        width = round(1 + 7 * (flow.value or 0) / largest, 1)
        style = {"color": FLOW_COLOURS[flow.origin], "width": width, "opacity": 0.7, "curveness": 0.2}
        coords = [[start.longitude, start.latitude], [target.longitude, target.latitude]]
        lines.append({"name": name, "coords": coords, "lineStyle": style, "value": flow.value, "origin": flow.origin})
        ends.append({"name": name, "value": [start.longitude, start.latitude, flow.suppliers]})
    line_series = {"type": "lines", "coordinateSystem": "geo", "name": t("map.flows"), "data": lines, "z": 5}
    line_series["effect"] = {"show": False}
    label = {"show": True, "position": "left", "formatter": "{b}", "fontSize": 11}
    end_series = {"type": "scatter", "coordinateSystem": "geo", "name": t("map.origins"), "data": ends, "z": 5}
    end_series |= {"symbolSize": 7, "itemStyle": {"color": "#334155"}, "label": label}
    return [line_series, end_series]


def map_option(
    *, bbox: BBox, series: list[dict[str, Any]], districts: list[dict[str, Any]], largest: float, t: Labels
) -> dict[str, Any]:
    """Return the map page's ECharts option: the geo component over the drawn region, a choropleth of its
    districts (map series) and the other series on top."""
    west, south, east, north = bbox
    pad_x, pad_y = (east - west) * 0.2, (north - south) * 0.1
    geo = {
        "map": MAP_NAME,
        "roam": True,
        "boundingCoords": [[west - pad_x, north + pad_y], [east + pad_x, south - pad_y]],
        "itemStyle": {"areaColor": "#f1f5f9", "borderColor": "#94a3b8"},
        "emphasis": {"itemStyle": {"areaColor": "#e2e8f0"}},
        "label": {"show": True, "fontSize": 10, "color": "#475569"},
    }
    choropleth_series = {"type": "map", "geoIndex": 0, "name": t("map.choropleth"), "data": districts}
    visual = {
        "type": "continuous",
        "min": 0,
        "max": largest,
        "seriesIndex": 0,
        "calculable": True,
        "left": 8,
        "bottom": 8,
        "itemHeight": 90,
        "inRange": {"color": ["#f1f5f9", "#93c5fd", "#1d4ed8"]},
    }
    return {
        "geo": geo,
        "visualMap": visual,
        "legend": {"top": 4, "type": "scroll"},
        "tooltip": {"trigger": "item"},
        "series": [choropleth_series, *series],
    }
