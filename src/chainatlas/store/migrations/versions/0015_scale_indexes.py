"""National scale: indexes for the enterprise filters (province, city, district, park, each with the id so a
filtered list pages by key), and on PostgreSQL the pg_trgm extension with one GIN trigram index over the text
an enterprise search looks in and one over `;tags;` the tag filter looks in (SQLite keeps its LIKE scans).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 19:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

PLACES = ("province", "city", "district", "park")
SEARCH_INDEX = "ix_enterprises_search_trgm"
TAGS_INDEX = "ix_enterprises_tags_trgm"
# The same expression as chainatlas.store.rows_registry.SEARCH_TEXT (a migration does not import the code).
SEARCH_TEXT = (
    "lower(coalesce(id, '') || chr(1) || coalesce(name_zh, '') || chr(1) || coalesce(name_en, '') || chr(1) "
    "|| coalesce(unified_code, '') || chr(1) || coalesce(listed_code, ''))"
)


TAGS_TEXT = "(';' || tags || ';')"
"""The same expression as chainatlas.store.rows_registry.TAGS_TEXT: a tag inside it is `;tag;`."""


def upgrade() -> None:
    with op.batch_alter_table("enterprises", schema=None) as batch_op:
        for place in PLACES:
            batch_op.create_index(batch_op.f(f"ix_enterprises_{place}_id"), [place, "id"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        # In `public` when it exists, not in the first schema of the search path: an extension lives in one schema
        # of the database, and dropping that schema (CASCADE) drops every trigram index of every other schema.
        public = op.get_bind().scalar(sa.text("SELECT count(*) FROM pg_namespace WHERE nspname = 'public'"))
        op.execute(f"CREATE EXTENSION IF NOT EXISTS pg_trgm{' SCHEMA public' if public else ''}")
        # The extension lives in one schema of the database, maybe not on this schema's search path.
        home = op.get_bind().scalar(
            sa.text(
                "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
                "WHERE e.extname = 'pg_trgm'"
            )
        )
        ops = f'"{home}".gin_trgm_ops'
        op.execute(f"CREATE INDEX {SEARCH_INDEX} ON enterprises USING gin (({SEARCH_TEXT}) {ops})")
        op.execute(f"CREATE INDEX {TAGS_INDEX} ON enterprises USING gin (({TAGS_TEXT}) {ops})")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP INDEX IF EXISTS {SEARCH_INDEX}")
        op.execute(f"DROP INDEX IF EXISTS {TAGS_INDEX}")
    with op.batch_alter_table("enterprises", schema=None) as batch_op:
        for place in PLACES:
            batch_op.drop_index(batch_op.f(f"ix_enterprises_{place}_id"))
