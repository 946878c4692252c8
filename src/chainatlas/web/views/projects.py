"""Monitoring — key projects pages: the portfolio with its Gantt chart, and one project with its milestones."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import RedirectResponse, Response

from chainatlas.domain.access import Action
from chainatlas.domain.alert import ProjectRules
from chainatlas.domain.as_of import AsOfDate
from chainatlas.reports.project_charts import STATUS_COLOURS, alert_text, milestone_gantt, portfolio_gantt
from chainatlas.services.alerts import list_alerts
from chainatlas.services.projects import project_portfolio, project_status
from chainatlas.web.deps import UoW, Viewer, today, user_allowed
from chainatlas.web.errors import PageRoute
from chainatlas.web.i18n import METRICS
from chainatlas.web.render import render, translator
from chainatlas.web.views.news_sections import news_context
from chainatlas.web.views.record_history import can_write, history_context

router = APIRouter(route_class=PageRoute, include_in_schema=False)
AsOf = Annotated[AsOfDate | None, Query()]
ClusterId = Annotated[str | None, Query()]
RULES = ProjectRules()


def with_as_of(request: Request) -> RedirectResponse:
    """Send a page without an as-of date to the same page as of today (so a kept page names its date)."""
    query = "&".join(part for part in (request.url.query, f"as_of={today(request).isoformat()}") if part)
    return RedirectResponse(f"{request.url.path}?{query}", status_code=303)


@router.get("/projects")
def projects_page(request: Request, uow: UoW, user: Viewer, as_of: AsOf = None, cluster: ClusterId = None) -> Response:
    """Show every key project of a cluster as of a date, with the Gantt chart of planned against actual."""
    reader = user_allowed(user, Action.READ)
    if as_of is None:
        return with_as_of(request)
    statuses = project_portfolio(uow.session, reader, as_of=as_of, rules=RULES, cluster=cluster)
    context = {
        "as_of": as_of,
        "cluster": cluster,
        "statuses": statuses,
        "chart": portfolio_gantt(statuses, translator(request)),
        "colours": STATUS_COLOURS,
        "rules": RULES,
        "can_write": can_write(user),
    }
    return render(request, "projects.html", context, user=user)


@router.get("/projects/{project_id}")
def project_page(
    request: Request, project_id: str, uow: UoW, user: Viewer, as_of: AsOf = None, cluster: ClusterId = None
) -> Response:
    """Show one project as of a date: figures, a Gantt chart of its milestones, and its live alerts (whatever
    the cluster: its links keep the one chosen)."""
    reader = user_allowed(user, Action.READ)
    if as_of is None:
        return with_as_of(request)
    status = project_status(uow.session, reader, project_id=project_id, as_of=as_of, rules=RULES)
    t = translator(request)
    alerts = list_alerts(uow.session, reader, subject_prefix=f"projects/{project_id}")
    shown = [(a, alert_text(a, t, METRICS)) for a in alerts if a.subject.split("/")[1] == project_id]
    context = {
        "as_of": as_of,
        "cluster": cluster,
        "status": status,
        "chart": milestone_gantt(status, t, RULES),
        "colours": STATUS_COLOURS,
        "rules": RULES,
        "alerts": shown,
        **history_context(request, uow.session, user, kind="projects", key=(project_id,)),
        **news_context(uow.session, user, "project", project_id),
    }
    return render(request, "project.html", context, user=user)
