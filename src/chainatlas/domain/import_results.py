"""What an import returns: files read, what it did to each kind, and every problem found (row, column, value)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class ImportedFile(BaseModel):
    """One file (or workbook sheet) read: its label, kind, rows and SHA-256."""

    file: str
    kind: str
    rows: int
    sha256: str
    absent_columns: list[str] = Field(
        default_factory=list,
        description="optional columns the file lacks: kept as they are for existing records, empty for new ones",
    )


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
    message: str = Field(description="the problem in the reader's language")
    code: str = Field("", description="the message code (empty for a problem that has only its one text)")
    params: dict[str, str | int | float | None] = Field(default_factory=dict, description="the code's parameters")


class ImportReportOut(BaseModel):
    """The report of an import: written (or checked) all or nothing, with every problem found."""

    ok: bool
    dry_run: bool
    batch_id: int | None = Field(description="the change batch written; None for a dry run or a refused import")
    files: list[ImportedFile]
    counts: dict[str, ImportCounts] = Field(description="what was done to each kind; all 0 when refused")
    problems: list[ImportProblem]
    problems_truncated: bool
    warnings: list[ImportProblem] = Field(
        default_factory=list, description="rows written that look wrong, e.g. a point outside its stated district"
    )
