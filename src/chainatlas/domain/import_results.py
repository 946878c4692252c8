"""What an import returns: files read, what it did to each kind, and every problem found (row, column, value)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class ImportedFile(BaseModel):
    """One file (or workbook sheet) read: its label, kind, rows and SHA-256."""

    file: str
    kind: str
    rows: int
    sha256: str


class ImportCounts(BaseModel):
    """What an import did (or, in a dry run, would do) to one kind."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0


class ImportProblem(BaseModel):
    """One problem in an input file: where it is, what the cell held, and what is wrong."""

    file: str
    row: int | None
    column: str | None
    value: str | None
    message: str


class ImportReportOut(BaseModel):
    """The report of an import: written (or checked) all or nothing, with every problem found."""

    ok: bool
    dry_run: bool
    batch_id: int | None = Field(description="the change batch written; None for a dry run or a refused import")
    files: list[ImportedFile]
    counts: dict[str, ImportCounts]
    problems: list[ImportProblem]
    problems_truncated: bool
