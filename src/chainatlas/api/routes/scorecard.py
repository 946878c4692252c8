"""The targets scorecard (目标考核): every target's progress, required vs actual growth, projection and status."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from chainatlas.analytics.scorecard import WINDOW_YEARS
from chainatlas.analytics.trend import INTERVAL_LEVEL
from chainatlas.api.deps import CurrentUser, Today, UoW
from chainatlas.domain.as_of import AsOfDate
from chainatlas.services.scorecard import scorecard

router = APIRouter(tags=["monitoring"])
AsOf = Annotated[
    AsOfDate | None,
    Query(
        description="judge as of this date (YYYY-MM-DD, 1800-01-01 to 2100-12-31); default today in the cluster's time zone",
        examples=["2025-12-31"],
    ),
]


@router.get("/scorecard", summary="Targets scorecard: progress, required vs actual growth, projection, status")
def scorecard_route(uow: UoW, user: CurrentUser, today: Today, as_of: AsOf = None) -> dict[str, Any]:
    """Return one entry per target (rates as fractions; null rates carry a reason). Targets of single
    enterprises are listed only for users who may read the registry. Definitions: docs/monitoring.md."""
    day = as_of or today
    scores = scorecard(uow.session, user, as_of=day)
    return {
        "as_of": day.isoformat(),
        "window_years": WINDOW_YEARS,
        "interval_level": INTERVAL_LEVEL,
        "targets": [score.as_json() for score in scores],
    }
