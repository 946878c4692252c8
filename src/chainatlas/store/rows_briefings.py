"""Rows of the chain chief's briefing (产业链月报): each issue of a series, and the files generated for it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Date, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from chainatlas.store.rows_base import Base, fk
from chainatlas.store.types import UTCDateTime


class BriefingRow(Base):
    """An issue of a briefing series (第N期) for a period: a draft with its editorial texts, until issued."""

    __tablename__ = "briefings"
    __table_args__ = (
        UniqueConstraint("series", "period", name="uq_briefings_series_period"),
        UniqueConstraint("series", "year", "number", name="uq_briefings_series_number"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    series: Mapped[str] = mapped_column(String(32))
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    period: Mapped[str] = mapped_column(String(7))
    state: Mapped[str] = mapped_column(String(8))
    editorials: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    issued_by: Mapped[str | None] = mapped_column(String(64))
    issued_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class BriefingFileRow(Base):
    """One generated file of an issue, in one language, for one audience and format, with its checksum."""

    __tablename__ = "briefing_files"
    __table_args__ = (UniqueConstraint("briefing_id", "lang", "audience", "format"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    briefing_id: Mapped[int] = mapped_column(Integer, fk("briefings.id"), index=True)
    lang: Mapped[str] = mapped_column(String(2))
    audience: Mapped[str] = mapped_column(String(8))
    format: Mapped[str] = mapped_column(String(8))
    as_of: Mapped[dt.date] = mapped_column(Date)
    parameters: Mapped[dict[str, Any]] = mapped_column(JSON)
    checksum: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    made_by: Mapped[str] = mapped_column(String(64))
    made_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
