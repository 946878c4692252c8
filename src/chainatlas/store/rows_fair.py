"""The fair's rows (issue 7): fairs, participants, preferences, meetings, attendance."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from chainatlas.store.rows_base import Base, fk
from chainatlas.store.types import TagList


class FairRow(Base):
    __tablename__ = "fairs"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(500))
    name_en: Mapped[str | None] = mapped_column(String(500))
    edition: Mapped[int | None] = mapped_column(Integer)
    start: Mapped[dt.date]
    end: Mapped[dt.date]
    venue: Mapped[str | None] = mapped_column(String(500))
    first_slot: Mapped[str] = mapped_column(String(5))
    slot_minutes: Mapped[int] = mapped_column(Integer)
    slots_per_day: Mapped[int] = mapped_column(Integer)
    tables: Mapped[int] = mapped_column(Integer)
    timezone: Mapped[str] = mapped_column(String(500))
    source: Mapped[str] = mapped_column(Text)


class FairParticipantRow(Base):
    __tablename__ = "fair_participants"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    fair_id: Mapped[str] = mapped_column(String(64), fk("fairs.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    enterprise_id: Mapped[str | None] = mapped_column(String(64), fk("enterprises.id"), index=True)
    name_zh: Mapped[str] = mapped_column(String(500))
    name_en: Mapped[str | None] = mapped_column(String(500))
    delegation: Mapped[str | None] = mapped_column(String(500))
    country: Mapped[str] = mapped_column(String(2))
    offers: Mapped[tuple[str, ...]] = mapped_column(TagList, default=())
    needs: Mapped[tuple[str, ...]] = mapped_column(TagList, default=())
    offers_text: Mapped[str | None] = mapped_column(Text)
    needs_text: Mapped[str | None] = mapped_column(Text)
    available: Mapped[tuple[str, ...]] = mapped_column(TagList, default=())
    min_meetings: Mapped[int] = mapped_column(Integer, default=0)
    max_meetings: Mapped[int | None] = mapped_column(Integer)
    staff: Mapped[int] = mapped_column(Integer, default=1)
    booth: Mapped[str | None] = mapped_column(String(500))
    source: Mapped[str] = mapped_column(Text)


class FairPreferenceRow(Base):
    __tablename__ = "fair_preferences"
    __table_args__ = (UniqueConstraint("from_id", "to_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    from_id: Mapped[str] = mapped_column(String(64), fk("fair_participants.id"))
    to_id: Mapped[str] = mapped_column(String(64), fk("fair_participants.id"), index=True)
    level: Mapped[str] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(String(500))
    source: Mapped[str] = mapped_column(Text)


class FairMeetingRow(Base):
    __tablename__ = "fair_meetings"
    __table_args__ = (UniqueConstraint("exhibitor_id", "buyer_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    fair_id: Mapped[str] = mapped_column(String(64), fk("fairs.id"), index=True)
    exhibitor_id: Mapped[str] = mapped_column(String(64), fk("fair_participants.id"))
    buyer_id: Mapped[str] = mapped_column(String(64), fk("fair_participants.id"), index=True)
    day: Mapped[int] = mapped_column(Integer)
    slot: Mapped[int] = mapped_column(Integer)
    table: Mapped[int] = mapped_column(Integer)
    score: Mapped[float | None]
    must: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(Text)


class FairAttendanceRow(Base):
    __tablename__ = "fair_attendance"
    __table_args__ = (UniqueConstraint("exhibitor_id", "buyer_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    exhibitor_id: Mapped[str] = mapped_column(String(64), fk("fair_participants.id"))
    buyer_id: Mapped[str] = mapped_column(String(64), fk("fair_participants.id"), index=True)
    outcome: Mapped[str] = mapped_column(String(16))
    absent: Mapped[str | None] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(String(500))
    source: Mapped[str] = mapped_column(Text)
