"""Public aggregates: registry statistics, headline indicators, the chain tree."""

from __future__ import annotations

from fastapi import APIRouter

from chainatlas.api.deps import CurrentUser, UoW
from chainatlas.domain.chain_results import ChainTree, OverviewStats
from chainatlas.services.browse import chain_tree, headline_indicators
from chainatlas.services.stats import cluster_stats

router = APIRouter(tags=["overview"])


@router.get(
    "/stats", summary="Counts of the registry and headline figures of the cluster", response_model=OverviewStats
)
def stats(uow: UoW, user: CurrentUser) -> OverviewStats:
    """Return record counts per kind, cluster aggregates, and the latest headline indicators with sources."""
    counts = cluster_stats(uow.session, user)
    return OverviewStats(**dict(counts), headline=tuple(headline_indicators(uow.session, user)))


@router.get("/chain/tree", summary="The chain taxonomy with enterprise counts per node", response_model=ChainTree)
def tree(uow: UoW, user: CurrentUser) -> ChainTree:
    """Return the taxonomy as nested nodes; counts include enterprises making any node below."""
    return ChainTree(roots=tuple(chain_tree(uow.session, user)))
