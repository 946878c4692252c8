"""Monitoring — key projects (重点项目): the portfolio's status and one project's status, as of a date."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import ValidationError

from chainatlas.api.cluster_query import ClusterQuery
from chainatlas.api.deps import CurrentUser, Today, UoW
from chainatlas.domain.alert import ProjectRules
from chainatlas.domain.as_of import AsOfDate
from chainatlas.domain.monitoring_results import PortfolioReport, ProjectStatusRow
from chainatlas.services.alerts import threshold_problems
from chainatlas.services.errors import InvalidInput
from chainatlas.services.projects import portfolio_report, project_report

router = APIRouter(prefix="/projects", tags=["monitoring: key projects"])
AsOf = Annotated[
    AsOfDate | None,
    Query(
        description="the date the status is for (YYYY-MM-DD, 1800-01-01 to 2100-12-31); default today in the cluster's time zone"
    ),
]


def project_rules(
    slipping_after_days: Annotated[int, Query(ge=0, le=3650, description="slip beyond this many days: slipping")] = 14,
    late_after_days: Annotated[int, Query(ge=0, le=3650, description="slip beyond this many days: late")] = 90,
    ramp_months: Annotated[int, Query(ge=1, le=120, description="months from planned finish to full capacity")] = 12,
) -> ProjectRules:
    """Return the status rules from the query (422 naming both when `slipping_after_days` > `late_after_days`)."""
    try:
        return ProjectRules(
            slipping_after_days=slipping_after_days, late_after_days=late_after_days, ramp_months=ramp_months
        )
    except ValidationError as error:
        raise InvalidInput(threshold_problems(error)) from error


Rules = Annotated[ProjectRules, Depends(project_rules)]


@router.get(
    "/status",
    response_model=PortfolioReport,
    summary="Portfolio: every key project's status (investment completion, 达产率, slip, status)",
)
def portfolio(
    uow: UoW, user: CurrentUser, rules: Rules, today: Today, as_of: AsOf = None, cluster: ClusterQuery = None
) -> PortfolioReport:
    """Return the counts by status and one entry per project of the cluster (owned by a member; projects without
    an owner belong to the default cluster) with its milestones."""
    return portfolio_report(uow.session, user, as_of=as_of or today, rules=rules, cluster=cluster)


@router.get("/{project_id}/status", response_model=ProjectStatusRow, summary="One key project's status as of a date")
def status(
    project_id: str, uow: UoW, user: CurrentUser, rules: Rules, today: Today, as_of: AsOf = None
) -> ProjectStatusRow:
    """Return the project's investment completion, capacity reached, slip in days, status and milestones."""
    return project_report(uow.session, user, project_id=project_id, as_of=as_of or today, rules=rules)
