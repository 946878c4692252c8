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
from chainatlas.interchange.read import FORMATS
from chainatlas.services.browse import require
from chainatlas.services.context import Via
from chainatlas.services.imports import ImportReport, run_import

router = APIRouter(tags=["imports"])
MAX_UPLOAD_BYTES = 200 * 1024 * 1024


def save_uploads(folder: Path, files: list[UploadFile]) -> list[Path]:
    """Write uploaded files into a folder under their own (base) names and return the paths."""
    paths = []
    for upload in files:
        name = Path(upload.filename or "upload").name
        path = folder / name
        with path.open("wb") as handle:
            while chunk := upload.file.read(1 << 20):
                handle.write(chunk)
        paths.append(path)
    return paths


def report_response(request: Request, report: ImportReport) -> JSONResponse:
    """Return an import report: 200 when applied (or a clean dry run), else a 422 problem listing every row."""
    body: dict[str, Any] = report.as_dict()
    if report.ok:
        return JSONResponse(body)
    problem = {"type": "about:blank", "title": "Invalid input", "status": 422, "instance": request.url.path,
               "detail": f"{len(report.problems)} problem(s); nothing was written", **body}  # fmt: skip
    return JSONResponse(problem, status_code=422, media_type=PROBLEM_JSON)


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
    with tempfile.TemporaryDirectory(prefix="chainatlas-upload-") as tmp:
        paths = save_uploads(Path(tmp), files)
        report = run_import(uow.session, paths, write_context(user, Via.IMPORT), kind=kind, dry_run=dry_run)
        if report.ok and not dry_run:
            uow.commit()
    return report_response(request, report)
