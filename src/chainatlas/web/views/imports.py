"""The import page: upload interchange files, see every problem (row, column, value) or what changed.

`import_response` is the one upload handler of the pages (this one and the fair's registration import).
"""

from __future__ import annotations

from typing import Annotated, Protocol

from fastapi import APIRouter, File, Form, Request, UploadFile
from starlette.responses import Response

from chainatlas.domain.access import Action
from chainatlas.domain.fields import header_of
from chainatlas.domain.kinds import KIND_BY_NAME, KINDS
from chainatlas.domain.user import User
from chainatlas.services.context import Via
from chainatlas.services.import_uploads import IMPORT_FORMATS, import_template, import_uploads
from chainatlas.services.imports import ImportReport
from chainatlas.services.uow import UnitOfWork
from chainatlas.web.deps import UoW, Viewer, user_allowed, write_context
from chainatlas.web.downloads import MEDIA
from chainatlas.web.errors import PageRoute
from chainatlas.web.render import render

router = APIRouter(route_class=PageRoute, include_in_schema=False)


class ImportPage(Protocol):
    """Render an import page: the form and (after an upload) its report, or that no file was chosen."""

    def __call__(
        self,
        request: Request,
        user: User,
        *,
        report: ImportReport | None = None,
        missing: bool = False,
        status: int = 200,
    ) -> Response:
        """Return the page."""


def column_labels(kind: str) -> dict[str, str]:
    """Return the Chinese import header of each column of a kind, by column name."""
    model = KIND_BY_NAME[kind].model
    return {name: header_of(model, name).zh for name in model.model_fields}


def import_page(
    request: Request, user: User, *, report: ImportReport | None = None, missing: bool = False, status: int = 200
) -> Response:
    """Return the import page, with the form and (after an upload) its report."""
    context = {
        "report": report,
        "missing": missing,
        "kinds": [spec.name for spec in KINDS],
        "formats": IMPORT_FORMATS,
        "headers": {spec.name: column_labels(spec.name) for spec in KINDS},
        "chosen_kind": getattr(request.state, "import_kind", None) or request.query_params.get("kind", ""),
    }
    return render(request, "import.html", context, user=user, status=status)


@router.get("/import/templates/{kind}.xlsx")
def import_template_download(request: Request, user: Viewer, kind: str) -> Response:
    """Download a kind's import template (XLSX: Chinese and English headers, an example row, drop-down lists)."""
    template = import_template(user_allowed(user, Action.IMPORT), kind)
    headers = {"Content-Disposition": template.disposition, "Cache-Control": "no-store"}
    return Response(template.content, media_type=MEDIA["xlsx"], headers=headers)


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
    kind: Annotated[str, Form()] = "",
) -> Response:
    """Check every row of every uploaded file (of the chosen kind, or the kind their names or headers tell); write
    all of it or nothing; show the report."""
    request.state.import_kind = kind  # the chooser keeps its choice on the report page
    return import_response(request, uow, user, files, dry_run=dry_run, page=import_page, kind=kind or None)


def import_response(
    request: Request,
    uow: UnitOfWork,
    user: User | None,
    files: list[UploadFile],
    *,
    dry_run: bool,
    page: ImportPage,
    kind: str | None = None,
) -> Response:
    """Save the uploads (at most the upload limit each) and import them all or nothing, committed unless a dry run;
    render the page with the report: 200, 422 (problems in the rows or names), 413 (a file too large), or 400 when
    no file was chosen."""
    importer = user_allowed(user, Action.IMPORT)
    uploads = [(upload.filename or "", upload.file) for upload in files if upload.filename]
    if not uploads:
        return page(request, importer, missing=True, status=400)
    limit_mb = request.app.state.settings.max_upload_mb
    ctx = write_context(importer, Via.IMPORT)
    done = import_uploads(uow.session, importer, ctx, uploads, limit_mb=limit_mb, dry_run=dry_run, kind=kind)
    if done.to_commit:
        uow.commit()
    return page(request, importer, report=done.report, status=done.status)
