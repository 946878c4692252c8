"""Monitoring (issue 6): brands, their rankings, innovation platforms.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 20:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _owner_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["owner_id"],
        ["enterprises.id"],
        name=op.f(f"fk_{table}_owner_id_enterprises"),
        initially="DEFERRED",
        deferrable=True,
    )


def upgrade() -> None:
    op.create_table(
        "brands",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name_zh", sa.String(length=500), nullable=False),
        sa.Column("name_en", sa.String(length=500), nullable=True),
        sa.Column("owner_id", sa.String(length=64), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        _owner_fk("brands"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_brands")),
    )
    op.create_index(op.f("ix_brands_owner_id"), "brands", ["owner_id"], unique=False)
    op.create_table(
        "brand_rankings",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("brand_id", sa.String(length=64), nullable=False),
        sa.Column("ranking", sa.String(length=64), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["brand_id"],
            ["brands.id"],
            name=op.f("fk_brand_rankings_brand_id_brands"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_brand_rankings")),
        sa.UniqueConstraint("brand_id", "ranking", "year", name=op.f("uq_brand_rankings_brand_id")),
    )
    op.create_table(
        "innovation_platforms",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name_zh", sa.String(length=500), nullable=False),
        sa.Column("name_en", sa.String(length=500), nullable=True),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("owner_id", sa.String(length=64), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        _owner_fk("innovation_platforms"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_innovation_platforms")),
    )
    op.create_index(op.f("ix_innovation_platforms_owner_id"), "innovation_platforms", ["owner_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_innovation_platforms_owner_id"), table_name="innovation_platforms")
    op.drop_table("innovation_platforms")
    op.drop_table("brand_rankings")
    op.drop_index(op.f("ix_brands_owner_id"), table_name="brands")
    op.drop_table("brands")
