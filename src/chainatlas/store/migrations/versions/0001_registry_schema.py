"""Registry schema: chain nodes, enterprises, links, indicators, targets, projects, users, change history.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-25 18:14:01.340381
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "chain_nodes",
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("parent_code", sa.String(length=64), nullable=True),
        sa.Column("name_zh", sa.String(length=500), nullable=False),
        sa.Column("name_en", sa.String(length=500), nullable=True),
        sa.Column("segment", sa.String(length=16), nullable=False),
        sa.Column("key_technology", sa.Boolean(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_code"],
            ["chain_nodes.code"],
            name=op.f("fk_chain_nodes_parent_code_chain_nodes"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_chain_nodes")),
    )
    with op.batch_alter_table("chain_nodes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_chain_nodes_parent_code"), ["parent_code"], unique=False)

    op.create_table(
        "change_batches",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("via", sa.String(length=8), nullable=False),
        sa.Column("files", sa.JSON(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_batches")),
    )
    op.create_table(
        "enterprises",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name_zh", sa.String(length=500), nullable=False),
        sa.Column("name_en", sa.String(length=500), nullable=True),
        sa.Column("unified_code", sa.String(length=18), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("province", sa.String(length=120), nullable=True),
        sa.Column("city", sa.String(length=120), nullable=True),
        sa.Column("district", sa.String(length=120), nullable=True),
        sa.Column("park", sa.String(length=120), nullable=True),
        sa.Column("in_cluster", sa.Boolean(), nullable=False),
        sa.Column("size_class", sa.String(length=8), nullable=True),
        sa.Column("tags", sa.Text(), nullable=False),
        sa.Column("founded", sa.Integer(), nullable=True),
        sa.Column("employees", sa.Integer(), nullable=True),
        sa.Column("parent_id", sa.String(length=64), nullable=True),
        sa.Column("listed_code", sa.String(length=16), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["enterprises.id"],
            name=op.f("fk_enterprises_parent_id_enterprises"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enterprises")),
        sa.UniqueConstraint("unified_code", name=op.f("uq_enterprises_unified_code")),
    )
    with op.batch_alter_table("enterprises", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_enterprises_in_cluster"), ["in_cluster"], unique=False)
        batch_op.create_index(batch_op.f("ix_enterprises_name_zh"), ["name_zh"], unique=False)

    op.create_table(
        "indicators",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("metric", sa.String(length=64), nullable=False),
        sa.Column("scope", sa.String(length=80), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("value", sa.String(length=40), nullable=False),
        sa.Column("unit", sa.String(length=500), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicators")),
        sa.UniqueConstraint("metric", "scope", "period", name=op.f("uq_indicators_metric")),
    )
    with op.batch_alter_table("indicators", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_indicators_scope"), ["scope"], unique=False)

    op.create_table(
        "targets",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("metric", sa.String(length=64), nullable=False),
        sa.Column("scope", sa.String(length=80), nullable=False),
        sa.Column("target_period", sa.String(length=7), nullable=False),
        sa.Column("target_value", sa.String(length=40), nullable=False),
        sa.Column("unit", sa.String(length=500), nullable=True),
        sa.Column("baseline_period", sa.String(length=7), nullable=True),
        sa.Column("baseline_value", sa.String(length=40), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_targets")),
        sa.UniqueConstraint("metric", "scope", "target_period", name=op.f("uq_targets_metric")),
    )
    op.create_table(
        "changes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("via", sa.String(length=8), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("record_key", sa.String(length=300), nullable=False),
        sa.Column("action", sa.String(length=8), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["change_batches.id"],
            name=op.f("fk_changes_batch_id_change_batches"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_changes")),
    )
    with op.batch_alter_table("changes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_changes_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_changes_batch_id"), ["batch_id"], unique=False)

    op.create_table(
        "enterprise_nodes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("enterprise_id", sa.String(length=64), nullable=False),
        sa.Column("node_code", sa.String(length=64), nullable=False),
        sa.Column("annual_output_cny", sa.BigInteger(), nullable=True),
        sa.Column("capacity", sa.String(length=40), nullable=True),
        sa.Column("capacity_unit", sa.String(length=500), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["enterprise_id"],
            ["enterprises.id"],
            name=op.f("fk_enterprise_nodes_enterprise_id_enterprises"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.ForeignKeyConstraint(
            ["node_code"],
            ["chain_nodes.code"],
            name=op.f("fk_enterprise_nodes_node_code_chain_nodes"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enterprise_nodes")),
        sa.UniqueConstraint("enterprise_id", "node_code", name=op.f("uq_enterprise_nodes_enterprise_id")),
    )
    with op.batch_alter_table("enterprise_nodes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_enterprise_nodes_node_code"), ["node_code"], unique=False)

    op.create_table(
        "projects",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name_zh", sa.String(length=500), nullable=False),
        sa.Column("name_en", sa.String(length=500), nullable=True),
        sa.Column("owner_id", sa.String(length=64), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("planned_investment_cny", sa.BigInteger(), nullable=True),
        sa.Column("start", sa.Date(), nullable=True),
        sa.Column("planned_finish", sa.Date(), nullable=True),
        sa.Column("planned_capacity", sa.String(length=40), nullable=True),
        sa.Column("capacity_unit", sa.String(length=500), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["enterprises.id"],
            name=op.f("fk_projects_owner_id_enterprises"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_projects")),
    )
    op.create_table(
        "supply_links",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("supplier_id", sa.String(length=64), nullable=False),
        sa.Column("customer_id", sa.String(length=64), nullable=False),
        sa.Column("node_code", sa.String(length=64), nullable=False),
        sa.Column("annual_value_cny", sa.BigInteger(), nullable=True),
        sa.Column("share", sa.Double(), nullable=True),
        sa.Column("since", sa.Integer(), nullable=True),
        sa.Column("until", sa.Integer(), nullable=True),
        sa.Column("confidence", sa.Double(), nullable=True),
        sa.Column("confidential", sa.Boolean(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["enterprises.id"],
            name=op.f("fk_supply_links_customer_id_enterprises"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.ForeignKeyConstraint(
            ["node_code"],
            ["chain_nodes.code"],
            name=op.f("fk_supply_links_node_code_chain_nodes"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.ForeignKeyConstraint(
            ["supplier_id"],
            ["enterprises.id"],
            name=op.f("fk_supply_links_supplier_id_enterprises"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supply_links")),
        sa.UniqueConstraint(
            "supplier_id",
            "customer_id",
            "node_code",
            name=op.f("uq_supply_links_supplier_id"),
        ),
    )
    with op.batch_alter_table("supply_links", schema=None) as batch_op:
        batch_op.create_index("ix_supply_links_customer_node", ["customer_id", "node_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_supply_links_node_code"), ["node_code"], unique=False)

    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=True),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("enterprise_id", sa.String(length=64), nullable=True),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("must_change_password", sa.Boolean(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["enterprise_id"],
            ["enterprises.id"],
            name=op.f("fk_users_enterprise_id_enterprises"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    op.create_table(
        "milestones",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("planned_date", sa.Date(), nullable=True),
        sa.Column("actual_date", sa.Date(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_milestones_project_id_projects"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_milestones")),
        sa.UniqueConstraint("project_id", "name", name=op.f("uq_milestones_project_id")),
    )
    op.create_table(
        "project_progress",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("investment_completed_cny", sa.BigInteger(), nullable=True),
        sa.Column("capacity_reached", sa.String(length=40), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_project_progress_project_id_projects"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_progress")),
        sa.UniqueConstraint("project_id", "period", name=op.f("uq_project_progress_project_id")),
    )


def downgrade() -> None:

    op.drop_table("project_progress")
    op.drop_table("milestones")
    op.drop_table("users")
    with op.batch_alter_table("supply_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_supply_links_node_code"))
        batch_op.drop_index("ix_supply_links_customer_node")

    op.drop_table("supply_links")
    op.drop_table("projects")
    with op.batch_alter_table("enterprise_nodes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_enterprise_nodes_node_code"))

    op.drop_table("enterprise_nodes")
    with op.batch_alter_table("changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_changes_batch_id"))
        batch_op.drop_index(batch_op.f("ix_changes_at"))

    op.drop_table("changes")
    op.drop_table("targets")
    with op.batch_alter_table("indicators", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicators_scope"))

    op.drop_table("indicators")
    with op.batch_alter_table("enterprises", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_enterprises_name_zh"))
        batch_op.drop_index(batch_op.f("ix_enterprises_in_cluster"))

    op.drop_table("enterprises")
    op.drop_table("change_batches")
    with op.batch_alter_table("chain_nodes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chain_nodes_parent_code"))

    op.drop_table("chain_nodes")
