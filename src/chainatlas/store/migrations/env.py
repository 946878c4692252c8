"""Alembic environment: runs online against the engine the caller put in the config.

On SQLite a batch migration rebuilds a table (copy, drop, rename); with foreign keys enforced, dropping a table
that other rows refer to fails at commit although the rename brings every row back. As SQLite's own ALTER TABLE
procedure says, foreign keys are turned off for the migration, which may then not commit more references to
nothing than the database held before it.
"""

from __future__ import annotations

from collections import Counter

from alembic import context
from sqlalchemy import Connection

from chainatlas.store.rows import Base


def dangling(connection: Connection) -> Counter[tuple[str, str]]:
    """Return how many rows of each (table, referred table) refer to no row (SQLite's foreign key check)."""
    return Counter((row[0], row[2]) for row in connection.exec_driver_sql("PRAGMA foreign_key_check"))


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
        before = dangling(connection) if sqlite else Counter()
        context.run_migrations()
        added = (dangling(connection) - before) if sqlite else Counter()
        if added:
            raise RuntimeError(f"the migration leaves references that point nowhere: {dict(added)}")
    if sqlite:
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")
        connection.commit()
