"""One import handler for uploads (the API, the import page, the fair's registration page): save the files under
the size limit, import them all or nothing, and give the report with the status it answers with."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from urllib.parse import quote

from sqlalchemy.orm import Session

from chainatlas.domain.access import Action
from chainatlas.domain.import_results import ImportCounts, ImportedFile, ImportProblem, ImportReportOut
from chainatlas.domain.kinds import KIND_BY_NAME
from chainatlas.domain.messages import Lang
from chainatlas.domain.user import User
from chainatlas.interchange.discovery import FORMATS
from chainatlas.interchange.problems import UnreadableFile
from chainatlas.interchange.templates import template_xlsx
from chainatlas.interchange.uploads import UploadTooLarge, save_uploads
from chainatlas.services.access import require
from chainatlas.services.context import WriteContext
from chainatlas.services.errors import NotFound
from chainatlas.services.imports import ImportReport, run_import

IMPORT_FORMATS: tuple[str, ...] = tuple(FORMATS)
"""The file formats an import reads (the pages and the API list them)."""
OK, INVALID, TOO_LARGE = 200, 422, 413


@dataclass(frozen=True)
class UploadedImport:
    """What an import of uploads did: its report and the status to answer with (200, 422 or 413)."""

    report: ImportReport
    status: int

    @property
    def to_commit(self) -> bool:
        """Return whether the caller commits: the import was applied (no problem, not a dry run)."""
        return self.report.ok and not self.report.dry_run


def import_uploads(
    session: Session,
    user: User | None,
    ctx: WriteContext,
    uploads: list[tuple[str, BinaryIO]],
    *,
    limit_mb: int,
    dry_run: bool = False,
    kind: str | None = None,
) -> UploadedImport:
    """Save (name, stream) uploads to a temporary folder, each at most `limit_mb` MB, and import them all or
    nothing (the caller commits when `to_commit`); a file too large is refused with 413, any other problem 422."""
    require(user, Action.IMPORT)
    with tempfile.TemporaryDirectory(prefix="chainatlas-upload-") as folder:
        try:
            paths = save_uploads(Path(folder), uploads, limit_mb=limit_mb)
        except UnreadableFile as error:
            refused = ImportReport(dry_run=dry_run, problems=error.problems)
            return UploadedImport(refused, TOO_LARGE if isinstance(error, UploadTooLarge) else INVALID)
        report = run_import(session, paths, ctx, kind=kind, dry_run=dry_run)
    return UploadedImport(report, OK if report.ok else INVALID)


def import_report(report: ImportReport, lang: Lang = "en") -> ImportReportOut:
    """Return an import's report as its result type (the API's answer, the CLI's JSON), messages in `lang`."""
    return ImportReportOut(
        ok=report.ok,
        dry_run=report.dry_run,
        batch_id=report.batch_id,
        files=[ImportedFile.model_validate(f) for f in report.files],
        counts={kind: ImportCounts.model_validate(vars(c)) for kind, c in report.counts.items()},
        problems=[ImportProblem.model_validate({**p.as_dict(), "message": p.text(lang)}) for p in report.problems],
        problems_truncated=report.truncated,
    )


@dataclass(frozen=True)
class ImportTemplate:
    """A kind's import template: its kind, file name and XLSX bytes."""

    kind: str
    filename: str
    content: bytes

    @property
    def disposition(self) -> str:
        """Return the Content-Disposition of its download: the Chinese name, with an ASCII one for old clients."""
        return f"attachment; filename=\"{self.kind}-template.xlsx\"; filename*=UTF-8''{quote(self.filename)}"


def import_template(user: User | None, kind: str) -> ImportTemplate:
    """Return the XLSX import template of a kind (Chinese and English headers, an example row, drop-down lists)."""
    require(user, Action.IMPORT)
    if kind not in KIND_BY_NAME:
        raise NotFound(code="template.unknown_kind", params={"kind": kind})
    return ImportTemplate(kind, f"{KIND_BY_NAME[kind].label_zh}导入模板_{kind}.xlsx", template_xlsx(kind))
