"""Clusters (产业集群): the clusters a user may see with their member counts, and all of them side by side.

`GET /clusters` itself is the registry's generic listing of the `clusters` kind (records, filters, pages); these
routes come before it, so a cluster whose id is `visible` or `compare` is read at `/clusters?id=…`.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from chainatlas.api.deps import CurrentUser, Today, UoW
from chainatlas.domain.as_of import AsOfDate
from chainatlas.domain.cluster_results import ClusterComparison, ClusterList
from chainatlas.services.cluster_compare import cluster_list, compare_clusters

router = APIRouter(prefix="/clusters", tags=["clusters"])


@router.get("/visible", summary="The clusters you may see, with member counts", response_model=ClusterList)
def visible(uow: UoW, user: CurrentUser) -> ClusterList:
    """Return the clusters the user may choose (a user scoped to clusters: only theirs), the default first."""
    return cluster_list(uow.session, user)


@router.get(
    "/compare",
    summary="Clusters side by side: scale, 本地配套率, key-technology foreign share, SPOFs, targets",
    response_model=ClusterComparison,
)
def compare(
    uow: UoW,
    user: CurrentUser,
    today: Today,
    as_of: Annotated[
        AsOfDate | None, Query(description="judge targets as of this date; default today in the cluster's time zone")
    ] = None,
    year: Annotated[
        int | None, Query(ge=1800, le=2100, description="links active that year; default each cluster's latest")
    ] = None,
    cluster: Annotated[
        list[str] | None, Query(max_length=64, description="compare only these clusters (repeatable); default all")
    ] = None,
) -> ClusterComparison:
    """Return one entry per cluster; link-based figures over fewer than 3 suppliers are suppressed for users
    without link rights. An unknown cluster is 404, one outside the user's scope 403."""
    return compare_clusters(uow.session, user, as_of=as_of or today, year=year, only=cluster or ())
