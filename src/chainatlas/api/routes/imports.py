"""Imports through the API: the same all-or-nothing checks and report as `chainatlas import`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import JSONResponse

from chainatlas.api.deps import UoW, Writer, write_context
from chainatlas.api.errors import PROBLEM_JSON
from chainatlas.domain.import_results import ImportReportOut
from chainatlas.services.context import Via
from chainatlas.services.import_uploads import IMPORT_FORMATS, UploadedImport, import_report, import_uploads

router = APIRouter(tags=["imports"])


def report_response(request: Request, done: UploadedImport) -> ImportReportOut | JSONResponse:
    """Return an import report: 200 when applied (or a clean dry run), else a 422 (or 413) problem listing every row."""
    body = import_report(done.report)
    if done.report.ok:
        return body
    problem: dict[str, Any] = {
        "type": "about:blank",
        "title": "Too large" if done.status == 413 else "Invalid input",
        "status": done.status,
        "instance": request.url.path,
        "detail": f"{len(done.report.problems)} problem(s); nothing was written",
        **body.model_dump(mode="json"),
    }
    return JSONResponse(problem, status_code=done.status, media_type=PROBLEM_JSON)


@router.post("/imports", summary="Import interchange files (multipart): all or nothing", response_model=ImportReportOut)
def import_upload(
    request: Request,
    uow: UoW,
    user: Writer,
    files: Annotated[list[UploadFile], File(description=f"files named after their kind ({', '.join(IMPORT_FORMATS)})")],
    dry_run: Annotated[bool, Form()] = False,
    kind: Annotated[str | None, Form()] = None,
) -> ImportReportOut | JSONResponse:
    """Check every row of every file; write everything or nothing; answer with the same report as the CLI."""
    uploads = [(u.filename or "", u.file) for u in files]
    limit_mb = request.app.state.settings.max_upload_mb
    ctx = write_context(user, Via.IMPORT)
    done = import_uploads(uow.session, user, ctx, uploads, limit_mb=limit_mb, dry_run=dry_run, kind=kind)
    if done.to_commit:
        uow.commit()
    return report_response(request, done)
