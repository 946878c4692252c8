"""Public aggregates: registry statistics, headline indicators, the chain tree."""

from __future__ import annotations

from fastapi import APIRouter

from chainatlas.api.cluster_query import ClusterQuery
from chainatlas.api.deps import CurrentUser, UoW
from chainatlas.domain.chain_results import ChainTree, OverviewStats
from chainatlas.services.browse import chain_tree, headline_indicators
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
def tree(uow: UoW, user: CurrentUser, cluster: ClusterQuery = None) -> ChainTree:
    """Return the taxonomy as nested nodes; counts include enterprises making any node below, inside and outside
    the cluster."""
    return ChainTree(roots=tuple(chain_tree(uow.session, user, cluster)))
