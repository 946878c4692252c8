"""Sessions that end (issue 11): server-side sign-in sessions; API tokens expire and are revoked with a time.

Existing tokens expire 90 days after they were created (the default lifetime of a new token): a
token older than that is exactly what the expiry is meant to retire, and every other token keeps
working until its 90th day, so no script breaks on the day of the upgrade without warning.
A revoked token keeps its revocation, stamped with the upgrade time (the old rows did not say when).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 02:20:00
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

TOKEN_DAYS = 90

_tokens = sa.table(
    "api_tokens",
    sa.column("id", sa.Integer()),
    sa.column("created_at", sa.DateTime(timezone=True)),
    sa.column("expires_at", sa.DateTime(timezone=True)),
    sa.column("revoked", sa.Boolean()),
    sa.column("revoked_at", sa.DateTime(timezone=True)),
)


def _create_sessions() -> None:
    op.create_table(
        "user_sessions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("secret_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_reason", sa.String(length=32), nullable=True),
        sa.Column("address", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_user_sessions_user_id_users"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_sessions")),
        sa.UniqueConstraint("secret_hash", name=op.f("uq_user_sessions_secret_hash")),
    )
    with op.batch_alter_table("user_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_user_sessions_user_id"), ["user_id"], unique=False)


def _fill_token_times() -> None:
    connection = op.get_bind()
    now = dt.datetime.now(dt.UTC)
    for token_id, created, revoked in connection.execute(
        sa.select(_tokens.c.id, _tokens.c.created_at, _tokens.c.revoked)
    ):
        created = created if created.tzinfo else created.replace(tzinfo=dt.UTC)
        values = {"expires_at": created + dt.timedelta(days=TOKEN_DAYS), "revoked_at": now if revoked else None}
        connection.execute(sa.update(_tokens).where(_tokens.c.id == token_id).values(**values))


def upgrade() -> None:
    _create_sessions()
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.add_column(sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True))
    _fill_token_times()
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.alter_column("expires_at", existing_type=sa.DateTime(timezone=True), nullable=False)
        batch_op.drop_column("revoked")


def downgrade() -> None:
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.add_column(sa.Column("revoked", sa.Boolean(), nullable=True))
    op.execute(sa.update(_tokens).values(revoked=_tokens.c.revoked_at.is_not(None)))
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.alter_column("revoked", existing_type=sa.Boolean(), nullable=False)
        batch_op.drop_column("revoked_at")
        batch_op.drop_column("expires_at")
    with op.batch_alter_table("user_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_user_sessions_user_id"))
    op.drop_table("user_sessions")
