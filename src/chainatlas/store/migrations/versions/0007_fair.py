"""The fair (issue 7): fairs, participants, preferences, meetings, attendance.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 20:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fairs",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name_zh", sa.String(length=500), nullable=False),
        sa.Column("name_en", sa.String(length=500), nullable=True),
        sa.Column("edition", sa.Integer(), nullable=True),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=False),
        sa.Column("venue", sa.String(length=500), nullable=True),
        sa.Column("first_slot", sa.String(length=5), nullable=False),
        sa.Column("slot_minutes", sa.Integer(), nullable=False),
        sa.Column("slots_per_day", sa.Integer(), nullable=False),
        sa.Column("tables", sa.Integer(), nullable=False),
        sa.Column("timezone", sa.String(length=500), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fairs")),
    )
    op.create_table(
        "fair_participants",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("fair_id", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("enterprise_id", sa.String(length=64), nullable=True),
        sa.Column("name_zh", sa.String(length=500), nullable=False),
        sa.Column("name_en", sa.String(length=500), nullable=True),
        sa.Column("delegation", sa.String(length=500), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("offers", sa.Text(), nullable=False),
        sa.Column("needs", sa.Text(), nullable=False),
        sa.Column("offers_text", sa.Text(), nullable=True),
        sa.Column("needs_text", sa.Text(), nullable=True),
        sa.Column("available", sa.Text(), nullable=False),
        sa.Column("min_meetings", sa.Integer(), nullable=False),
        sa.Column("max_meetings", sa.Integer(), nullable=True),
        sa.Column("staff", sa.Integer(), nullable=False),
        sa.Column("booth", sa.String(length=500), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["enterprise_id"],
            ["enterprises.id"],
            name=op.f("fk_fair_participants_enterprise_id_enterprises"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.ForeignKeyConstraint(
            ["fair_id"],
            ["fairs.id"],
            name=op.f("fk_fair_participants_fair_id_fairs"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fair_participants")),
    )
    with op.batch_alter_table("fair_participants", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fair_participants_enterprise_id"), ["enterprise_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_fair_participants_fair_id"), ["fair_id"], unique=False)

    op.create_table(
        "fair_attendance",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("exhibitor_id", sa.String(length=64), nullable=False),
        sa.Column("buyer_id", sa.String(length=64), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("absent", sa.String(length=16), nullable=True),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["buyer_id"],
            ["fair_participants.id"],
            name=op.f("fk_fair_attendance_buyer_id_fair_participants"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.ForeignKeyConstraint(
            ["exhibitor_id"],
            ["fair_participants.id"],
            name=op.f("fk_fair_attendance_exhibitor_id_fair_participants"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fair_attendance")),
        sa.UniqueConstraint("exhibitor_id", "buyer_id", name=op.f("uq_fair_attendance_exhibitor_id")),
    )
    with op.batch_alter_table("fair_attendance", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fair_attendance_buyer_id"), ["buyer_id"], unique=False)

    op.create_table(
        "fair_meetings",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("fair_id", sa.String(length=64), nullable=False),
        sa.Column("exhibitor_id", sa.String(length=64), nullable=False),
        sa.Column("buyer_id", sa.String(length=64), nullable=False),
        sa.Column("day", sa.Integer(), nullable=False),
        sa.Column("slot", sa.Integer(), nullable=False),
        sa.Column("table", sa.Integer(), nullable=False),
        sa.Column("score", sa.Double(), nullable=True),
        sa.Column("must", sa.Boolean(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["buyer_id"],
            ["fair_participants.id"],
            name=op.f("fk_fair_meetings_buyer_id_fair_participants"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.ForeignKeyConstraint(
            ["exhibitor_id"],
            ["fair_participants.id"],
            name=op.f("fk_fair_meetings_exhibitor_id_fair_participants"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.ForeignKeyConstraint(
            ["fair_id"],
            ["fairs.id"],
            name=op.f("fk_fair_meetings_fair_id_fairs"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fair_meetings")),
        sa.UniqueConstraint("exhibitor_id", "buyer_id", name=op.f("uq_fair_meetings_exhibitor_id")),
    )
    with op.batch_alter_table("fair_meetings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fair_meetings_buyer_id"), ["buyer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_fair_meetings_fair_id"), ["fair_id"], unique=False)

    op.create_table(
        "fair_preferences",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("from_id", sa.String(length=64), nullable=False),
        sa.Column("to_id", sa.String(length=64), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["from_id"],
            ["fair_participants.id"],
            name=op.f("fk_fair_preferences_from_id_fair_participants"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.ForeignKeyConstraint(
            ["to_id"],
            ["fair_participants.id"],
            name=op.f("fk_fair_preferences_to_id_fair_participants"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fair_preferences")),
        sa.UniqueConstraint("from_id", "to_id", name=op.f("uq_fair_preferences_from_id")),
    )
    with op.batch_alter_table("fair_preferences", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fair_preferences_to_id"), ["to_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("fair_preferences", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fair_preferences_to_id"))

    op.drop_table("fair_preferences")
    with op.batch_alter_table("fair_meetings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fair_meetings_fair_id"))
        batch_op.drop_index(batch_op.f("ix_fair_meetings_buyer_id"))

    op.drop_table("fair_meetings")
    with op.batch_alter_table("fair_attendance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fair_attendance_buyer_id"))

    op.drop_table("fair_attendance")
    with op.batch_alter_table("fair_participants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fair_participants_fair_id"))
        batch_op.drop_index(batch_op.f("ix_fair_participants_enterprise_id"))

    op.drop_table("fair_participants")
    op.drop_table("fairs")
