"""The schema as SQLAlchemy rows. Migrations, not `create_all()`, create it.

All rows live in one module because they form one schema with foreign keys between them;
each kind's behaviour lives in its repository.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, ForeignKey, Index, Integer, MetaData, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from chainatlas.store.types import DecimalText, Fen, TagList, UTCDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with a constraint naming convention that migrations rely on."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _fk(target: str) -> ForeignKey:
    # Deferred so that one import may insert a record before the record it refers to.
    return ForeignKey(target, deferrable=True, initially="DEFERRED")


class ChainNodeRow(Base):
    __tablename__ = "chain_nodes"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    parent_code: Mapped[str | None] = mapped_column(String(64), _fk("chain_nodes.code"), index=True)
    name_zh: Mapped[str] = mapped_column(String(500))
    name_en: Mapped[str | None] = mapped_column(String(500))
    segment: Mapped[str] = mapped_column(String(16))
    key_technology: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(Text)


class EnterpriseRow(Base):
    __tablename__ = "enterprises"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(500), index=True)
    name_en: Mapped[str | None] = mapped_column(String(500))
    unified_code: Mapped[str | None] = mapped_column(String(18), unique=True)
    country: Mapped[str] = mapped_column(String(2))
    province: Mapped[str | None] = mapped_column(String(120))
    city: Mapped[str | None] = mapped_column(String(120))
    district: Mapped[str | None] = mapped_column(String(120))
    park: Mapped[str | None] = mapped_column(String(120))
    in_cluster: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    size_class: Mapped[str | None] = mapped_column(String(8))
    tags: Mapped[tuple[str, ...]] = mapped_column(TagList, default=())
    founded: Mapped[int | None] = mapped_column(Integer)
    employees: Mapped[int | None] = mapped_column(Integer)
    parent_id: Mapped[str | None] = mapped_column(String(64), _fk("enterprises.id"))
    listed_code: Mapped[str | None] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(Text)


class EnterpriseNodeRow(Base):
    __tablename__ = "enterprise_nodes"
    __table_args__ = (UniqueConstraint("enterprise_id", "node_code"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    enterprise_id: Mapped[str] = mapped_column(String(64), _fk("enterprises.id"))
    node_code: Mapped[str] = mapped_column(String(64), _fk("chain_nodes.code"), index=True)
    annual_output_cny: Mapped[Decimal | None] = mapped_column(Fen)
    capacity: Mapped[Decimal | None] = mapped_column(DecimalText)
    capacity_unit: Mapped[str | None] = mapped_column(String(500))
    source: Mapped[str] = mapped_column(Text)


class SupplyLinkRow(Base):
    __tablename__ = "supply_links"
    __table_args__ = (
        UniqueConstraint("supplier_id", "customer_id", "node_code"),
        Index("ix_supply_links_customer_node", "customer_id", "node_code"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    supplier_id: Mapped[str] = mapped_column(String(64), _fk("enterprises.id"))
    customer_id: Mapped[str] = mapped_column(String(64), _fk("enterprises.id"))
    node_code: Mapped[str] = mapped_column(String(64), _fk("chain_nodes.code"), index=True)
    annual_value_cny: Mapped[Decimal | None] = mapped_column(Fen)
    share: Mapped[float | None]
    since: Mapped[int | None]
    until: Mapped[int | None]
    confidence: Mapped[float | None]
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)
    evidence: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)


class IndicatorRow(Base):
    __tablename__ = "indicators"
    __table_args__ = (UniqueConstraint("metric", "scope", "period"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    metric: Mapped[str] = mapped_column(String(64))
    scope: Mapped[str] = mapped_column(String(80), index=True)
    period: Mapped[str] = mapped_column(String(7))
    value: Mapped[Decimal] = mapped_column(DecimalText)
    unit: Mapped[str | None] = mapped_column(String(500))
    source: Mapped[str] = mapped_column(Text)


class TargetRow(Base):
    __tablename__ = "targets"
    __table_args__ = (UniqueConstraint("metric", "scope", "target_period"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    metric: Mapped[str] = mapped_column(String(64))
    scope: Mapped[str] = mapped_column(String(80))
    target_period: Mapped[str] = mapped_column(String(7))
    target_value: Mapped[Decimal] = mapped_column(DecimalText)
    unit: Mapped[str | None] = mapped_column(String(500))
    baseline_period: Mapped[str | None] = mapped_column(String(7))
    baseline_value: Mapped[Decimal | None] = mapped_column(DecimalText)
    source: Mapped[str] = mapped_column(Text)


class ProjectRow(Base):
    __tablename__ = "projects"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(500))
    name_en: Mapped[str | None] = mapped_column(String(500))
    owner_id: Mapped[str | None] = mapped_column(String(64), _fk("enterprises.id"))
    kind: Mapped[str] = mapped_column(String(32))
    planned_investment_cny: Mapped[Decimal | None] = mapped_column(Fen)
    start: Mapped[dt.date | None]
    planned_finish: Mapped[dt.date | None]
    planned_capacity: Mapped[Decimal | None] = mapped_column(DecimalText)
    capacity_unit: Mapped[str | None] = mapped_column(String(500))
    source: Mapped[str] = mapped_column(Text)


class MilestoneRow(Base):
    __tablename__ = "milestones"
    __table_args__ = (UniqueConstraint("project_id", "name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    project_id: Mapped[str] = mapped_column(String(64), _fk("projects.id"))
    name: Mapped[str] = mapped_column(String(500))
    planned_date: Mapped[dt.date | None]
    actual_date: Mapped[dt.date | None]
    source: Mapped[str] = mapped_column(Text)


class ProjectProgressRow(Base):
    __tablename__ = "project_progress"
    __table_args__ = (UniqueConstraint("project_id", "period"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    project_id: Mapped[str] = mapped_column(String(64), _fk("projects.id"))
    period: Mapped[str] = mapped_column(String(7))
    investment_completed_cny: Mapped[Decimal | None] = mapped_column(Fen)
    capacity_reached: Mapped[Decimal | None] = mapped_column(DecimalText)
    source: Mapped[str] = mapped_column(Text)


class UserRow(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    enterprise_id: Mapped[str | None] = mapped_column(String(64), _fk("enterprises.id"))
    password_hash: Mapped[str] = mapped_column(String(200))
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class ChangeBatchRow(Base):
    """One import (or other bulk write): who, when, which files, what it did."""

    __tablename__ = "change_batches"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(64))
    via: Mapped[str] = mapped_column(String(8))
    files: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    counts: Mapped[dict[str, Any]] = mapped_column(JSON)


class ChangeRow(Base):
    """One record created, updated or deleted: who, when, through what, before and after."""

    __tablename__ = "changes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    batch_id: Mapped[int | None] = mapped_column(Integer, _fk("change_batches.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    actor: Mapped[str] = mapped_column(String(64))
    via: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(32))
    record_key: Mapped[str] = mapped_column(String(300))
    action: Mapped[str] = mapped_column(String(8))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)


ROW_BY_KIND: dict[str, type[Base]] = {
    "chain_nodes": ChainNodeRow,
    "enterprises": EnterpriseRow,
    "enterprise_nodes": EnterpriseNodeRow,
    "supply_links": SupplyLinkRow,
    "indicators": IndicatorRow,
    "targets": TargetRow,
    "projects": ProjectRow,
    "milestones": MilestoneRow,
    "project_progress": ProjectProgressRow,
}


class ApiTokenRow(Base):
    """An API token: only its SHA-256 is stored; the token itself is shown once."""

    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(Integer, _fk("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class UserSessionRow(Base):
    """A sign-in session: the cookie carries a random secret, only its SHA-256 is stored here."""

    __tablename__ = "user_sessions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(Integer, _fk("users.id"), index=True)
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    ended_reason: Mapped[str | None] = mapped_column(String(32))
    address: Mapped[str | None] = mapped_column(String(64))


class EnterpriseProductRow(Base):
    """A product an enterprise reports that maps to no chain node (kept as free text)."""

    __tablename__ = "enterprise_products"
    __table_args__ = (UniqueConstraint("enterprise_id", "name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    enterprise_id: Mapped[str] = mapped_column(String(64), _fk("enterprises.id"))
    name: Mapped[str] = mapped_column(String(500))
    weight: Mapped[float | None]
    source: Mapped[str] = mapped_column(Text)


class NodeRelationRow(Base):
    """A known relation between two chain nodes (e.g. one is an upstream material of the other)."""

    __tablename__ = "node_relations"
    __table_args__ = (UniqueConstraint("from_code", "to_code", "kind"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    from_code: Mapped[str] = mapped_column(String(64), _fk("chain_nodes.code"))
    to_code: Mapped[str] = mapped_column(String(64), _fk("chain_nodes.code"))
    kind: Mapped[str] = mapped_column(String(32))
    source: Mapped[str] = mapped_column(Text)


class ScenarioRow(Base):
    """A saved what-if scenario: its changes, not their effect (that is recomputed on demand)."""

    __tablename__ = "scenarios"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200))
    changes: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    year: Mapped[int | None]
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class RegistryStateRow(Base):
    """One row per concern (1 registry, 2 users, 3 alerts: see store.history.Concern) whose version goes up with
    every recorded write of that concern: a cheap test for "has anything changed?"."""

    __tablename__ = "registry_state"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, default=0)


class BrandRow(Base):
    __tablename__ = "brands"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(500))
    name_en: Mapped[str | None] = mapped_column(String(500))
    owner_id: Mapped[str | None] = mapped_column(String(64), _fk("enterprises.id"), index=True)
    source: Mapped[str] = mapped_column(Text)


class BrandRankingRow(Base):
    __tablename__ = "brand_rankings"
    __table_args__ = (UniqueConstraint("brand_id", "ranking", "year"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    brand_id: Mapped[str] = mapped_column(String(64), _fk("brands.id"))
    ranking: Mapped[str] = mapped_column(String(64))
    year: Mapped[int] = mapped_column(Integer)
    rank: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(Text)


class InnovationPlatformRow(Base):
    __tablename__ = "innovation_platforms"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(500))
    name_en: Mapped[str | None] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(40))
    level: Mapped[str] = mapped_column(String(16))
    owner_id: Mapped[str | None] = mapped_column(String(64), _fk("enterprises.id"), index=True)
    year: Mapped[int | None] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(Text)


# The fair (issue 7): fairs, participants, preferences, meetings, attendance.


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
    fair_id: Mapped[str] = mapped_column(String(64), _fk("fairs.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    enterprise_id: Mapped[str | None] = mapped_column(String(64), _fk("enterprises.id"), index=True)
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
    from_id: Mapped[str] = mapped_column(String(64), _fk("fair_participants.id"))
    to_id: Mapped[str] = mapped_column(String(64), _fk("fair_participants.id"), index=True)
    level: Mapped[str] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(String(500))
    source: Mapped[str] = mapped_column(Text)


class FairMeetingRow(Base):
    __tablename__ = "fair_meetings"
    __table_args__ = (UniqueConstraint("exhibitor_id", "buyer_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    fair_id: Mapped[str] = mapped_column(String(64), _fk("fairs.id"), index=True)
    exhibitor_id: Mapped[str] = mapped_column(String(64), _fk("fair_participants.id"))
    buyer_id: Mapped[str] = mapped_column(String(64), _fk("fair_participants.id"), index=True)
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
    exhibitor_id: Mapped[str] = mapped_column(String(64), _fk("fair_participants.id"))
    buyer_id: Mapped[str] = mapped_column(String(64), _fk("fair_participants.id"), index=True)
    outcome: Mapped[str] = mapped_column(String(16))
    absent: Mapped[str | None] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(String(500))
    source: Mapped[str] = mapped_column(Text)


ROW_BY_KIND.update(
    {"brands": BrandRow, "brand_rankings": BrandRankingRow, "innovation_platforms": InnovationPlatformRow}
)
ROW_BY_KIND.update(
    {
        "fairs": FairRow,
        "fair_participants": FairParticipantRow,
        "fair_preferences": FairPreferenceRow,
        "fair_meetings": FairMeetingRow,
        "fair_attendance": FairAttendanceRow,
    }
)


class ResilienceProfileRow(Base):
    """One enterprise site's figures for the resilience model (issue 5), with their own source."""

    __tablename__ = "resilience_profiles"
    enterprise_id: Mapped[str] = mapped_column(String(64), _fk("enterprises.id"), primary_key=True)
    demand_per_day: Mapped[Decimal] = mapped_column(DecimalText)
    capacity_per_day: Mapped[Decimal | None] = mapped_column(DecimalText)
    inventory: Mapped[Decimal] = mapped_column(DecimalText)
    margin_cny: Mapped[Decimal] = mapped_column(Fen)
    ttr_days: Mapped[Decimal] = mapped_column(DecimalText)
    unit: Mapped[str | None] = mapped_column(String(500))
    source: Mapped[str] = mapped_column(Text)


