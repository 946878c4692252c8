"""Imports through the API: the same all-or-nothing checks and report as `chainatlas import`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import JSONResponse, Response

from chainatlas.api.deps import CurrentUser, UoW, Writer, write_context
from chainatlas.api.errors import PROBLEM_JSON, TITLES
from chainatlas.api.lang import request_lang
from chainatlas.api.routes.fair import XLSX
from chainatlas.domain.import_results import ImportReportOut
from chainatlas.domain.messages import message_text
from chainatlas.services.context import Via
from chainatlas.services.import_uploads import (
    IMPORT_FORMATS,
    UploadedImport,
    import_report,
    import_template,
    import_uploads,
)

router = APIRouter(tags=["imports"])


def report_response(request: Request, done: UploadedImport) -> ImportReportOut | JSONResponse:
    """Return an import report: 200 when applied (or a clean dry run), else a 422 (or 413) problem listing every row."""
    lang = request_lang(request)
    body = import_report(done.report, lang)
    if done.report.ok:
        return body
    problem: dict[str, Any] = {
        "type": "about:blank",
        "title": TITLES[done.status][0 if lang == "zh" else 1],
        "status": done.status,
        "instance": request.url.path,
        "detail": message_text("import.refused", {"n": len(done.report.problems)}, lang),
        **body.model_dump(mode="json"),
    }
    return JSONResponse(problem, status_code=done.status, media_type=PROBLEM_JSON)


@router.post("/imports", summary="Import interchange files (multipart): all or nothing", response_model=ImportReportOut)
def import_upload(
    request: Request,
    uow: UoW,
    user: Writer,
    files: Annotated[
        list[UploadFile],
        File(
            description=f"files ({', '.join(IMPORT_FORMATS)}) of any name: the kind is `kind`, or the name's, or guessed from the headers"
        ),
    ],
    dry_run: Annotated[bool, Form()] = False,
    kind: Annotated[
        str | None, Form(description="the kind of every file (leave empty to tell it from names or headers)")
    ] = None,
) -> ImportReportOut | JSONResponse:
    """Check every row of every file; write everything or nothing; answer with the same report as the CLI."""
    uploads = [(u.filename or "", u.file) for u in files]
    limit_mb = request.app.state.settings.max_upload_mb
    ctx = write_context(user, Via.IMPORT)
    done = import_uploads(uow.session, user, ctx, uploads, limit_mb=limit_mb, dry_run=dry_run, kind=kind)
    if done.to_commit:
        uow.commit()
    return report_response(request, done)


@router.get(
    "/imports/templates/{kind}.xlsx",
    summary="Download a kind's import template (XLSX)",
    response_class=Response,
    responses={200: {"content": {XLSX: {}}, "description": "the template"}},
)
def import_template_download(user: CurrentUser, kind: str) -> Response:
    """Return the XLSX import template of a kind: Chinese and English headers, an example row, drop-down lists."""
    template = import_template(user, kind)
    headers = {"Content-Disposition": template.disposition, "Cache-Control": "no-store"}
    return Response(template.content, media_type=XLSX, headers=headers)
