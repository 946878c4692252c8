"""The industry map page: firms, district choropleth, supply flows, exposure overlay; placing a firm."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from starlette.responses import RedirectResponse, Response

from chainatlas.domain.access import REGISTRY, Action, allowed
from chainatlas.domain.map_results import MAP_TAGS, Aggregate, MapMetric
from chainatlas.reports.map_charts import (
    MAP_NAME,
    FlowLabels,
    choropleth,
    feature_collection,
    flow_series,
    group_series,
    map_option,
    segment_series,
)
from chainatlas.services.context import Via
from chainatlas.services.errors import InvalidInput
from chainatlas.services.map import FirmFilter, MapModel, MapPoints, map_bbox, map_model, map_points
from chainatlas.services.map_figures import (
    district_figures,
    exposure_overlay,
    firm_list,
    map_flows,
    place_firm,
)
from chainatlas.web import i18n_places as places
from chainatlas.web.deps import UoW, Viewer, user_allowed, write_context
from chainatlas.web.errors import PageRoute
from chainatlas.web.i18n import Translator
from chainatlas.web.render import render, translator
from chainatlas.web.views.records import Posted

router = APIRouter(route_class=PageRoute, include_in_schema=False)
Text = Annotated[str, Query(max_length=200)]


def _firm_refs(points: MapPoints, t: Translator) -> list[dict[str, Any]]:
    return [
        {"id": f.id, "name": t.name(f.name_zh, f.name_en), "placement": t("map.placement." + f.placement.value)}
        for f in points.firms
    ]


def _option(
    model: MapModel, points: MapPoints, extra: list[dict[str, Any]], figures: Any, metric: str, t: Translator
) -> dict[str, Any]:
    districts, largest = choropleth(figures, metric)
    return map_option(bbox=map_bbox(model), series=extra, districts=districts, largest=largest, t=t)


CHOICES_AT_MOST = 300
"""The firm pickers list the cluster's largest members by output (and the chosen one), not all of them."""


def _member_choices(model: MapModel, chosen: str, t: Translator) -> list[tuple[str, str]]:
    members = [f for f in model.firms if f.in_cluster]
    largest = sorted(members, key=lambda f: (-f.output, f.id))[:CHOICES_AT_MOST]
    largest += [f for f in members if f.id == chosen and f not in largest]
    return sorted((f.id, t.name(f.name_zh, f.name_en)) for f in largest)


@router.get("/map")
def map_page(  # one parameter per filter of the page
    request: Request,
    uow: UoW,
    user: Viewer,
    cluster: Annotated[str | None, Query()] = None,
    node: Text = "",
    tag: Text = "",
    membership: Annotated[str, Query(pattern="^(all|in|out)$")] = "all",
    metric: Annotated[MapMetric, Query()] = MapMetric.ENTERPRISES,
    firm: Text = "",
    exposure: bool = False,
    aggregate: Annotated[Aggregate, Query()] = Aggregate.AUTO,
) -> Response:
    """Show the cluster's map: firms by segment and output, districts by a metric, flows of a node or firm."""
    t = translator(request)
    chosen = FirmFilter(node=node or None, tag=tag or None, membership=membership)
    model = map_model(uow.session, user, cluster)
    points = map_points(uow.session, user, cluster=cluster, chosen=chosen, aggregate=aggregate)
    figures = district_figures(uow.session, user, cluster=cluster, chosen=chosen)
    flows = map_flows(uow.session, user, cluster=cluster, node=node or None, firm=firm or None)
    can_analyse = allowed(user, Action.ANALYSE, REGISTRY)
    overlay = exposure_overlay(uow.session, user, cluster=cluster) if exposure and can_analyse else None
    if points.groups is not None:
        series = group_series(points.groups, t)
    else:
        series = segment_series(points.firms, t, exposure=overlay)
    countries = {f.place: places.country(f.place, t) for f in flows.flows}
    series += flow_series(flows.flows, flows.target, map_bbox(model), t, FlowLabels(countries))
    context = {
        "cluster": cluster,
        "option": _option(model, points, series, figures, metric.value, t),
        "regions": feature_collection([b.feature() for b in model.areas]),
        "firm_refs": _firm_refs(points, t),
        "map_name": MAP_NAME,
        "points": points,
        "unplaced": firm_list(points.unplaced),
        "flows": flows,
        "filters": {"node": node, "tag": tag, "membership": membership, "metric": metric.value, "firm": firm},
        "exposure": exposure,
        "exposure_missing": exposure and can_analyse and overlay is None,
        "nodes": sorted((code, t.name(v[2], v[3])) for code, v in model.nodes.items()),
        "members": _member_choices(model, firm, t),
        "tags": MAP_TAGS,
        "undrawn": model.undrawn,
        "can_write": allowed(user, Action.WRITE, REGISTRY),
        "can_analyse": can_analyse,
        "placed": request.query_params.get("placed") == "1",
        "places": places,
    }
    response = render(request, "map.html", context, user=user)
    if exposure:  # the overlay follows the resilience analysis, which the page cache's key does not see
        response.headers["Cache-Control"] = "no-store"
    return response


@router.post("/map/place")
def place(request: Request, uow: UoW, user: Viewer, texts: Posted) -> Response:
    """Place a firm from the page's form: a point, or a park or district name; then show the map again."""
    writer = user_allowed(user, Action.WRITE)
    firm_id = texts.get("enterprise_id", "").strip()
    changes = {
        name: texts[name].strip()
        for name in ("longitude", "latitude", "park", "district")
        if texts.get(name, "").strip()
    }
    back = {"placed": "1", **({"cluster": texts["cluster"]} if texts.get("cluster") else {})}
    try:
        place_firm(uow.session, write_context(writer, Via.WEB), writer, firm_id, changes)
    except InvalidInput:
        uow.session.rollback()
        raise
    uow.commit()
    return RedirectResponse("/map?" + urlencode(back), status_code=303)
