"""Chain analytics: metrics per node, the gap ranking, whom to attract, what-if scenarios."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Body, Query
from pydantic import BaseModel, Field

from chainatlas.api.deps import CurrentUser, UoW, Writer, write_context
from chainatlas.services.chain import chain_gaps, chain_metrics, chain_targets, saved_scenarios, what_if
from chainatlas.services.context import Via

router = APIRouter(prefix="/chain", tags=["chain analytics"])
Year = Annotated[
    int | None, Query(ge=1800, le=2100, description="links active that year; default the latest year they mention")
]


@router.get("/metrics", summary="Metrics of every chain node (本地配套率, HHI, foreign share, …)")
def metrics(
    uow: UoW,
    user: CurrentUser,
    year: Year = None,
    min_makers: Annotated[
        int, Query(ge=1, le=10_000, description="a node is `covered` with at least this many in-cluster makers")
    ] = 1,
) -> dict[str, Any]:
    """Return one entry per node; aggregates over fewer than 3 suppliers are suppressed for users without link rights."""
    return chain_metrics(uow.session, user, year=year, min_makers=min_makers)


@router.get("/gaps", summary="Gap ranking: gap × feasibility × strategic value, with reasons")
def gaps(
    uow: UoW, user: CurrentUser, year: Year = None, limit: Annotated[int | None, Query(ge=1, le=10_000)] = None
) -> dict[str, Any]:
    """Return the nodes the cluster buys, ranked by score, with quadrant and reasons (analysts and admins)."""
    resolved, rows = chain_gaps(uow.session, user, year=year)
    return {"year": resolved, "total": len(rows), "gaps": [asdict(r) for r in rows[:limit]]}


@router.get("/targets/{code}", summary="Enterprises outside the cluster worth attracting for a node")
def targets(code: str, uow: UoW, user: CurrentUser, limit: Annotated[int, Query(ge=1, le=200)] = 20) -> dict[str, Any]:
    """Return the candidates, best first, with a score, factors and one reason per factor."""
    return {"node": code, "targets": [asdict(t) for t in chain_targets(uow.session, user, code=code, limit=limit)]}


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


@router.post("/scenarios", summary="Recompute every metric with changes; save the scenario only when named")
def scenario(body: Annotated[ScenarioRequest, Body()], uow: UoW, user: Writer) -> dict[str, Any]:
    """Return the before/after of every changed metric; nothing is written unless `save_as` is given."""
    result = what_if(
        uow.session, user, write_context(user, Via.API), changes=body.changes, year=body.year, save_as=body.save_as
    )
    if body.save_as:
        uow.commit()
    return result


@router.get("/scenarios", summary="Saved what-if scenarios")
def scenarios(uow: UoW, user: CurrentUser) -> dict[str, Any]:
    """Return the saved scenarios, newest first."""
    return {"scenarios": saved_scenarios(uow.session, user)}
