"""The shared cache of analysis results (issue 15): one row per analysis and parameter set, with the registry
version its value was computed at and the claim of the one process computing the next value, so that N server
processes compute each result once per registry version.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07 23:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "analysis_cache",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=300), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=True),
        sa.Column("value", sa.LargeBinary(), nullable=True),
        sa.Column("computing", sa.BigInteger(), nullable=True),
        sa.Column("holder", sa.String(length=100), nullable=True),
        sa.Column("lease_until", sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_analysis_cache")),
    )


def downgrade() -> None:
    op.drop_table("analysis_cache")
