"""Issues of the briefing series and their generated files (rows_briefings); domain objects out."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from chainatlas.domain.briefing import DRAFT, BriefingFile, BriefingIssue
from chainatlas.store.rows import BriefingFileRow, BriefingRow


def _issue(row: BriefingRow) -> BriefingIssue:
    return BriefingIssue(
        id=row.id,
        series=row.series,
        year=row.year,
        number=row.number,
        period=row.period,
        state=row.state,
        editorials={str(k): str(v) for k, v in row.editorials.items()},
        created_by=row.created_by,
        created_at=row.created_at,
        issued_by=row.issued_by,
        issued_at=row.issued_at,
    )


def _file(row: BriefingFileRow) -> BriefingFile:
    return BriefingFile(
        lang=row.lang,
        audience=row.audience,
        format=row.format,
        as_of=row.as_of,
        parameters=dict(row.parameters),
        checksum=row.checksum,
        made_by=row.made_by,
        made_at=row.made_at,
    )


class BriefingRepository:
    """Read and write briefing issues and their files."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _row(self, series: str, period: str) -> BriefingRow | None:
        statement = select(BriefingRow).where(BriefingRow.series == series, BriefingRow.period == period)
        return self.session.scalars(statement).first()

    def get(self, series: str, period: str) -> BriefingIssue | None:
        """Return the issue of a series for a period, if any."""
        row = self._row(series, period)
        return None if row is None else _issue(row)

    def listing(self) -> list[BriefingIssue]:
        """Return every issue, newest period first."""
        statement = select(BriefingRow).order_by(BriefingRow.period.desc(), BriefingRow.series)
        return [_issue(row) for row in self.session.scalars(statement)]

    def add_draft(self, *, series: str, period: str, by: str, at: dt.datetime) -> BriefingIssue:
        """Add a draft numbered after the series' last issue of the period's year (第N期)."""
        year = int(period[:4])
        statement = select(func.max(BriefingRow.number)).where(BriefingRow.series == series, BriefingRow.year == year)
        number = (self.session.scalar(statement) or 0) + 1
        row = BriefingRow(
            series=series,
            year=year,
            number=number,
            period=period,
            state=DRAFT,
            editorials={},
            created_by=by,
            created_at=at,
        )
        self.session.add(row)
        self.session.flush()
        return _issue(row)

    def update(self, series: str, period: str, **values: Any) -> BriefingIssue:
        """Change an issue's editorial texts or state and return it."""
        row = self._row(series, period)
        if row is None:
            raise LookupError(period)
        for name, value in values.items():
            setattr(row, name, value)
        self.session.flush()
        return _issue(row)

    def files(self, issue_id: int, lang: str, audience: str) -> dict[str, tuple[BriefingFile, bytes]]:
        """Return an issue's stored files of one language and audience, by format."""
        statement = select(BriefingFileRow).where(
            BriefingFileRow.briefing_id == issue_id, BriefingFileRow.lang == lang, BriefingFileRow.audience == audience
        )
        return {row.format: (_file(row), row.content) for row in self.session.scalars(statement)}

    def all_files(self, issue_id: int) -> list[BriefingFile]:
        """Return every stored file of an issue (without the bytes)."""
        statement = select(BriefingFileRow).where(BriefingFileRow.briefing_id == issue_id)
        return [_file(row) for row in self.session.scalars(statement.order_by(BriefingFileRow.id))]

    def store(self, issue_id: int, made: BriefingFile, content: bytes) -> None:
        """Store a generated file, replacing the one of the same language, audience and format."""
        self.session.execute(
            delete(BriefingFileRow).where(
                BriefingFileRow.briefing_id == issue_id,
                BriefingFileRow.lang == made.lang,
                BriefingFileRow.audience == made.audience,
                BriefingFileRow.format == made.format,
            )
        )
        self.session.add(BriefingFileRow(briefing_id=issue_id, content=content, **made.model_dump()))
        self.session.flush()
