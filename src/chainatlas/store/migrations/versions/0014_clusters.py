"""Clusters become data: a clusters table, explicit memberships, users scoped to clusters; the enterprise
flag `in_cluster` becomes the membership of a default cluster (one row per flagged enterprise) and goes.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 19:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

DEFAULT_ID = "default"
SOURCE = "migration 0014: the enterprises' in_cluster flag"


def upgrade() -> None:
    _create_tables()
    op.execute(
        sa.text(
            "INSERT INTO clusters (id, name_zh, name_en, region, root_code, is_default, source) "
            "VALUES (:id, '本集群', 'The cluster', '', NULL, :yes, :source)"
        ).bindparams(id=DEFAULT_ID, yes=True, source=SOURCE)
    )
    op.execute(
        sa.text(
            "INSERT INTO cluster_members (enterprise_id, cluster_id, included, source) "
            "SELECT id, :cluster, :yes, :source FROM enterprises WHERE in_cluster = :yes"
        ).bindparams(cluster=DEFAULT_ID, yes=True, source=SOURCE)
    )
    with op.batch_alter_table("enterprises", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_enterprises_in_cluster"))
        batch_op.drop_column("in_cluster")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("clusters", sa.Text(), nullable=False, server_default=""))


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    target_table, _, _ = target.partition(".")
    return sa.ForeignKeyConstraint(
        [column], [target], name=op.f(f"fk_{table}_{column}_{target_table}"), initially="DEFERRED", deferrable=True
    )


def _create_tables() -> None:
    op.create_table(
        "clusters",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name_zh", sa.String(length=500), nullable=False),
        sa.Column("name_en", sa.String(length=500), nullable=True),
        sa.Column("region", sa.Text(), nullable=False),
        sa.Column("root_code", sa.String(length=64), nullable=True),
        sa.Column("is_default", sa.Boolean(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        _fk("clusters", "root_code", "chain_nodes.code"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clusters")),
    )
    op.create_table(
        "cluster_members",
        sa.Column("enterprise_id", sa.String(length=64), nullable=False),
        sa.Column("cluster_id", sa.String(length=64), nullable=False),
        sa.Column("included", sa.Boolean(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        _fk("cluster_members", "cluster_id", "clusters.id"),
        _fk("cluster_members", "enterprise_id", "enterprises.id"),
        sa.PrimaryKeyConstraint("enterprise_id", "cluster_id", name=op.f("pk_cluster_members")),
    )
    op.create_index(op.f("ix_cluster_members_cluster_id"), "cluster_members", ["cluster_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("clusters")
    with op.batch_alter_table("enterprises", schema=None) as batch_op:
        batch_op.add_column(sa.Column("in_cluster", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.create_index(batch_op.f("ix_enterprises_in_cluster"), ["in_cluster"], unique=False)
    op.execute(
        sa.text(
            "UPDATE enterprises SET in_cluster = :yes WHERE id IN (SELECT m.enterprise_id FROM cluster_members m "
            "JOIN clusters c ON c.id = m.cluster_id WHERE c.is_default = :yes AND m.included = :yes)"
        ).bindparams(yes=True)
    )
    op.drop_table("cluster_members")
    op.drop_table("clusters")
