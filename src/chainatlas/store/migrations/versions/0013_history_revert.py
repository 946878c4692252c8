"""The change history learns to revert: a change names the change it reverts, a batch the batch it reverts,
and an import batch keeps the keys it added and the last change before it.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 15:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("changes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reverts_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_changes_reverts_id"), ["reverts_id"], unique=False)
    with op.batch_alter_table("change_batches", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reverts_batch_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("after_change", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("added", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("change_batches", schema=None) as batch_op:
        batch_op.drop_column("added")
        batch_op.drop_column("after_change")
        batch_op.drop_column("reverts_batch_id")
    with op.batch_alter_table("changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_changes_reverts_id"))
        batch_op.drop_column("reverts_id")