class BomRatioRow(Base):
    """Units of a material (chain node) a customer needs per unit of its product (issue 5)."""

    __tablename__ = "bom_lines"
    __table_args__ = (UniqueConstraint("customer_id", "node_code"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    customer_id: Mapped[str] = mapped_column(String(64), _fk("enterprises.id"))
    node_code: Mapped[str] = mapped_column(String(64), _fk("chain_nodes.code"), index=True)
    units_per_unit: Mapped[Decimal] = mapped_column(DecimalText)
    source: Mapped[str] = mapped_column(Text)


ROW_BY_KIND.update({"resilience_profiles": ResilienceProfileRow, "bom_lines": BomRatioRow})


class AlertRow(Base):
    """A monitoring alert: one row per condition key, updated (never duplicated) by every evaluation."""

    __tablename__ = "alerts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(700), unique=True)
    rule: Mapped[str] = mapped_column(String(32), index=True)
    subject: Mapped[str] = mapped_column(String(700))
    severity: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16), index=True)
    details: Mapped[dict[str, Any]] = mapped_column(JSON)
    first_raised_on: Mapped[dt.date]
    last_seen_on: Mapped[dt.date]
    cleared_on: Mapped[dt.date | None]
    times_raised: Mapped[int] = mapped_column(Integer, default=1)
    acknowledged_by: Mapped[str | None] = mapped_column(String(64))
    acknowledged_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class AccessLogRow(Base):
    """Who signed in (or failed to), was throttled, locked or unlocked, or read confidential links; when, from where.

    Not registry data: writing here moves no version, so no cache is emptied.
    """

    __tablename__ = "access_log"
    __table_args__ = (
        Index("ix_access_log_username_id", "username", "id"),
        Index("ix_access_log_address_at", "address", "at"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    username: Mapped[str] = mapped_column(String(200))
    user_id: Mapped[int | None] = mapped_column(Integer)
    address: Mapped[str | None] = mapped_column(String(100))
    event: Mapped[str] = mapped_column(String(32), index=True)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)
