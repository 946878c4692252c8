"""Alembic environment: runs online against the engine the caller put in the config.

On SQLite a batch migration rebuilds a table (copy, drop, rename); with foreign keys enforced, dropping a table
that other rows refer to fails at commit although the rename brings every row back. As SQLite's own ALTER TABLE
procedure says, foreign keys are turned off for the migration and checked before it commits.
"""

from __future__ import annotations

from alembic import context

from chainatlas.store.rows import Base

engine = context.config.attributes["engine"]
with engine.connect() as connection:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")  # outside a transaction, or SQLite ignores it
        connection.commit()
    with connection.begin():
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=True,
            compare_type=True,
        )
        context.run_migrations()
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all() if sqlite else []
        if broken:
            raise RuntimeError(f"the migration leaves references that point nowhere: {broken[:10]}")
    if sqlite:
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")
        connection.commit()
