"""The fair's organiser pages: the fairs, registration import, schedule generation with progress, the grid."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.responses import Response

from chainatlas.domain.access import Action
from chainatlas.domain.fair import MAX_FAIR_DAYS
from chainatlas.domain.user import User
from chainatlas.services.clusters import resolve_cluster
from chainatlas.services.context import Via
from chainatlas.services.fair import get_fair, is_organiser, list_fairs, participants_of_user, registration
from chainatlas.services.fair_exports import fair_participants_xlsx, fair_schedule_xlsx
from chainatlas.services.fair_jobs import ScheduleJobs
from chainatlas.services.fair_reports import fair_overview
from chainatlas.services.imports import ImportReport
from chainatlas.web.deps import UoW, Viewer, signed_in, user_allowed, write_context
from chainatlas.web.downloads import attachment
from chainatlas.web.errors import PageRoute
from chainatlas.web.render import render, translator
from chainatlas.web.views.imports import import_response

router = APIRouter(route_class=PageRoute, include_in_schema=False)
FAIR_KINDS = ("fairs", "fair_participants", "fair_preferences", "fair_meetings", "fair_attendance")
DEFAULT_TIME_LIMIT = 30.0
MAX_TIME_LIMIT = 600.0


def schedule_jobs(request: Request) -> ScheduleJobs:
    """Return the application's schedule jobs (made on first use, on the application's database)."""
    jobs: ScheduleJobs | None = getattr(request.app.state, "fair_jobs", None)
    if jobs is None:
        jobs = request.app.state.fair_jobs = ScheduleJobs(request.app.state.engine)
    return jobs


@router.get("/fairs")
def fairs_page(request: Request, uow: UoW, user: Viewer) -> Response:
    """List the fairs; organisers get the registration import and each fair's grid, participants their agenda."""
    viewer = signed_in(user)
    fairs = list_fairs(uow.session, viewer)
    mine = {f.id: participants_of_user(uow.session, viewer, f.id) for f in fairs} if not is_organiser(viewer) else {}
    context = {"fairs": fairs, "mine": mine, "organiser": is_organiser(viewer)}
    return render(request, "fairs.html", context, user=viewer)


def _import_page(
    request: Request, user: User, *, report: ImportReport | None = None, missing: bool = False, status: int = 200
) -> Response:
    """Return the registration upload page, with the form and (after an upload) its report."""
    return render(request, "fair_import.html", {"report": report, "kinds": FAIR_KINDS}, user=user, status=status)


@router.get("/fairs/import")
def import_form(request: Request, user: Viewer) -> Response:
    """Show the registration upload form (organisers)."""
    return _import_page(request, user_allowed(user, Action.IMPORT))


@router.post("/fairs/import")
def import_upload(
    request: Request,
    uow: UoW,
    user: Viewer,
    files: Annotated[list[UploadFile], File()] = [],  # noqa: B006  # FastAPI copies defaults
    dry_run: Annotated[bool, Form()] = False,
) -> Response:
    """Check and import a registration (fairs, participants, preferences, …): all of it or nothing."""
    return import_response(request, uow, user, files, dry_run=dry_run, page=_import_page)


@router.get("/fairs/{fair_id}")
def fair_page(
    request: Request,
    fair_id: str,
    uow: UoW,
    user: Viewer,
    day: Annotated[int, Query(ge=1, le=MAX_FAIR_DAYS)] = 1,
    running: bool = False,
    cluster: Annotated[str | None, Query()] = None,
) -> Response:
    """Show the organiser's view: schedule generation (for the chosen cluster's gap bonus), one day's slot × table
    grid, counts, unmet must-meets, no-shows."""
    overview = fair_overview(uow.session, user, fair_id=fair_id)
    fair = overview.fair
    day = min(day, fair.days)
    context = {
        "overview": overview,
        "fair": fair,
        "days": range(1, fair.days + 1),
        "day": day,
        "slots": range(1, fair.slots_per_day + 1),
        "tables": range(1, fair.tables + 1),
        "default_limit": DEFAULT_TIME_LIMIT,
        "max_limit": MAX_TIME_LIMIT,
        "synthetic": bool(overview.people) and all(p.source == "synthetic" for p in overview.people.values()),
        "already_running": running,
        "cluster": cluster,
        "unmet": list(zip(overview.unmet_must, overview.unmet_reasons, strict=True)),
        "counts": sorted(overview.counts, key=lambda c: (c.participant.role.value, c.participant.id)),
    }
    return render(request, "fair.html", context, user=user)


@router.post("/fairs/{fair_id}/schedule")
def start_schedule(
    request: Request,
    fair_id: str,
    uow: UoW,
    user: Viewer,
    time_limit: Annotated[float, Form(gt=0, le=MAX_TIME_LIMIT)] = DEFAULT_TIME_LIMIT,
    cluster: Annotated[str | None, Form()] = None,
) -> Response:
    """Start generating the fair's schedule (the chosen cluster's gap bonus) in the background and go back to the
    fair's page, which shows progress."""
    organiser = user_allowed(user, Action.ANALYSE)
    user_allowed(organiser, Action.WRITE)
    get_fair(uow.session, fair_id)
    registration(uow.session, fair_id)
    chosen = resolve_cluster(uow.session, organiser, cluster or None).id
    kept = f"&cluster={quote(chosen, safe='')}" if cluster else ""
    current = schedule_jobs(request).get(fair_id)
    if current is not None and current.running:  # say so rather than silently keep the running job
        return RedirectResponse(f"/fairs/{fair_id}?running=1{kept}#schedule", status_code=303)
    schedule_jobs(request).start(organiser, write_context(organiser, Via.WEB), fair_id, time_limit, chosen)
    return RedirectResponse(f"/fairs/{fair_id}?started=1{kept}#schedule", status_code=303)


@router.get("/fairs/{fair_id}/schedule/status")
def schedule_status(request: Request, fair_id: str, user: Viewer) -> Response:
    """Return the fair's schedule job as JSON for the page to poll (organisers)."""
    user_allowed(user, Action.ANALYSE)
    return JSONResponse(schedule_jobs(request).status(fair_id).model_dump(mode="json"))


@router.get("/fairs/{fair_id}/schedule.xlsx")
def schedule_download(request: Request, fair_id: str, uow: UoW, user: Viewer) -> Response:
    """Download every meeting of the fair as XLSX, headers in the page language (organisers)."""
    body = fair_schedule_xlsx(uow.session, user, fair_id=fair_id, lang=translator(request).lang)
    return attachment(body, f"{fair_id}-schedule", "xlsx")


@router.get("/fairs/{fair_id}/participants.xlsx")
def participants_download(request: Request, fair_id: str, uow: UoW, user: Viewer) -> Response:
    """Download the fair's participants with their meeting counts as XLSX (organisers)."""
    body = fair_participants_xlsx(uow.session, user, fair_id=fair_id, lang=translator(request).lang)
    return attachment(body, f"{fair_id}-participants", "xlsx")
