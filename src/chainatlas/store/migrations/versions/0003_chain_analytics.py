"""Chain analytics: free-text products, node relations, saved what-if scenarios.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 18:52:55.128448
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "scenarios",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scenarios")),
    )
    op.create_table(
        "enterprise_products",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("enterprise_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("weight", sa.Double(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["enterprise_id"],
            ["enterprises.id"],
            name=op.f("fk_enterprise_products_enterprise_id_enterprises"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enterprise_products")),
        sa.UniqueConstraint("enterprise_id", "name", name=op.f("uq_enterprise_products_enterprise_id")),
    )
    op.create_table(
        "node_relations",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("from_code", sa.String(length=64), nullable=False),
        sa.Column("to_code", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["from_code"],
            ["chain_nodes.code"],
            name=op.f("fk_node_relations_from_code_chain_nodes"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.ForeignKeyConstraint(
            ["to_code"],
            ["chain_nodes.code"],
            name=op.f("fk_node_relations_to_code_chain_nodes"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_node_relations")),
        sa.UniqueConstraint("from_code", "to_code", "kind", name=op.f("uq_node_relations_from_code")),
    )


def downgrade() -> None:
    op.drop_table("node_relations")
    op.drop_table("enterprise_products")
    op.drop_table("scenarios")
