"""Access log (issue 11): sign-ins, failures, lock-outs and confidential reads; a version per concern.

The registry_state table gains a row per concern besides the registry (2: users, 3: alerts), so that user,
token and alert writes no longer move the registry version that analysis caches key on.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 02:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

CONCERN_ROWS = (2, 3)


def upgrade() -> None:
    op.create_table(
        "access_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("username", sa.String(length=200), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("address", sa.String(length=100), nullable=True),
        sa.Column("event", sa.String(length=32), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_log")),
    )
    with op.batch_alter_table("access_log", schema=None) as batch_op:
        batch_op.create_index("ix_access_log_address_at", ["address", "at"], unique=False)
        batch_op.create_index(batch_op.f("ix_access_log_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_access_log_event"), ["event"], unique=False)
        batch_op.create_index("ix_access_log_username_id", ["username", "id"], unique=False)
    state = sa.table("registry_state", sa.column("id", sa.Integer()), sa.column("version", sa.BigInteger()))
    op.bulk_insert(state, [{"id": concern, "version": 0} for concern in CONCERN_ROWS])


def downgrade() -> None:
    state = sa.table("registry_state", sa.column("id", sa.Integer()))
    op.execute(state.delete().where(state.c.id.in_(CONCERN_ROWS)))
    with op.batch_alter_table("access_log", schema=None) as batch_op:
        batch_op.drop_index("ix_access_log_username_id")
        batch_op.drop_index(batch_op.f("ix_access_log_event"))
        batch_op.drop_index(batch_op.f("ix_access_log_at"))
        batch_op.drop_index("ix_access_log_address_at")
    op.drop_table("access_log")
