"""Reports — the chain chief's briefing (产业链月报): made as a background job, its issues, editorial texts (按语),
issuing, and the stored files (exactly as they were made)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Request
from fastapi.responses import JSONResponse, Response

from chainatlas.api.deps import CurrentUser, Today, UoW, Writer
from chainatlas.domain.briefing import BriefingIssue, BriefingJobStatus, BriefingRequest
from chainatlas.services.briefing_issues import (
    briefing_issues,
    mark_issued,
    require_briefing,
    set_editorial,
    stored_briefing,
)
from chainatlas.services.briefing_jobs import BriefingJobs, briefing_params
from chainatlas.services.clusters import resolve_cluster
from chainatlas.services.context import Via, write_context
from chainatlas.services.errors import NotFound

FILE_POLICY = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:"
"""A stored briefing page runs only its own inline chart scripts and loads nothing."""
router = APIRouter(tags=["reports: the chain chief's briefing"])
MEDIA = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def briefing_jobs(request: Request) -> BriefingJobs:
    """Return the application's briefing jobs (made on first use)."""
    jobs: BriefingJobs | None = getattr(request.app.state, "briefing_jobs", None)
    if jobs is None:
        jobs = request.app.state.briefing_jobs = BriefingJobs(request.app.state.engine)
    return jobs


@router.post(
    "/reports/briefing",
    status_code=202,
    response_model=BriefingJobStatus,
    summary="Make the chain chief's briefing in the background (analysts)",
)
def start_briefing(request: Request, uow: UoW, user: Writer, today: Today, body: BriefingRequest) -> JSONResponse:
    """Start making a briefing for the draft issue of its period; poll the job (its URL is in `Location`) until
    it is done, then fetch each file from `files`. An issued briefing is frozen: asking again returns its files."""
    require_briefing(user)
    resolve_cluster(uow.session, user, body.cluster)  # an unknown or forbidden cluster: 404/403 now, not in the job
    params, formats = briefing_params(body, today)
    jobs = briefing_jobs(request)
    job_id = jobs.start(user, write_context(user, Via.API), params, formats, body.series)
    status = jobs.status(job_id)
    location = f"/api/v1/reports/briefing/jobs/{job_id}"
    return JSONResponse(
        status.model_dump(mode="json") if status else {}, status_code=202, headers={"Location": location}
    )


@router.get("/reports/briefing/jobs/{job_id}", response_model=BriefingJobStatus, summary="A briefing job's status")
def briefing_job(request: Request, job_id: str, user: CurrentUser) -> BriefingJobStatus:
    """Return a briefing job's state and, once done, its issue, file URLs, checksums and figures (its owner only)."""
    require_briefing(user)
    jobs = briefing_jobs(request)
    status = jobs.status(job_id)
    if status is None or user is None or jobs.owner(job_id) != user.username:
        raise NotFound(code="briefing.job_not_found", params={"id": job_id})
    return status


@router.get("/reports/briefings", response_model=list[BriefingIssue], summary="Every briefing issue, newest first")
def issues(uow: UoW, user: CurrentUser) -> list[BriefingIssue]:
    """Return every issue of every series (第N期), with its state and editorial texts."""
    return [issue for issue, _files in briefing_issues(uow.session, user)]


@router.put(
    "/reports/briefing/{series}/{period}/editorials/{section}",
    response_model=BriefingIssue,
    summary="Set a section's editorial text (按语) of a draft (analysts)",
)
def editorial(
    uow: UoW, user: Writer, series: str, period: str, section: str, text: Annotated[str, Body(embed=True)]
) -> BriefingIssue:
    """Set (or with an empty text remove) the editorial text of one section of a draft issue."""
    issue = set_editorial(
        uow.session, user, write_context(user, Via.API), period=period, section=section, text=text, series=series
    )
    uow.commit()
    return issue


@router.post(
    "/reports/briefing/{series}/{period}/issue",
    response_model=BriefingIssue,
    summary="Mark a draft issued (administrators); it is frozen from then on",
)
def issue_briefing(uow: UoW, user: Writer, series: str, period: str) -> BriefingIssue:
    """Mark an issue issued; its stored files are from then on the only ones it has."""
    done = mark_issued(uow.session, user, write_context(user, Via.API), period=period, series=series)
    uow.commit()
    return done


@router.get(
    "/reports/briefing/{series}/{period}/{lang}/{audience}/briefing.{fmt}",
    summary="A stored briefing file, exactly as it was made",
    response_class=Response,
)
def briefing_file(
    uow: UoW, user: CurrentUser, series: str, period: str, lang: str, audience: str, fmt: str
) -> Response:
    """Return a stored file of an issue (html, pdf, docx or xlsx) with its checksum in `ETag`."""
    found = stored_briefing(uow.session, user, period=period, lang=lang, audience=audience, series=series)
    if fmt not in found.files:
        raise NotFound(code="briefing.files_not_found", params={"series": series, "period": period, "lang": lang})
    headers = {"ETag": f'"{found.checksums[fmt]}"', "Content-Security-Policy": FILE_POLICY}
    if fmt != "html":
        headers["Content-Disposition"] = f'attachment; filename="briefing-{series}-{period}-{lang}.{fmt}"'
    return Response(found.files[fmt], media_type=MEDIA[fmt], headers=headers)
