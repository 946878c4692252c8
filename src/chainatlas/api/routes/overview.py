"""Public aggregates: registry statistics, headline indicators, the chain tree."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from chainatlas.api.cluster_query import ClusterQuery
from chainatlas.api.deps import CurrentUser, UoW
from chainatlas.domain.chain_results import ChainTree, OverviewStats
from chainatlas.services.browse import chain_tree, headline_indicators
from chainatlas.services.clusters import resolve_cluster
from chainatlas.services.stats import cluster_stats

router = APIRouter(tags=["overview"])


@router.get(
    "/stats", summary="Counts of the registry and headline figures of the cluster", response_model=OverviewStats
)
def stats(uow: UoW, user: CurrentUser, cluster: ClusterQuery = None) -> OverviewStats:
    """Return record counts per kind, the cluster's aggregates (its members), and its latest headline indicators
    (scope `cluster:<id>`, `cluster` for the default one) with sources."""
    counts = cluster_stats(uow.session, user, cluster)
    return OverviewStats(**dict(counts), headline=tuple(headline_indicators(uow.session, user, cluster)))


@router.get("/chain/tree", summary="The chain taxonomy with enterprise counts per node", response_model=ChainTree)
def tree(
    uow: UoW,
    user: CurrentUser,
    cluster: Annotated[
        str | None, Query(max_length=100, description="the cluster's id (its subtree and members); default the default")
    ] = None,
) -> ChainTree:
    """Return the cluster's part of the taxonomy as nested nodes; counts include enterprises making any node below,
    inside meaning a member of the cluster."""
    roots = tuple(chain_tree(uow.session, user, cluster=cluster))
    return ChainTree(cluster=resolve_cluster(uow.session, user, cluster).id, roots=roots)
