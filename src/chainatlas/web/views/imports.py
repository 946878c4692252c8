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
from chainatlas.interchange.problems import RowProblem
from chainatlas.interchange.read import FORMATS
from chainatlas.services.context import Via
from chainatlas.services.imports import ImportReport, run_import
from chainatlas.store.engine import UnitOfWork
from chainatlas.web.deps import UoW, Viewer, user_allowed, write_context
from chainatlas.web.errors import PageRoute
from chainatlas.web.render import render

router = APIRouter(route_class=PageRoute, include_in_schema=False)
MAX_UPLOAD_MB = 200


class UploadTooLarge(Exception):
    """An uploaded file is larger than a page upload may be (the CLI imports files of any size)."""


def save_uploads(folder: Path, files: list[UploadFile]) -> list[Path]:
    """Write uploaded files into a folder under their own base names (so the name tells the kind)."""
    paths = []
    for upload in files:
        path = folder / Path(upload.filename or "upload").name
        written = 0
        with path.open("wb") as handle:
            while chunk := upload.file.read(1 << 20):
                written += len(chunk)
                if written > MAX_UPLOAD_MB << 20:
                    raise UploadTooLarge(path.name)
                handle.write(chunk)
        paths.append(path)
    return paths


def too_large(name: str, *, dry_run: bool) -> ImportReport:
    """Return the report of an upload refused for its size."""
    message = f"is larger than {MAX_UPLOAD_MB} MB; import it with `chainatlas import` instead"
    return ImportReport(dry_run=dry_run, problems=[RowProblem(name, None, None, None, message)])


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
    request: Request, uow: UoW, user: Viewer, files: Annotated[list[UploadFile], File()] = [],  # noqa: B006  # FastAPI copies defaults
    dry_run: Annotated[bool, Form()] = False,
) -> Response:  # fmt: skip
    """Check every row of every uploaded file; write all of it or nothing; show the report."""
    importer = user_allowed(user, Action.IMPORT)
    uploads = [upload for upload in files if upload.filename]
    if not uploads:
        return import_page(request, importer, missing=True, status=400)
    report, status = import_uploads(uow, importer, uploads, dry_run=dry_run)
    return import_page(request, importer, report=report, status=status)


def import_uploads(
    uow: UnitOfWork, importer: User, uploads: list[UploadFile], *, dry_run: bool
) -> tuple[ImportReport, int]:
    """Save the uploads to a temporary folder and import them, all or nothing (committed unless a dry run);
    return the report and the page's status: 200, 422 (problems in the rows) or 413 (a file too large)."""
    with tempfile.TemporaryDirectory(prefix="chainatlas-upload-") as folder:
        try:
            paths = save_uploads(Path(folder), uploads)
        except UploadTooLarge as error:
            return too_large(str(error), dry_run=dry_run), 413
        report = run_import(uow.session, paths, write_context(importer, Via.IMPORT), dry_run=dry_run)
        if report.ok and not dry_run:
            uow.commit()
    return report, 200 if report.ok else 422
