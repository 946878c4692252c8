"""Imports through the API: the same all-or-nothing checks and report as `chainatlas import`."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import JSONResponse

from chainatlas.api.deps import UoW, Writer, write_context
from chainatlas.api.errors import PROBLEM_JSON
from chainatlas.domain.access import Action
from chainatlas.interchange.problems import UnreadableFile
from chainatlas.interchange.read import FORMATS
from chainatlas.interchange.uploads import UploadTooLarge, save_uploads
from chainatlas.services.access import require
from chainatlas.services.context import Via
from chainatlas.services.imports import ImportReport, run_import

router = APIRouter(tags=["imports"])


def report_response(request: Request, report: ImportReport, status: int = 422) -> JSONResponse:
    """Return an import report: 200 when applied (or a clean dry run), else a 422 (or 413) problem listing every row."""
    body: dict[str, Any] = report.as_dict()
    if report.ok:
        return JSONResponse(body)
    title = "Too large" if status == 413 else "Invalid input"
    problem = {
        "type": "about:blank",
        "title": title,
        "status": status,
        "instance": request.url.path,
        "detail": f"{len(report.problems)} problem(s); nothing was written",
        **body,
    }
    return JSONResponse(problem, status_code=status, media_type=PROBLEM_JSON)


@router.post("/imports", summary="Import interchange files (multipart): all or nothing")
def import_upload(
    request: Request,
    uow: UoW,
    user: Writer,
    files: Annotated[list[UploadFile], File(description=f"files named after their kind ({', '.join(FORMATS)})")],
    dry_run: Annotated[bool, Form()] = False,
    kind: Annotated[str | None, Form()] = None,
) -> JSONResponse:
    """Check every row of every file; write everything or nothing; answer with the same report as the CLI."""
    require(user, Action.IMPORT)
    limit_mb = request.app.state.settings.max_upload_mb
    with tempfile.TemporaryDirectory(prefix="chainatlas-upload-") as tmp:
        try:
            paths = save_uploads(Path(tmp), [(u.filename or "", u.file) for u in files], limit_mb=limit_mb)
        except UnreadableFile as error:
            refused = ImportReport(dry_run=dry_run, problems=error.problems)
            return report_response(request, refused, 413 if isinstance(error, UploadTooLarge) else 422)
        report = run_import(uow.session, paths, write_context(user, Via.IMPORT), kind=kind, dry_run=dry_run)
        if report.ok and not dry_run:
            uow.commit()
    return report_response(request, report)
