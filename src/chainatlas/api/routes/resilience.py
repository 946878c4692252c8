"""Supply-chain resilience: the analysis of every site, one site, what-if disruptions, mitigations, the supply
graph around a site, and the cluster-wide summary anyone may read."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Query
from pydantic import BaseModel, Field

from chainatlas.api.deps import CurrentUser, UoW
from chainatlas.domain.resilience_results import (
    MitigationList,
    ResilienceReport,
    ResilienceSummary,
    SiteDetail,
    SupplyGraph,
    WhatIfResult,
)
from chainatlas.services.resilience import DEFAULT_HORIZON, MAX_HORIZON, MIN_HORIZON
from chainatlas.services.resilience_analysis import (
    analysis_report,
    node_result,
    ranked_mitigations,
    resilience_analysis,
    resilience_summary,
    scenario_text,
)
from chainatlas.services.resilience_graph import supply_graph, what_if

router = APIRouter(prefix="/resilience", tags=["resilience"])
Year = Annotated[
    int | None, Query(ge=1800, le=2100, description="links active that year; default the links that have not ended")
]
ClusterId = Annotated[
    str | None,
    Query(max_length=100, description="the cluster whose members count as in the cluster; default the default cluster"),
]
Horizon = Annotated[
    float, Query(ge=MIN_HORIZON, le=MAX_HORIZON, description="time to survive is capped at this many days (1–3650)")
]


@router.get("/summary", response_model=ResilienceSummary, summary="Cluster-wide resilience figures (public aggregates)")
def summary(
    uow: UoW, user: CurrentUser, year: Year = None, horizon: Horizon = DEFAULT_HORIZON, cluster: ClusterId = None
) -> ResilienceSummary:
    """Return how many sites, single points of failure and exposed sites there are, the median time to survive,
    and how many sites and single points of failure are in the cluster; suppressed below 3 sites."""
    return resilience_summary(uow.session, user, year=year, horizon=horizon, cluster=cluster)


@router.get(
    "/analysis",
    response_model=ResilienceReport,
    summary="PI, REI, TTS, TTR, exposure and single point of failure of every site",
)
def analysis(
    uow: UoW,
    user: CurrentUser,
    year: Year = None,
    horizon: Horizon = DEFAULT_HORIZON,
    scenario: Annotated[list[str], Query(description="node:ID[,ID…], location:PREFIX or country:CC; repeatable")] = [],  # noqa: B006
    cluster: ClusterId = None,
) -> ResilienceReport:
    """Return `{"cluster": id, "nodes": [...], "scenarios": [...]}`, one entry per site (analysts and admins: it is
    built from the confidential supply links). Each node also carries its names, whether its figures are
    synthetic and whether it is in the cluster."""
    built, result = resilience_analysis(
        uow.session, user, year=year, horizon=horizon, scenarios=scenario, cluster=cluster
    )
    return analysis_report(built, result)


@router.get(
    "/nodes/{node_id}", response_model=SiteDetail, summary="One site: its result, figures, suppliers and customers"
)
def node(
    node_id: str,
    uow: UoW,
    user: CurrentUser,
    year: Year = None,
    horizon: Horizon = DEFAULT_HORIZON,
    cluster: ClusterId = None,
) -> SiteDetail:
    """Return one site's analysis row with its model figures, direct neighbours and whether it is in the cluster
    (analysts and admins)."""
    return node_result(uow.session, user, node_id=node_id, year=year, horizon=horizon, cluster=cluster)


@router.get(
    "/nodes/{node_id}/graph", response_model=SupplyGraph, summary="The supply graph around a site, failed sites marked"
)
def graph(
    node_id: str,
    uow: UoW,
    user: CurrentUser,
    year: Year = None,
    depth: Annotated[int, Query(ge=1, le=4, description="supply steps up and down from the site")] = 2,
    scenario: Annotated[str | None, Query(description="disrupt this scenario instead of the site alone")] = None,
    cluster: ClusterId = None,
) -> SupplyGraph:
    """Return the sites within `depth` steps (each in or out of the cluster), the links between them, and which
    fail (analysts and admins)."""
    return supply_graph(uow.session, user, node_id=node_id, year=year, scenario=scenario, depth=depth, cluster=cluster)


class WhatIfRequest(BaseModel):
    """A disruption: some firms, a location prefix (a park, a district) or a country; or the scenario syntax.
    Exactly one of them."""

    firms: list[str] = Field(default_factory=list, examples=[["E0001"]])
    location: str | None = Field(None, examples=["CN/湖南省/长沙市/长沙县"])
    country: str | None = Field(None, examples=["DE"])
    scenario: str | None = Field(
        None, description="node:ID[,ID…], location:PREFIX or country:CC (instead of the above)"
    )
    year: int | None = Field(
        None, ge=1800, le=2100, description="links active that year; default the links that have not ended"
    )
    horizon: float = Field(DEFAULT_HORIZON, ge=MIN_HORIZON, le=MAX_HORIZON)


@router.post("/what-if", response_model=WhatIfResult, summary="What a disruption stops and what it costs")
def what_if_route(
    body: Annotated[WhatIfRequest, Body()], uow: UoW, user: CurrentUser, cluster: ClusterId = None
) -> WhatIfResult:
    """Return the scenario's failed sites (and how many are in the cluster: the `?cluster=` query parameter, as on
    every resilience route), TTR, TTS and performance impact; nothing is written (analysts and admins).
    Give exactly one of `firms`, `location`, `country` (any case) and `scenario`."""
    text = scenario_text(firms=body.firms, location=body.location, country=body.country, scenario=body.scenario)
    return what_if(uow.session, user, scenario=text, year=body.year, horizon=body.horizon, cluster=cluster)


@router.get(
    "/mitigations", response_model=MitigationList, summary="Candidate fixes for the most exposed sites, ranked by ΔPI"
)
def mitigations(
    uow: UoW,
    user: CurrentUser,
    year: Year = None,
    horizon: Horizon = DEFAULT_HORIZON,
    top: Annotated[int, Query(ge=1, le=50, description="look for fixes for this many most exposed sites")] = 5,
    cluster: ClusterId = None,
) -> MitigationList:
    """Return candidate fixes for the `top` most exposed sites (exposure = TTR − TTS, ties by PI), best ΔPI
    first (analysts and admins)."""
    return ranked_mitigations(uow.session, user, year=year, horizon=horizon, top=top, cluster=cluster)
