"""The chain map: the taxonomy as an interactive tree coloured by a chosen measure for a chosen year,
and a node's panel with its metrics and enterprises."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from chainatlas.domain.access import REGISTRY, Action, allowed
from chainatlas.domain.chain_results import ChainTreeNode
from chainatlas.reports.chain_charts import by_segment, tree_chart
from chainatlas.reports.chain_display import COLOUR_MODES, mode_colour, mode_value, panel_cells, shader
from chainatlas.services.browse import chain_tree, list_records
from chainatlas.services.chain import chain_metrics
from chainatlas.services.chain_pages import link_years
from chainatlas.services.errors import NotFound
from chainatlas.web.cluster_links import cluster_context
from chainatlas.web.deps import UoW, Viewer
from chainatlas.web.errors import PageRoute
from chainatlas.web.formatting import is_synthetic
from chainatlas.web.render import render, translator

router = APIRouter(route_class=PageRoute, include_in_schema=False)
PANEL_ENTERPRISES = 30
Year = Annotated[int | None, Query(ge=1800, le=2100)]
Colour = Annotated[str, Query(max_length=20)]
ClusterId = Annotated[str | None, Query(max_length=100)]


def walk(forest: Sequence[ChainTreeNode]) -> Iterator[ChainTreeNode]:
    """Yield every node of a forest, depth first."""
    for tree in forest:
        yield tree
        yield from walk(tree.children)


@router.get("/chain")
def chain_map(
    request: Request,
    uow: UoW,
    user: Viewer,
    year: Year = None,
    colour: Colour = "makers",
    cluster: ClusterId = None,
) -> Response:
    """Show a cluster's part of the taxonomy as a tree chart and as a nested list, coloured by a measure of one
    year's links."""
    t = translator(request)
    mode = colour if colour in COLOUR_MODES else "makers"
    forest = by_segment(chain_tree(uow.session, user, cluster=cluster))
    metrics = chain_metrics(uow.session, user, year=year, cluster=cluster)
    shade = shader(mode, metrics.by_code(), t)
    context = {
        "forest": forest,
        "chart": tree_chart(forest, t, shade, t(f"colour.{mode}")),
        "shade": shade,
        "mode": mode,
        "modes": COLOUR_MODES,
        "year": metrics.year,
        "years": link_years(uow.session, user),
        "any_suppressed": any(row.suppressed for row in metrics.nodes),
        "all_synthetic": all(is_synthetic(tree.source) for tree in walk(forest)),
        **cluster_context(cluster),
    }
    return render(request, "chain.html", context, user=user)


@router.get("/chain/nodes/{code}")
def chain_node_panel(
    request: Request,
    code: str,
    uow: UoW,
    user: Viewer,
    year: Year = None,
    colour: Colour = "makers",
    cluster: ClusterId = None,
) -> Response:
    """Return the side panel of one node of a cluster: its metrics, counts and, for a signed-in reader, its makers
    (the cluster's members first)."""
    node = next((tree for tree in walk(chain_tree(uow.session, user, cluster=cluster)) if tree.code == code), None)
    if node is None:
        raise NotFound(code="chain.node_not_found", params={"code": code})
    metrics = chain_metrics(uow.session, user, year=year, cluster=cluster)
    page = None
    if allowed(user, Action.READ, REGISTRY):
        page = list_records(
            uow.session,
            user,
            kind="enterprises",
            filters={"node": code},
            sort="-in_cluster",
            limit=PANEL_ENTERPRISES,
            cluster=metrics.cluster,
        )
    row = metrics.by_code()[code]
    mode = colour if colour in COLOUR_MODES else "makers"
    context = {
        "tree": node,
        "page": page,
        "colour": mode_colour(mode, mode_value(mode, node, row)),
        "year": metrics.year,
        "cells": panel_cells(row, translator(request)),
        "suppressed": row.suppressed,
        "can_analyse": allowed(user, Action.ANALYSE, REGISTRY),
        **cluster_context(cluster),
    }
    return render(request, "chain_panel.html", context, user=user)
