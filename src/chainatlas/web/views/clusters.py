"""Clusters compared: the clusters a user may see, their figures side by side and as a bar chart."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from chainatlas.domain.as_of import AsOfDate
from chainatlas.reports.cluster_charts import comparison_bars
from chainatlas.services.cluster_compare import compare_clusters
from chainatlas.services.clusters import resolve_cluster
from chainatlas.web.deps import UoW, Viewer, today
from chainatlas.web.errors import PageRoute
from chainatlas.web.render import render, translator

router = APIRouter(route_class=PageRoute, include_in_schema=False)


@router.get("/clusters")
def clusters_page(
    request: Request,
    uow: UoW,
    user: Viewer,
    as_of: Annotated[AsOfDate | None, Query()] = None,
    year: Annotated[int | None, Query(ge=1800, le=2100)] = None,
    cluster: Annotated[str | None, Query(max_length=64)] = None,
) -> Response:
    """Show every cluster the user may see side by side, targets judged as of a date (default today); the
    picker's cluster (checked: unknown 404, outside the user's scope 403) is marked in the tables."""
    day = as_of or today(request)
    chosen = None if cluster is None else resolve_cluster(uow.session, user, cluster).id
    comparison = compare_clusters(uow.session, user, as_of=day, year=year)
    context = {
        "comparison": comparison,
        "chart": comparison_bars(comparison, translator(request)),
        "as_of": day.isoformat(),
        "chosen": chosen,
        "any_suppressed": any(
            row.suppressed or row.key_technology_foreign_share is None for row in comparison.clusters
        ),
    }
    return render(request, "clusters.html", context, user=user)
