"""Public aggregates: registry statistics, headline indicators, the chain tree."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from chainatlas.api.deps import CurrentUser, UoW
from chainatlas.domain.registry_results import TreeNode
from chainatlas.services.browse import chain_tree, headline_indicators
from chainatlas.services.stats import cluster_stats

router = APIRouter(tags=["overview"])


@router.get("/stats", summary="Counts of the registry and headline figures of the cluster")
def stats(uow: UoW, user: CurrentUser) -> dict[str, Any]:
    """Return record counts per kind, cluster aggregates, and the latest headline indicators with sources."""
    headline = [i.model_dump(mode="json") for i in headline_indicators(uow.session, user)]
    return {**cluster_stats(uow.session, user), "headline": headline}


def tree_json(node: TreeNode) -> dict[str, Any]:
    """Return a chain tree node as API JSON."""
    return {
        **node.node.model_dump(mode="json"),
        "enterprises_in_cluster": node.inside,
        "enterprises_outside": node.outside,
        "local_share": node.local_share,
        "children": [tree_json(child) for child in node.children],
    }


@router.get("/chain/tree", summary="The chain taxonomy with enterprise counts per node")
def tree(uow: UoW, user: CurrentUser) -> dict[str, Any]:
    """Return the taxonomy as nested nodes; counts include enterprises making any node below."""
    return {"roots": [tree_json(root) for root in chain_tree(uow.session, user)]}
