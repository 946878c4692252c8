"""The import page: upload interchange files, see every problem (row, column, value) or what changed."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from starlette.responses import Response

from chainatlas.domain.access import Action
from chainatlas.domain.kinds import KINDS
from chainatlas.domain.user import User
from chainatlas.interchange.problems import UnreadableFile
from chainatlas.interchange.read import FORMATS
from chainatlas.interchange.uploads import UploadTooLarge, save_uploads
from chainatlas.services.context import Via
from chainatlas.services.imports import ImportReport, run_import
from chainatlas.store.engine import UnitOfWork
from chainatlas.web.deps import UoW, Viewer, user_allowed, write_context
from chainatlas.web.errors import PageRoute
from chainatlas.web.render import render

router = APIRouter(route_class=PageRoute, include_in_schema=False)


def import_page(
    request: Request, user: User, *, report: ImportReport | None = None, missing: bool = False, status: int = 200
) -> Response:
    """Return the import page, with the form and (after an upload) its report."""
    context = {"report": report, "missing": missing, "kinds": [spec.name for spec in KINDS], "formats": FORMATS}
    return render(request, "import.html", context, user=user, status=status)


@router.get("/import")
def import_form(request: Request, user: Viewer) -> Response:
    """Show the upload form to a user allowed to import."""
    return import_page(request, user_allowed(user, Action.IMPORT))


@router.post("/import")
def import_upload(
    request: Request,
    uow: UoW,
    user: Viewer,
    files: Annotated[list[UploadFile], File()] = [],  # noqa: B006  # FastAPI copies defaults
    dry_run: Annotated[bool, Form()] = False,
) -> Response:
    """Check every row of every uploaded file; write all of it or nothing; show the report."""
    importer = user_allowed(user, Action.IMPORT)
    uploads = [upload for upload in files if upload.filename]
    if not uploads:
        return import_page(request, importer, missing=True, status=400)
    report, status = import_uploads(request, uow, importer, uploads, dry_run=dry_run)
    return import_page(request, importer, report=report, status=status)


def import_uploads(
    request: Request, uow: UnitOfWork, importer: User, uploads: list[UploadFile], *, dry_run: bool
) -> tuple[ImportReport, int]:
    """Save the uploads to a temporary folder and import them, all or nothing (committed unless a dry run);
    return the report and the page's status: 200, 422 (problems in the rows or names) or 413 (a file too large)."""
    limit_mb = request.app.state.settings.max_upload_mb
    with tempfile.TemporaryDirectory(prefix="chainatlas-upload-") as folder:
        try:
            paths = save_uploads(Path(folder), [(u.filename or "", u.file) for u in uploads], limit_mb=limit_mb)
        except UnreadableFile as error:
            refused = ImportReport(dry_run=dry_run, problems=error.problems)
            return refused, 413 if isinstance(error, UploadTooLarge) else 422
        report = run_import(uow.session, paths, write_context(importer, Via.IMPORT), dry_run=dry_run)
        if report.ok and not dry_run:
            uow.commit()
    return report, 200 if report.ok else 422
