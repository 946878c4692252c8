"""One import handler for uploads (the API, the import page, the fair's registration page): save the files under
the size limit, import them all or nothing, and give the report with the status it answers with."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.orm import Session

from chainatlas.domain.access import Action
from chainatlas.domain.import_results import ImportCounts, ImportedFile, ImportProblem, ImportReportOut
from chainatlas.domain.user import User
from chainatlas.interchange.problems import UnreadableFile
from chainatlas.interchange.read import FORMATS
from chainatlas.interchange.uploads import UploadTooLarge, save_uploads
from chainatlas.services.access import require
from chainatlas.services.context import WriteContext
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


def import_report(report: ImportReport) -> ImportReportOut:
    """Return an import's report as its result type (the API's answer, the CLI's JSON)."""
    return ImportReportOut(
        ok=report.ok,
        dry_run=report.dry_run,
        batch_id=report.batch_id,
        files=[ImportedFile.model_validate(f) for f in report.files],
        counts={kind: ImportCounts.model_validate(vars(c)) for kind, c in report.counts.items()},
        problems=[ImportProblem.model_validate(p.as_dict()) for p in report.problems],
        problems_truncated=report.truncated,
    )
