"""Enterprises gain export_share (出口占比): the share of output exported, a fraction 0–1, empty when unknown.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 04:49:02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("enterprises", schema=None) as batch_op:
        batch_op.add_column(sa.Column("export_share", sa.Double(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("enterprises", schema=None) as batch_op:
        batch_op.drop_column("export_share")
