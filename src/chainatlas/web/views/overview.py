"""The overview page (headline figures, registry counts, one trend) and the language switch."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from sqlalchemy.orm import Session
from starlette.responses import RedirectResponse, Response

from chainatlas.domain.indicator import Indicator
from chainatlas.domain.user import User
from chainatlas.reports.charts import default_grain, grains, line_chart
from chainatlas.services.browse import headline_indicators, metric_series
from chainatlas.services.stats import cluster_stats
from chainatlas.web.deps import LANG_COOKIE, UoW, Viewer, safe_next
from chainatlas.web.errors import PageRoute
from chainatlas.web.i18n import LANGS
from chainatlas.web.render import render, translator

router = APIRouter(route_class=PageRoute, include_in_schema=False)
LANG_COOKIE_AGE = 365 * 24 * 3600


def _longest_series(
    session: Session, user: User | None, metrics: list[str], cluster: str | None
) -> tuple[str, list[Indicator]]:
    """Return the metric with the most observations (the first such in order) and its series."""
    best: tuple[str, list[Indicator]] = (metrics[0], [])
    for metric in metrics:
        series = metric_series(session, user, metric=metric, cluster=cluster)
        if len(series) > len(best[1]):
            best = (metric, series)
    return best


@dataclass(frozen=True)
class Trend:
    """The overview's trend: one metric of the cluster scope, at one grain, with the sources of its points."""

    metric: str
    grain: str | None
    grains: list[str]
    sources: list[str]
    chart: dict[str, Any] | None


@dataclass(frozen=True)
class Chosen:
    """What the reader chose on the overview: the cluster, the trend's metric and grain."""

    cluster: str | None
    metric: str | None
    grain: str | None


def _trend(request: Request, session: Session, user: User | None, metrics: list[str], chosen: Chosen) -> Trend | None:
    """Return the trend of the chosen metric (else of the longest series) at the chosen (else default) grain."""
    if not metrics:
        return None
    metric, grain, cluster = chosen.metric, chosen.grain, chosen.cluster
    if metric in metrics:
        series = metric_series(session, user, metric=metric, cluster=cluster)
    else:
        metric, series = _longest_series(session, user, metrics, cluster)
    available = grains(series)
    grain = grain if grain in available else default_grain(series)
    chart = line_chart(series, grain, translator(request)) if grain else None
    sources = sorted({i.source for i in series if chart is None or i.period in chart["x"]})
    return Trend(str(metric), grain, available, sources, chart)


@router.get("/")
def overview(
    request: Request,
    uow: UoW,
    user: Viewer,
    metric: Annotated[str | None, Query()] = None,
    grain: Annotated[str | None, Query()] = None,
    cluster: Annotated[str | None, Query()] = None,
) -> Response:
    """Show a cluster's latest figures with sources, the registry counts and one metric's trend."""
    headline = headline_indicators(uow.session, user, cluster)
    stats = cluster_stats(uow.session, user, cluster)
    metrics = [i.metric for i in headline]
    trend = _trend(request, uow.session, user, metrics, Chosen(cluster, metric, grain))
    context = {"headline": headline, "stats": stats, "trend": trend, "metrics": metrics, "cluster": cluster}
    return render(request, "overview.html", context, user=user)


@router.get("/lang/{code}")
def switch_language(code: str, next_page: Annotated[str | None, Query(alias="next")] = None) -> Response:
    """Remember the chosen language in a cookie and go back to the page."""
    response = RedirectResponse(safe_next(next_page), status_code=303)
    if code in LANGS:
        response.set_cookie(LANG_COOKIE, code, max_age=LANG_COOKIE_AGE, samesite="lax", httponly=True)
    return response
