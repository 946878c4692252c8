"""The registry kinds' rows: chain nodes, enterprises, what they make, supply links, indicators, targets,
projects, brands, innovation platforms and the resilience inputs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Boolean, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from chainatlas.store.rows_base import Base, fk
from chainatlas.store.types import DecimalText, Fen, TagList


class ChainNodeRow(Base):
    __tablename__ = "chain_nodes"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    parent_code: Mapped[str | None] = mapped_column(String(64), fk("chain_nodes.code"), index=True)
    name_zh: Mapped[str] = mapped_column(String(500))
    name_en: Mapped[str | None] = mapped_column(String(500))
    segment: Mapped[str] = mapped_column(String(16))
    key_technology: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(Text)


SEARCH_TEXT = (
    "lower(coalesce(id, '') || chr(1) || coalesce(name_zh, '') || chr(1) || coalesce(name_en, '') || chr(1) "
    "|| coalesce(unified_code, '') || chr(1) || coalesce(listed_code, ''))"
)
"""What an enterprise search looks in on PostgreSQL (one GIN trigram index): the searched fields, lowered, joined
by chr(1), which a search text never holds, so `contains(text)` on it is `contains(text)` on any one field."""
TAGS_TEXT = "(';' || tags || ';')"
"""What the tag filter looks in on PostgreSQL (a GIN trigram index): `;tag;` inside it is the tag in the list."""


class EnterpriseRow(Base):
    __tablename__ = "enterprises"
    __table_args__ = (
        *(Index(f"ix_enterprises_{place}_id", place, "id") for place in ("province", "city", "district", "park")),
        Index(
            "ix_enterprises_search_trgm",
            text(SEARCH_TEXT),
            postgresql_using="gin",
            postgresql_ops={"search_text": "gin_trgm_ops"},
        ).ddl_if(dialect="postgresql"),
        Index(
            "ix_enterprises_tags_trgm",
            text(TAGS_TEXT),
            postgresql_using="gin",
            postgresql_ops={"tags_text": "gin_trgm_ops"},
        ).ddl_if(dialect="postgresql"),
    )
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(500), index=True)
    name_en: Mapped[str | None] = mapped_column(String(500))
    unified_code: Mapped[str | None] = mapped_column(String(18), unique=True)
    country: Mapped[str] = mapped_column(String(2))
    province: Mapped[str | None] = mapped_column(String(120))
    city: Mapped[str | None] = mapped_column(String(120))
    district: Mapped[str | None] = mapped_column(String(120))
    park: Mapped[str | None] = mapped_column(String(120))
    longitude: Mapped[float | None]
    latitude: Mapped[float | None]
    aliases: Mapped[tuple[str, ...]] = mapped_column(TagList, default=())
    size_class: Mapped[str | None] = mapped_column(String(8))
    tags: Mapped[tuple[str, ...]] = mapped_column(TagList, default=())
    founded: Mapped[int | None] = mapped_column(Integer)
    employees: Mapped[int | None] = mapped_column(Integer)
    parent_id: Mapped[str | None] = mapped_column(String(64), fk("enterprises.id"))
    listed_code: Mapped[str | None] = mapped_column(String(16))
    export_share: Mapped[float | None]
    source: Mapped[str] = mapped_column(Text)


class ClusterRow(Base):
    __tablename__ = "clusters"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(500))
    name_en: Mapped[str | None] = mapped_column(String(500))
    region: Mapped[tuple[str, ...]] = mapped_column(TagList, default=())
    root_code: Mapped[str | None] = mapped_column(String(64), fk("chain_nodes.code"))
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(Text)


class OrganisationRow(Base):
    __tablename__ = "organisations"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(500), index=True)
    name_en: Mapped[str | None] = mapped_column(String(500))
    type: Mapped[str] = mapped_column(String(32))
    aliases: Mapped[tuple[str, ...]] = mapped_column(TagList, default=())
    parent_id: Mapped[str | None] = mapped_column(String(64), fk("organisations.id"))
    province: Mapped[str | None] = mapped_column(String(120))
    city: Mapped[str | None] = mapped_column(String(120))
    district: Mapped[str | None] = mapped_column(String(120))
    longitude: Mapped[float | None]
    latitude: Mapped[float | None]
    source: Mapped[str] = mapped_column(Text)


class ClusterMemberRow(Base):
    """An explicit membership; keyed (enterprise_id, cluster_id) so that it is distributed with its enterprise."""

    __tablename__ = "cluster_members"
    enterprise_id: Mapped[str] = mapped_column(String(64), fk("enterprises.id"), primary_key=True)
    cluster_id: Mapped[str] = mapped_column(String(64), fk("clusters.id"), primary_key=True, index=True)
    included: Mapped[bool] = mapped_column(Boolean, default=True)
    source: Mapped[str] = mapped_column(Text)


class EnterpriseNodeRow(Base):
    __tablename__ = "enterprise_nodes"
    __table_args__ = (UniqueConstraint("enterprise_id", "node_code"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    enterprise_id: Mapped[str] = mapped_column(String(64), fk("enterprises.id"))
    node_code: Mapped[str] = mapped_column(String(64), fk("chain_nodes.code"), index=True)
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
    supplier_id: Mapped[str] = mapped_column(String(64), fk("enterprises.id"))
    customer_id: Mapped[str] = mapped_column(String(64), fk("enterprises.id"))
    node_code: Mapped[str] = mapped_column(String(64), fk("chain_nodes.code"), index=True)
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
    owner_id: Mapped[str | None] = mapped_column(String(64), fk("enterprises.id"))
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
    project_id: Mapped[str] = mapped_column(String(64), fk("projects.id"))
    name: Mapped[str] = mapped_column(String(500))
    planned_date: Mapped[dt.date | None]
    actual_date: Mapped[dt.date | None]
    source: Mapped[str] = mapped_column(Text)


class ProjectProgressRow(Base):
    __tablename__ = "project_progress"
    __table_args__ = (UniqueConstraint("project_id", "period"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    project_id: Mapped[str] = mapped_column(String(64), fk("projects.id"))
    period: Mapped[str] = mapped_column(String(7))
    investment_completed_cny: Mapped[Decimal | None] = mapped_column(Fen)
    capacity_reached: Mapped[Decimal | None] = mapped_column(DecimalText)
    source: Mapped[str] = mapped_column(Text)


class BrandRow(Base):
    __tablename__ = "brands"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(500))
    name_en: Mapped[str | None] = mapped_column(String(500))
    owner_id: Mapped[str | None] = mapped_column(String(64), fk("enterprises.id"), index=True)
    source: Mapped[str] = mapped_column(Text)


class BrandRankingRow(Base):
    __tablename__ = "brand_rankings"
    __table_args__ = (UniqueConstraint("brand_id", "ranking", "year"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    brand_id: Mapped[str] = mapped_column(String(64), fk("brands.id"))
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
    owner_id: Mapped[str | None] = mapped_column(String(64), fk("enterprises.id"), index=True)
    year: Mapped[int | None] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(Text)


class ResilienceProfileRow(Base):
    """One enterprise site's figures for the resilience model (issue 5), with their own source."""

    __tablename__ = "resilience_profiles"
    enterprise_id: Mapped[str] = mapped_column(String(64), fk("enterprises.id"), primary_key=True)
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
    customer_id: Mapped[str] = mapped_column(String(64), fk("enterprises.id"))
    node_code: Mapped[str] = mapped_column(String(64), fk("chain_nodes.code"), index=True)
    units_per_unit: Mapped[Decimal] = mapped_column(DecimalText)
    source: Mapped[str] = mapped_column(Text)
