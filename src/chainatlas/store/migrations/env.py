"""Alembic environment: runs online against the engine the caller put in the config."""

from __future__ import annotations

from alembic import context

from chainatlas.store.rows import Base

engine = context.config.attributes["engine"]
with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        compare_type=True,
    )
    context.run_migrations()
