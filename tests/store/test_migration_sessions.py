"""Migration 0009 (issue 11): tokens made before it expire 90 days after they were made; revoked ones stay revoked."""

from __future__ import annotations

import datetime as dt

from alembic import command
from sqlalchemy import Boolean, DateTime, Engine, Integer, String, column, insert, select, table
from sqlalchemy.orm import Session

from chainatlas.store.migrate import alembic_config
from chainatlas.store.rows import ApiTokenRow

MADE = dt.datetime(2026, 11, 30, 8, 0, tzinfo=dt.UTC)
_users = table(
    "users",
    column("id", Integer),
    column("username", String),
    column("role", String),
    column("password_hash", String),
    column("must_change_password", Boolean),
    column("is_active", Boolean),
    column("created_at", DateTime(timezone=True)),
)
_tokens = table(
    "api_tokens",
    column("id", Integer),
    column("user_id", Integer),
    column("name", String),
    column("token_hash", String),
    column("prefix", String),
    column("created_at", DateTime(timezone=True)),
    column("revoked", Boolean),
)


def test_existing_tokens_get_an_expiry_and_keep_their_revocation(engine: Engine) -> None:
    config = alembic_config(engine)
    command.downgrade(config, "0008")
    with engine.begin() as connection:
        connection.execute(
            insert(_users).values(
                id=1,
                username="ana",
                role="analyst",
                password_hash="x",
                must_change_password=False,
                is_active=True,
                created_at=MADE,
            )
        )
        for token_id, revoked in ((1, False), (2, True)):
            connection.execute(
                insert(_tokens).values(
                    id=token_id,
                    user_id=1,
                    name="t",
                    token_hash=f"h{token_id}",
                    prefix="ca_",
                    created_at=MADE,
                    revoked=revoked,
                )
            )
    command.upgrade(config, "head")
    with Session(engine) as session:
        rows = session.scalars(select(ApiTokenRow).order_by(ApiTokenRow.id)).all()
        assert [r.expires_at for r in rows] == [dt.datetime(2027, 2, 28, 8, 0, tzinfo=dt.UTC)] * 2  # 30 Nov + 90 days
        assert rows[0].revoked_at is None and rows[1].revoked_at is not None
