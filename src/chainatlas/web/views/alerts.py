"""The alerts page: list by state and rule, evaluate the rules as of a date, acknowledge an alert."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from starlette.responses import RedirectResponse, Response

from chainatlas.domain.access import REGISTRY, Action, allowed
from chainatlas.domain.alert import AlertRule, AlertState, AlertThresholds
from chainatlas.domain.as_of import AsOfDate
from chainatlas.services.alerts import acknowledge_alert, alert_counts, evaluate_alerts, list_alerts
from chainatlas.services.errors import Conflict
from chainatlas.web.deps import UoW, Viewer, safe_next, user_allowed, write_context
from chainatlas.web.errors import PageRoute
from chainatlas.web.project_charts import alert_text
from chainatlas.web.render import render, translator
from chainatlas.web.views.projects import today

router = APIRouter(route_class=PageRoute, include_in_schema=False)
STATES = ("live", *(s.value for s in AlertState), "all")
Choice = Annotated[str, Query(max_length=40)]


@router.get("/alerts")
def alerts_page(
    request: Request, uow: UoW, user: Viewer, state: Choice = "live", rule: Choice = "",
    raised: Annotated[int | None, Query(ge=0)] = None, reopened: Annotated[int | None, Query(ge=0)] = None,
    refreshed: Annotated[int | None, Query(ge=0)] = None, cleared: Annotated[int | None, Query(ge=0)] = None,
    evaluated: Annotated[AsOfDate | None, Query()] = None,
) -> Response:  # fmt: skip
    """Show the stored alerts, most urgent first, with the evaluate form and acknowledge buttons for analysts."""
    reader = user_allowed(user, Action.READ)
    t = translator(request)
    found = list_alerts(uow.session, reader, state=state, rule=rule or None)
    summary = None
    if evaluated is not None:
        summary = {"as_of": evaluated, "raised": raised or 0, "reopened": reopened or 0, "refreshed": refreshed or 0,
                   "cleared": cleared or 0}  # fmt: skip
    context = {
        "alerts": [(a, alert_text(a, t)) for a in found], "state": state, "rule": rule,
        "states": STATES, "rules": [r.value for r in AlertRule], "counts": alert_counts(uow.session, reader),
        "can_write": allowed(reader, Action.WRITE, REGISTRY), "today": today(), "summary": summary,
        "limits": AlertThresholds(),
    }  # fmt: skip
    return render(request, "alerts.html", context, user=user)


@router.post("/alerts/evaluate")
def alerts_evaluate(uow: UoW, user: Viewer, as_of: Annotated[AsOfDate, Form()]) -> Response:
    """Run the rules as of the posted date, then show the alerts with what the evaluation did."""
    writer = user_allowed(user, Action.WRITE)
    done = evaluate_alerts(uow.session, writer, write_context(writer), as_of=as_of)
    uow.commit()
    query = urlencode({"evaluated": as_of.isoformat(), "raised": len(done.raised), "reopened": len(done.reopened),
                       "refreshed": len(done.refreshed), "cleared": len(done.cleared)})  # fmt: skip
    return RedirectResponse(f"/alerts?{query}", status_code=303)


@router.post("/alerts/{alert_id}/acknowledge")
def alerts_acknowledge(
    alert_id: int, uow: UoW, user: Viewer, next_page: Annotated[str | None, Form(alias="next")] = None
) -> Response:
    """Acknowledge an open alert as the signed-in user, then go back."""
    writer = user_allowed(user, Action.WRITE)
    try:
        acknowledge_alert(uow.session, writer, write_context(writer), alert_id=alert_id)
        uow.commit()
    except Conflict:  # acknowledged meanwhile (a second click, another tab): the page shows by whom
        uow.rollback()
    return RedirectResponse(safe_next(next_page, "/alerts"), status_code=303)
