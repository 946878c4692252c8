"""Rows of the change history, the per-concern versions, alerts, and the chain analyses' own data
(products without a node, relations between nodes, saved what-if scenarios)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, BigInteger, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from chainatlas.store.rows_base import Base, fk
from chainatlas.store.types import UTCDateTime


class ChangeBatchRow(Base):
    """One import (or other bulk write): who, when, which files, what it did."""

    __tablename__ = "change_batches"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(64))
    via: Mapped[str] = mapped_column(String(8))
    files: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    counts: Mapped[dict[str, Any]] = mapped_column(JSON)
    reverts_batch_id: Mapped[int | None] = mapped_column(Integer)
    """The batch this one reverts (a revert is itself a batch)."""
    after_change: Mapped[int | None] = mapped_column(Integer)
    """The newest change id when the batch began: a change to one of its records after it is a later change."""
    added: Mapped[dict[str, list[list[Any]]] | None] = mapped_column(JSON)
    """An import's added records: kind → their natural keys (each a list of the key's values)."""


class ChangeRow(Base):
    """One record created, updated or deleted: who, when, through what, before and after."""

    __tablename__ = "changes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    batch_id: Mapped[int | None] = mapped_column(Integer, fk("change_batches.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    actor: Mapped[str] = mapped_column(String(64))
    via: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(32))
    record_key: Mapped[str] = mapped_column(String(300))
    action: Mapped[str] = mapped_column(String(8))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    reverts_id: Mapped[int | None] = mapped_column(Integer, index=True)
    """The change this one reverts."""


class RegistryStateRow(Base):
    """One row per concern (1 registry, 2 users, 3 alerts, 4 scenarios: see store.history.Concern) whose version goes up with
    every recorded write of that concern: a cheap test for "has anything changed?"."""

    __tablename__ = "registry_state"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, default=0)


class AlertScheduleRow(Base):
    """The one row (id 1) of the scheduled alert evaluation: who holds its lease until when, and the last run."""

    __tablename__ = "alert_schedule"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    holder: Mapped[str | None] = mapped_column(String(100))
    lease_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    runs: Mapped[int] = mapped_column(BigInteger, default=0)
    last_run_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    last_as_of: Mapped[dt.date | None]
    registry_version: Mapped[int | None] = mapped_column(BigInteger)


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


class EnterpriseProductRow(Base):
    """A product an enterprise reports that maps to no chain node (kept as free text)."""

    __tablename__ = "enterprise_products"
    __table_args__ = (UniqueConstraint("enterprise_id", "name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    enterprise_id: Mapped[str] = mapped_column(String(64), fk("enterprises.id"))
    name: Mapped[str] = mapped_column(String(500))
    weight: Mapped[float | None]
    source: Mapped[str] = mapped_column(Text)


class NodeRelationRow(Base):
    """A known relation between two chain nodes (e.g. one is an upstream material of the other)."""

    __tablename__ = "node_relations"
    __table_args__ = (UniqueConstraint("from_code", "to_code", "kind"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    from_code: Mapped[str] = mapped_column(String(64), fk("chain_nodes.code"))
    to_code: Mapped[str] = mapped_column(String(64), fk("chain_nodes.code"))
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
