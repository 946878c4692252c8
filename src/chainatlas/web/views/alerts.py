"""Monitoring — the alerts page: list by state and rule, evaluate the rules as of a date, acknowledge an alert."""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from fastapi import APIRouter, Form, Path, Query, Request
from starlette.responses import RedirectResponse, Response

from chainatlas.domain.access import REGISTRY, Action, allowed
from chainatlas.domain.alert import AlertRule, AlertState, AlertThresholds, day_text
from chainatlas.domain.as_of import AsOfDate
from chainatlas.domain.common import MAX_DB_INT
from chainatlas.domain.user import User
from chainatlas.reports.alert_links import alert_link
from chainatlas.reports.project_charts import alert_text
from chainatlas.services.alert_schedule import schedule_status
from chainatlas.services.alerts import (
    acknowledge_alert,
    alert_counts,
    evaluate_alerts,
    get_alert,
    latest_evaluation,
    list_alerts,
)
from chainatlas.services.context import Via
from chainatlas.services.errors import Conflict
from chainatlas.web.deps import UoW, Viewer, safe_next, today, user_allowed, write_context
from chainatlas.web.errors import PageRoute
from chainatlas.web.i18n import METRICS
from chainatlas.web.render import render, translator

router = APIRouter(route_class=PageRoute, include_in_schema=False)
STATES = ("live", *(s.value for s in AlertState), "all")
Choice = Annotated[str, Query(max_length=40)]


@router.get("/alerts")
def alerts_page(
    request: Request,
    uow: UoW,
    user: Viewer,
    state: Choice = "live",
    rule: Choice = "",
    already: Annotated[int | None, Query(ge=0, le=MAX_DB_INT)] = None,
) -> Response:
    """Show the stored alerts, most urgent first, the latest evaluation (from the history, never from the query)
    and, for analysts, the evaluate form and acknowledge buttons."""
    reader = user_allowed(user, Action.READ)
    t = translator(request)
    found = list_alerts(uow.session, reader, state=state, rule=rule or None)
    refused = get_alert(uow.session, reader, already) if already is not None else None
    context = {
        "alerts": [(a, alert_text(a, t, METRICS), alert_link(a)) for a in found],
        "state": state,
        "rule": rule,
        "states": STATES,
        "rules": [r.value for r in AlertRule],
        "counts": alert_counts(uow.session, reader),
        "can_write": allowed(reader, Action.WRITE, REGISTRY),
        "today": today(request),
        "summary": latest_evaluation(uow.session, reader),
        "limits": AlertThresholds(),
        "refused": refused if refused is not None and refused.state is not AlertState.OPEN else None,
        "schedule": _schedule_lines(request, uow, reader),
    }
    return render(request, "alerts.html", context, user=user)


def when(instant: dt.datetime, zone: dt.tzinfo, lang: str) -> str:
    """Return an instant as the cluster's date and time, the reader's way (the date as `day_text` writes it)."""
    local = instant.astimezone(zone)
    return f"{day_text(local.date().isoformat(), lang)} {local:%H:%M}"


def _schedule_lines(request: Request, uow: UoW, reader: User | None) -> list[str]:
    """Return what the page says of the schedule: its time, the last run, the next one due (or that it is off)."""
    t, clock = translator(request), request.app.state.clock
    at = request.app.state.settings.alerts_at
    if at is None:
        return [t("alerts.schedule_off")]
    status = schedule_status(uow.session, reader, now=clock.now(), zone=clock.zone, at=at)
    lines = [t("alerts.schedule", at=f"{at:%H:%M}", zone=str(clock.zone))]
    if status.last_run_at is None or status.last_as_of is None:
        lines.append(t("alerts.schedule_never"))
    else:
        as_of = day_text(status.last_as_of.isoformat(), t.lang)
        lines.append(t("alerts.schedule_last", at=when(status.last_run_at, clock.zone, t.lang), as_of=as_of))
    due = status.next_due
    if due is None or due <= clock.now():
        lines.append(t("alerts.schedule_now"))
    else:
        lines.append(t("alerts.schedule_next", at=when(due, clock.zone, t.lang)))
    return [*lines, t("alerts.schedule_after_import")]


@router.post("/alerts/evaluate")
def alerts_evaluate(uow: UoW, user: Viewer, as_of: Annotated[AsOfDate, Form()]) -> Response:
    """Run the rules as of the posted date, then show the alerts; the page reads what it did from the history."""
    writer = user_allowed(user, Action.WRITE)
    evaluate_alerts(uow.session, writer, write_context(writer, Via.WEB), as_of=as_of)
    uow.commit()
    return RedirectResponse("/alerts", status_code=303)


def _with_already(target: str, alert_id: int) -> str:
    """Return a page address with `already=<id>` (replacing any earlier one): the page then says why nothing changed."""
    parts = urlsplit(target)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "already"]
    return urlunsplit(parts._replace(query=urlencode([*query, ("already", str(alert_id))])))


@router.post("/alerts/{alert_id}/acknowledge")
def alerts_acknowledge(
    alert_id: Annotated[int, Path(ge=1, le=MAX_DB_INT)],
    uow: UoW,
    user: Viewer,
    next_page: Annotated[str | None, Form(alias="next")] = None,
) -> Response:
    """Acknowledge an open alert as the signed-in user, then go back (saying so when it was no longer open)."""
    writer = user_allowed(user, Action.WRITE)
    target = safe_next(next_page, "/alerts")
    try:
        acknowledge_alert(uow.session, writer, write_context(writer, Via.WEB), alert_id=alert_id)
        uow.commit()
    except Conflict:  # acknowledged meanwhile (a second click, another tab): the page says by whom
        uow.rollback()
        target = _with_already(target, alert_id)
    return RedirectResponse(target, status_code=303)
