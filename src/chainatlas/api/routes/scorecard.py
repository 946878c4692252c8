"""Monitoring — the targets scorecard (目标考核): every target's progress, required vs actual growth, projection and status."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from chainatlas.api.cluster_query import ClusterQuery
from chainatlas.api.deps import CurrentUser, Today, UoW
from chainatlas.domain.as_of import AsOfDate
from chainatlas.domain.monitoring_results import ScorecardReport
from chainatlas.services.scorecard import scorecard_report

router = APIRouter(tags=["monitoring: targets scorecard"])
AsOf = Annotated[
    AsOfDate | None,
    Query(
        description="judge as of this date (YYYY-MM-DD, 1800-01-01 to 2100-12-31); default today in the cluster's time zone",
        examples=["2025-12-31"],
    ),
]


@router.get(
    "/scorecard",
    response_model=ScorecardReport,
    summary="Targets scorecard: progress, required vs actual growth, projection, status",
)
def scorecard_route(
    uow: UoW, user: CurrentUser, today: Today, as_of: AsOf = None, cluster: ClusterQuery = None
) -> ScorecardReport:
    """Return one entry per target of the cluster: its scopes, its subtree's nodes, its members (rates as
    fractions; null rates carry a reason). Targets of single enterprises are listed only for users who may read
    the registry. Definitions: docs/monitoring.md."""
    return scorecard_report(uow.session, user, as_of=as_of or today, cluster=cluster)
