"""Chain analytics: metrics per node, the gap ranking, whom to attract, what-if scenarios."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query
from pydantic import BaseModel, Field

from chainatlas.api.deps import CurrentUser, UoW, Writer, write_context
from chainatlas.domain.chain_results import (
    AttractionTargets,
    ChainGapReport,
    ChainMetricsReport,
    SavedScenarios,
    ScenarioResult,
)
from chainatlas.services.chain import chain_gaps, chain_metrics, chain_targets, saved_scenarios, what_if
from chainatlas.services.context import Via

router = APIRouter(prefix="/chain", tags=["chain analytics"])
Year = Annotated[
    int | None, Query(ge=1800, le=2100, description="links active that year; default the latest year they mention")
]
ClusterId = Annotated[
    str | None, Query(max_length=100, description="the cluster's id (see /clusters); default the default cluster")
]


@router.get(
    "/metrics",
    summary="Metrics of every chain node (本地配套率, HHI, foreign share, …)",
    response_model=ChainMetricsReport,
)
def metrics(
    uow: UoW,
    user: CurrentUser,
    year: Year = None,
    min_makers: Annotated[
        int, Query(ge=1, le=10_000, description="a node is `covered` with at least this many in-cluster makers")
    ] = 1,
    cluster: ClusterId = None,
) -> ChainMetricsReport:
    """Return one entry per node of the cluster's subtree; aggregates over fewer than 3 suppliers are suppressed
    for users without link rights."""
    return chain_metrics(uow.session, user, year=year, min_makers=min_makers, cluster=cluster)


@router.get(
    "/gaps", summary="Gap ranking: gap × feasibility × strategic value, with reasons", response_model=ChainGapReport
)
def gaps(
    uow: UoW,
    user: CurrentUser,
    year: Year = None,
    limit: Annotated[int | None, Query(ge=1, le=10_000)] = None,
    cluster: ClusterId = None,
) -> ChainGapReport:
    """Return the nodes the cluster buys, ranked by score, with quadrant and reasons (analysts and admins)."""
    report = chain_gaps(uow.session, user, year=year, cluster=cluster)
    return report.model_copy(update={"gaps": report.gaps[:limit]})


@router.get(
    "/targets/{code}",
    summary="Enterprises outside the cluster worth attracting for a node",
    response_model=AttractionTargets,
)
def targets(
    code: str,
    uow: UoW,
    user: CurrentUser,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
    cluster: ClusterId = None,
) -> AttractionTargets:
    """Return the candidates outside the cluster, best first, with a score, factors and one reason per factor."""
    return chain_targets(uow.session, user, code=code, limit=limit, cluster=cluster)


class ScenarioRequest(BaseModel):
    """A what-if: the changes to try, the year, and a name to save it under (optional)."""

    changes: list[dict[str, Any]] = Field(
        description='each {"action": "attract", "firm": id, "district"?: name} or {"action": "add_supplier", "firm": id, '
        '"node": code, "customer": id, "value"?: yuan ≥ 0}; errors name the change as changes[i] (0-based)',
        examples=[
            [
                {"action": "attract", "firm": "E0081", "district": "长沙县"},
                {
                    "action": "add_supplier",
                    "firm": "E0081",
                    "node": "U.HYD.VALVE.MAIN",
                    "customer": "E0001",
                    "value": 5e7,
                },
            ]
        ],
    )
    year: int | None = Field(None, ge=1800, le=2100, description="links active that year; default the latest")
    save_as: str | None = None


@router.post(
    "/scenarios",
    summary="Recompute every metric with changes; save the scenario only when named",
    response_model=ScenarioResult,
    response_model_exclude_unset=True,
)
def scenario(
    body: Annotated[ScenarioRequest, Body()], uow: UoW, user: Writer, cluster: ClusterId = None
) -> ScenarioResult:
    """Return the before/after of every changed metric of the cluster (the `?cluster=` query parameter, as on
    every chain route; the body holds only the changes); nothing is written unless `save_as` is given."""
    result = what_if(
        uow.session,
        user,
        write_context(user, Via.API),
        changes=body.changes,
        year=body.year,
        save_as=body.save_as,
        cluster=cluster,
    )
    if body.save_as:
        uow.commit()
    return result


@router.get(
    "/scenarios", summary="Saved what-if scenarios", response_model=SavedScenarios, response_model_exclude_unset=True
)
def scenarios(uow: UoW, user: CurrentUser) -> SavedScenarios:
    """Return the saved scenarios, newest first (each change with the keys it was given)."""
    return SavedScenarios(scenarios=tuple(saved_scenarios(uow.session, user)))
