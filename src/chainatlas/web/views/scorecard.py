"""Monitoring — the targets scorecard page: a card per target with its figures, chart and tables, as of a date."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from starlette.responses import RedirectResponse, Response

from chainatlas.domain.as_of import AsOfDate
from chainatlas.services.scorecard import scorecard
from chainatlas.web.deps import UoW, Viewer, today
from chainatlas.web.errors import PageRoute
from chainatlas.web.render import render, translator
from chainatlas.web.scorecard_display import card, status_counts

router = APIRouter(route_class=PageRoute, include_in_schema=False)


@router.get("/scorecard")
def scorecard_page(
    request: Request,
    uow: UoW,
    user: Viewer,
    as_of: Annotated[AsOfDate | None, Query()] = None,
    cluster: Annotated[str | None, Query()] = None,
) -> Response:
    """Show every target of a cluster as of a date; without a date, go to today's (so a cached page never
    outlives its day), keeping the cluster."""
    if as_of is None:
        query = urlencode({"as_of": today(request).isoformat(), **({"cluster": cluster} if cluster else {})})
        return RedirectResponse(f"/scorecard?{query}", status_code=303)
    t = translator(request)
    cards = [card(score, t) for score in scorecard(uow.session, user, as_of=as_of, cluster=cluster)]
    context = {
        "cards": cards,
        "cluster": cluster,
        "as_of": as_of.isoformat(),
        "counts": status_counts(cards),
        "any_synthetic": any(c.score.synthetic for c in cards),
    }
    return render(request, "scorecard.html", context, user=user)
