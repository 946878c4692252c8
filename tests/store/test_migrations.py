"""The schema comes only from migrations, and the migrations match the rows the code declares."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect

from chainatlas.store.migrate import alembic_config, current_revision, head_revision
from chainatlas.store.rows import Base


def test_database_is_at_the_head_revision(engine: Engine) -> None:
    assert current_revision(engine) == head_revision(engine)


EXPRESSION_INDEXES = {"ix_enterprises_search_trgm", "ix_enterprises_tags_trgm"}
"""Indexes on an expression: PostgreSQL reflects them in its own spelling, so they cannot be compared as text."""


def _compared(item: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    return not (type_ == "index" and name in EXPRESSION_INDEXES)


def test_migrations_match_the_declared_rows(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": False, "include_object": _compared})
        assert compare_metadata(context, Base.metadata) == []


def test_downgrade_to_nothing_and_back(engine: Engine) -> None:
    config = alembic_config(engine)
    command.downgrade(config, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    command.upgrade(config, "head")
    assert {"enterprises", "supply_links", "changes", "change_batches"} <= set(inspect(engine).get_table_names())
