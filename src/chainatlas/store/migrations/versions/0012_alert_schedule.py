"""Alerts on a schedule (issue 13): the lease and last run of the scheduled evaluation; a version for scenarios.

`alert_schedule` holds one row (id 1): the worker process holding the evaluation's lease and until when, how
many runs have finished, when the last one ran, as of which date and at which registry version. registry_state
gains row 4 (saved what-if scenarios), so that saving a scenario no longer moves the registry version that
analysis caches (the resilience analysis among them) key on.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 15:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

SCENARIOS_CONCERN = 4


def upgrade() -> None:
    op.create_table(
        "alert_schedule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("holder", sa.String(length=100), nullable=True),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("runs", sa.BigInteger(), nullable=False),
        sa.Column("last_run_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_as_of", sa.Date(), nullable=True),
        sa.Column("registry_version", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_schedule")),
    )
    schedule = sa.table("alert_schedule", sa.column("id", sa.Integer()), sa.column("runs", sa.BigInteger()))
    op.bulk_insert(schedule, [{"id": 1, "runs": 0}])
    state = sa.table("registry_state", sa.column("id", sa.Integer()), sa.column("version", sa.BigInteger()))
    op.bulk_insert(state, [{"id": SCENARIOS_CONCERN, "version": 0}])


def downgrade() -> None:
    state = sa.table("registry_state", sa.column("id", sa.Integer()))
    op.execute(state.delete().where(state.c.id == SCENARIOS_CONCERN))
    op.drop_table("alert_schedule")
