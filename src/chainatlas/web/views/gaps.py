"""Where to fill the chain: the gap ranking with its quadrant chart, and whom to attract for a node."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from chainatlas.reports import target_reasons as reasons
from chainatlas.reports.chain_display import panel_cells
from chainatlas.reports.chain_gaps import GAP_COLUMNS, gap_download_rows, gap_lines, gap_scatter
from chainatlas.reports.chain_targets import (
    FACTOR_COLOURS,
    FACTOR_WEIGHTS,
    target_columns,
    target_download_rows,
    target_lines,
)
from chainatlas.services.chain import chain_gaps, chain_metrics, chain_targets
from chainatlas.services.chain_pages import chain_nodes_by_code, enterprises_by_id, link_years
from chainatlas.web.cluster_links import cluster_context, cluster_link
from chainatlas.web.deps import UoW, Viewer
from chainatlas.web.downloads import table_download
from chainatlas.web.errors import PageRoute
from chainatlas.web.i18n import TAGS, Translator
from chainatlas.web.i18n_places import place
from chainatlas.web.render import render, translator
from chainatlas.web.views.chain import ClusterId, Year

router = APIRouter(route_class=PageRoute, include_in_schema=False)
Format = Annotated[Literal["csv", "xlsx"] | None, Query(alias="format")]
TARGETS = 20


def reason_text(factor: str, english: str, t: Translator) -> str:
    """Return a factor's reason in the page language (the analysis's own words when no pattern fits)."""
    return reasons.reason_text(
        factor, english, t, tag=lambda tag: t.pick(TAGS, tag), province=lambda name: place(name, t), unknown=t("none")
    )


@router.get("/chain/gaps")
def gap_page(
    request: Request, uow: UoW, user: Viewer, year: Year = None, fmt: Format = None, cluster: ClusterId = None
) -> Response:
    """Show (or download) a cluster's gap ranking of a year, with its quadrant chart (analysts and admins)."""
    report = chain_gaps(uow.session, user, year=year, cluster=cluster)
    t = translator(request)
    lines = gap_lines(report.gaps, chain_nodes_by_code(uow.session, user), t)
    if fmt is not None:
        headers = [t(key) for key in GAP_COLUMNS]
        return table_download(f"chain-gaps-{report.year}", headers, gap_download_rows(lines, t), fmt)
    context = {
        "lines": lines,
        "chart": gap_scatter(lines, t),
        "year": report.year,
        "years": link_years(uow.session, user),
        "not_drawn": sum(line.row.attractiveness <= 0 for line in lines),
        "download_href": cluster_link(cluster)("/chain/gaps", year=report.year),
        **cluster_context(cluster),
    }
    return render(request, "chain_gaps.html", context, user=user)


@router.get("/chain/nodes/{code}/targets")
def target_page(
    request: Request,
    code: str,
    uow: UoW,
    user: Viewer,
    year: Year = None,
    fmt: Format = None,
    cluster: ClusterId = None,
) -> Response:
    """Show (or download) a node's metrics in a cluster, its place in the gap ranking and the enterprises outside
    the cluster to attract."""
    session = uow.session
    targets = chain_targets(session, user, code=code, limit=TARGETS, cluster=cluster).targets
    t = translator(request)
    firms = enterprises_by_id(session, user, [r.firm_id for r in targets])
    lines = target_lines(targets, firms, t, lambda factor, english: reason_text(factor, english, t))
    if fmt is not None:
        return table_download(f"chain-targets-{code}", target_columns(t), target_download_rows(lines, t), fmt)
    nodes = chain_nodes_by_code(session, user)
    report = chain_gaps(session, user, year=year, cluster=cluster)
    gap = next((line for line in gap_lines(report.gaps, nodes, t) if line.row.code == code), None)
    row = chain_metrics(session, user, year=report.year, cluster=cluster).by_code()[code]
    context = {
        "node": nodes[code],
        "lines": lines,
        "gap": gap,
        "cells": panel_cells(row, t),
        "year": report.year,
        "factor_colours": FACTOR_COLOURS,
        "weights": FACTOR_WEIGHTS,
        "download_href": cluster_link(cluster)(f"/chain/nodes/{code}/targets"),
        **cluster_context(cluster),
    }
    return render(request, "chain_targets.html", context, user=user)
