"""Where to fill the chain: the gap ranking with its quadrant chart, and whom to attract for a node."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from chainatlas.analytics.targets import WEIGHTS
from chainatlas.services.chain import chain_targets
from chainatlas.services.chain_pages import (
    cached_gaps,
    cached_metrics,
    chain_nodes_by_code,
    enterprises_by_id,
    link_years,
)
from chainatlas.web.chain_display import panel_cells
from chainatlas.web.chain_gaps import GAP_COLUMNS, gap_download_rows, gap_lines, gap_scatter
from chainatlas.web.chain_targets import FACTOR_COLOURS, target_columns, target_download_rows, target_lines
from chainatlas.web.deps import UoW, Viewer
from chainatlas.web.downloads import table_download
from chainatlas.web.errors import PageRoute
from chainatlas.web.render import render, translator
from chainatlas.web.views.chain import Year

router = APIRouter(route_class=PageRoute, include_in_schema=False)
Format = Annotated[Literal["csv", "xlsx"] | None, Query(alias="format")]
TARGETS = 20


@router.get("/chain/gaps")
def gap_page(request: Request, uow: UoW, user: Viewer, year: Year = None, fmt: Format = None) -> Response:
    """Show (or download) the gap ranking of a year, with its quadrant chart (analysts and admins)."""
    resolved, rows = cached_gaps(uow.session, user, year=year)
    t = translator(request)
    lines = gap_lines(rows, chain_nodes_by_code(uow.session, user), t)
    if fmt is not None:
        headers = [t(key) for key in GAP_COLUMNS]
        return table_download(f"chain-gaps-{resolved}", headers, gap_download_rows(lines, t), fmt)
    context = {
        "lines": lines,
        "chart": gap_scatter(lines, t),
        "year": resolved,
        "years": link_years(uow.session, user),
        "not_drawn": sum(line.row.attractiveness <= 0 for line in lines),
        "download_href": "/chain/gaps" + (f"?year={resolved}" if resolved is not None else ""),
    }
    return render(request, "chain_gaps.html", context, user=user)


@router.get("/chain/nodes/{code}/targets")
def target_page(request: Request, code: str, uow: UoW, user: Viewer, year: Year = None, fmt: Format = None) -> Response:
    """Show (or download) a node's metrics, its place in the gap ranking and the enterprises to attract."""
    session = uow.session
    targets = chain_targets(session, user, code=code, limit=TARGETS)
    t = translator(request)
    lines = target_lines(targets, enterprises_by_id(session, user, [r.firm_id for r in targets]), t)
    if fmt is not None:
        return table_download(f"chain-targets-{code}", target_columns(t), target_download_rows(lines, t), fmt)
    nodes = chain_nodes_by_code(session, user)
    resolved, rows = cached_gaps(session, user, year=year)
    gap = next((line for line in gap_lines(rows, nodes, t) if line.row.code == code), None)
    metrics = cached_metrics(session, user, year=resolved)
    row = next(r for r in metrics["nodes"] if r["code"] == code)
    context = {
        "node": nodes[code],
        "lines": lines,
        "gap": gap,
        "cells": panel_cells(row, t),
        "year": resolved,
        "factor_colours": FACTOR_COLOURS,
        "weights": WEIGHTS,
        "download_href": f"/chain/nodes/{code}/targets",
    }
    return render(request, "chain_targets.html", context, user=user)
