"""Resilience fields (issue 5): per-site demand, capacity, inventory, margin, time to recover; BOM ratios.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 20:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    target_table, _, target_column = target.partition(".")
    return sa.ForeignKeyConstraint(
        [column], [target], name=op.f(f"fk_{table}_{column}_{target_table}"), initially="DEFERRED", deferrable=True
    )


def upgrade() -> None:
    op.create_table(
        "resilience_profiles",
        sa.Column("enterprise_id", sa.String(length=64), nullable=False),
        sa.Column("demand_per_day", sa.String(length=40), nullable=False),
        sa.Column("capacity_per_day", sa.String(length=40), nullable=True),
        sa.Column("inventory", sa.String(length=40), nullable=False),
        sa.Column("margin_cny", sa.BigInteger(), nullable=False),
        sa.Column("ttr_days", sa.String(length=40), nullable=False),
        sa.Column("unit", sa.String(length=500), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        _fk("resilience_profiles", "enterprise_id", "enterprises.id"),
        sa.PrimaryKeyConstraint("enterprise_id", name=op.f("pk_resilience_profiles")),
    )
    op.create_table(
        "bom_lines",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("customer_id", sa.String(length=64), nullable=False),
        sa.Column("node_code", sa.String(length=64), nullable=False),
        sa.Column("units_per_unit", sa.String(length=40), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        _fk("bom_lines", "customer_id", "enterprises.id"),
        _fk("bom_lines", "node_code", "chain_nodes.code"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bom_lines")),
        sa.UniqueConstraint("customer_id", "node_code", name=op.f("uq_bom_lines_customer_id")),
    )
    with op.batch_alter_table("bom_lines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bom_lines_node_code"), ["node_code"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("bom_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bom_lines_node_code"))
    op.drop_table("bom_lines")
    op.drop_table("resilience_profiles")
