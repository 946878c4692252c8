"""The chain map: the taxonomy as an interactive tree coloured by local share, and a node's enterprises."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from fastapi import APIRouter, Request
from starlette.responses import Response

from chainatlas.domain.access import REGISTRY, Action, allowed
from chainatlas.services.browse import TreeNode, chain_tree, list_records
from chainatlas.services.errors import NotFound
from chainatlas.web.charts import by_segment, share_colour, tree_chart
from chainatlas.web.deps import UoW, Viewer
from chainatlas.web.errors import PageRoute
from chainatlas.web.formatting import is_synthetic
from chainatlas.web.render import render, translator

router = APIRouter(route_class=PageRoute, include_in_schema=False)
PANEL_ENTERPRISES = 30


def walk(forest: Sequence[TreeNode]) -> Iterator[TreeNode]:
    """Yield every node of a forest, depth first."""
    for tree in forest:
        yield tree
        yield from walk(tree.children)


@router.get("/chain")
def chain_map(request: Request, uow: UoW, user: Viewer) -> Response:
    """Show the taxonomy as a tree chart and as a nested list, with per-node enterprise counts."""
    forest = by_segment(chain_tree(uow.session, user))
    all_synthetic = all(is_synthetic(tree.node.source) for tree in walk(forest))
    context = {"forest": forest, "chart": tree_chart(forest, translator(request)), "colour": share_colour,
               "all_synthetic": all_synthetic}  # fmt: skip
    return render(request, "chain.html", context, user=user)


@router.get("/chain/nodes/{code}")
def chain_node_panel(request: Request, code: str, uow: UoW, user: Viewer) -> Response:
    """Return the side panel of one node: its counts and, for a signed-in reader, the enterprises making it."""
    node = next((tree for tree in walk(chain_tree(uow.session, user)) if tree.node.code == code), None)
    if node is None:
        raise NotFound(f"no chain node {code}")
    page = None
    if allowed(user, Action.READ, REGISTRY):
        page = list_records(uow.session, user, kind="enterprises", filters={"node": code}, sort="-in_cluster", limit=PANEL_ENTERPRISES)  # fmt: skip
    context = {"tree": node, "page": page, "colour": share_colour(node.local_share)}
    return render(request, "chain_panel.html", context, user=user)
