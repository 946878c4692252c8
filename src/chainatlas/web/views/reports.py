"""Reports — the briefing page: make a briefing (a background job), follow it, preview and download each issue's
stored files, add editorial texts to a draft, and (administrators) mark it issued."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from starlette.responses import RedirectResponse, Response

from chainatlas.domain.access import BRIEFING_ISSUES, Action, allowed
from chainatlas.domain.briefing import AUDIENCES, FORMATS, SECTIONS, SERIES
from chainatlas.services.briefing_issues import briefing_issues, mark_issued, require_briefing, set_editorial
from chainatlas.services.briefing_jobs import FILE_URL, BriefingJobs, briefing_params, briefing_request
from chainatlas.services.context import Via
from chainatlas.web.deps import UoW, Viewer, today, user_allowed, write_context
from chainatlas.web.errors import PageRoute
from chainatlas.web.render import render

router = APIRouter(route_class=PageRoute, include_in_schema=False)
PAGE = "/reports/briefing"


def briefing_jobs(request: Request) -> BriefingJobs:
    """Return the application's briefing jobs (the API's too; made on first use)."""
    jobs: BriefingJobs | None = getattr(request.app.state, "briefing_jobs", None)
    if jobs is None:
        jobs = request.app.state.briefing_jobs = BriefingJobs(request.app.state.engine)
    return jobs


def _file_links(issue_series: str, period: str, files: list[tuple[str, str, str]]) -> list[dict[str, str]]:
    return [
        {
            "lang": lang,
            "audience": audience,
            "format": fmt,
            "url": FILE_URL.format(series=issue_series, period=period, lang=lang, audience=audience, format=fmt),
        }
        for lang, audience, fmt in files
    ]


@router.get(PAGE)
def briefing_page(
    request: Request, uow: UoW, user: Viewer, job: Annotated[str | None, Query(max_length=20)] = None
) -> Response:
    """Show the form, the job asked about, and every issue with its files (analysts and administrators)."""
    require_briefing(user)
    status = briefing_jobs(request).status(job) if job else None
    issues = [
        (issue, _file_links(issue.series, issue.period, [(f.lang, f.audience, f.format) for f in files]))
        for issue, files in briefing_issues(uow.session, user)
    ]
    context = {
        "today": today(request).isoformat(),
        "sections": SECTIONS,
        "formats": FORMATS,
        "audiences": AUDIENCES,
        "status": status,
        "issues": issues,
        "can_issue": allowed(user, Action.WRITE, BRIEFING_ISSUES),
    }
    return render(request, "briefing.html", context, user=user)


@router.post(PAGE)
def briefing_make(
    request: Request,
    user: Viewer,
    as_of: Annotated[str, Form(max_length=10)],
    lang: Annotated[str, Form(max_length=2)] = "zh",
    audience: Annotated[str, Form(max_length=8)] = "viewer",
    period: Annotated[str, Form(max_length=7)] = "",
    sections: Annotated[list[str] | None, Form()] = None,
    formats: Annotated[list[str] | None, Form()] = None,
) -> Response:
    """Start making a briefing and follow its job on the page."""
    maker = user_allowed(user, Action.ANALYSE)
    asked = briefing_request(
        {
            "as_of": as_of,
            "period": period or None,
            "lang": lang,
            "audience": audience,
            "sections": sections or list(SECTIONS),
            "formats": formats or list(FORMATS),
        }
    )
    params, chosen = briefing_params(asked, today(request))
    job = briefing_jobs(request).start(maker, write_context(maker, Via.WEB), params, chosen, SERIES)
    return RedirectResponse(f"{PAGE}?job={job}", status_code=303)


@router.post(f"{PAGE}/note")
def briefing_note(
    uow: UoW,
    user: Viewer,
    period: Annotated[str, Form(max_length=7)],
    section: Annotated[str, Form(max_length=20)],
    text: Annotated[str, Form(max_length=4000)] = "",
    series: Annotated[str, Form(max_length=32)] = SERIES,
) -> Response:
    """Save a section's editorial text of a draft."""
    writer = user_allowed(user, Action.ANALYSE)
    set_editorial(
        uow.session, writer, write_context(writer, Via.WEB), period=period, section=section, text=text, series=series
    )
    uow.commit()
    return RedirectResponse(PAGE, status_code=303)


@router.post(f"{PAGE}/issue")
def briefing_issue(
    uow: UoW,
    user: Viewer,
    period: Annotated[str, Form(max_length=7)],
    series: Annotated[str, Form(max_length=32)] = SERIES,
) -> Response:
    """Mark a draft issued (administrators)."""
    writer = user_allowed(user, Action.ANALYSE)
    mark_issued(uow.session, writer, write_context(writer, Via.WEB), period=period, series=series)
    uow.commit()
    return RedirectResponse(PAGE, status_code=303)
