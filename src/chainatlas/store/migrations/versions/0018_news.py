"""News (情报): articles with their original and normalised text, stored extraction and story (reposts), the
registry records each names, feeds with their own schedule, and organisation names proposed for review.
registry_state gains row 5 (news), so that ingesting an article does not move the registry version that
analysis caches key on.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07 23:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

NEWS_CONCERN = 5


def _deferred(column: str, target: str, table: str) -> sa.ForeignKeyConstraint:
    name = op.f(f"fk_{table}_{column}_{target.split('.')[0]}")
    return sa.ForeignKeyConstraint([column], [target], name=name, initially="DEFERRED", deferrable=True)


def _feeds() -> None:
    op.create_table(
        "feeds",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("every_minutes", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("next_due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_fetched_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_status", sa.String(length=200), nullable=True),
        sa.Column("last_added", sa.Integer(), nullable=False),
        sa.Column("etag", sa.String(length=500), nullable=True),
        sa.Column("modified", sa.String(length=200), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feeds")),
        sa.UniqueConstraint("url", name=op.f("uq_feeds_url")),
    )
    op.create_index(op.f("ix_feeds_next_due_at"), "feeds", ["next_due_at"], unique=False)


def _articles() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("doc_id", sa.String(length=200), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("retrieved", sa.Date(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("script", sa.String(length=16), nullable=False),
        sa.Column("text_original", sa.Text(), nullable=False),
        sa.Column("text_normalised", sa.Text(), nullable=False),
        sa.Column("spam_lines", sa.JSON(), nullable=False),
        sa.Column("extraction", sa.JSON(), nullable=False),
        sa.Column("topics", sa.Text(), nullable=False),
        sa.Column("disruption", sa.String(length=32), nullable=True),
        sa.Column("story_id", sa.Integer(), nullable=True),
        sa.Column("minhash", sa.LargeBinary(), nullable=False),
        sa.Column("feed_id", sa.Integer(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ingested_by", sa.String(length=64), nullable=False),
        _deferred("feed_id", "feeds.id", "articles"),
        _deferred("story_id", "articles.id", "articles"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_articles")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_articles_content_hash")),
    )
    op.create_index("ix_articles_day_id", "articles", ["day", "id"], unique=False)
    for column in ("disruption", "feed_id", "story_id"):
        op.create_index(op.f(f"ix_articles_{column}"), "articles", [column], unique=False)


def _links_and_proposals() -> None:
    op.create_table(
        "article_links",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("ref_id", sa.String(length=64), nullable=False),
        _deferred("article_id", "articles.id", "article_links"),
        sa.PrimaryKeyConstraint("article_id", "kind", "ref_id", name=op.f("pk_article_links")),
    )
    op.create_index("ix_article_links_kind_ref_id_article_id", "article_links", ["kind", "ref_id", "article_id"])
    op.create_table(
        "news_proposals",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("first_article_id", sa.Integer(), nullable=True),
        sa.Column("times_seen", sa.Integer(), nullable=False),
        sa.Column("decided_by", sa.String(length=64), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision", sa.JSON(), nullable=True),
        _deferred("first_article_id", "articles.id", "news_proposals"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_news_proposals")),
        sa.UniqueConstraint("name", name=op.f("uq_news_proposals_name")),
    )
    op.create_index(op.f("ix_news_proposals_state"), "news_proposals", ["state"], unique=False)


def upgrade() -> None:
    _feeds()
    _articles()
    _links_and_proposals()
    state = sa.table("registry_state", sa.column("id", sa.Integer()), sa.column("version", sa.BigInteger()))
    op.bulk_insert(state, [{"id": NEWS_CONCERN, "version": 0}])


def downgrade() -> None:
    state = sa.table("registry_state", sa.column("id", sa.Integer()))
    op.execute(state.delete().where(state.c.id == NEWS_CONCERN))
    op.drop_index(op.f("ix_news_proposals_state"), table_name="news_proposals")
    op.drop_table("news_proposals")
    op.drop_index("ix_article_links_kind_ref_id_article_id", table_name="article_links")
    op.drop_table("article_links")
    for column in ("story_id", "feed_id", "disruption"):
        op.drop_index(op.f(f"ix_articles_{column}"), table_name="articles")
    op.drop_index("ix_articles_day_id", table_name="articles")
    op.drop_table("articles")
    op.drop_index(op.f("ix_feeds_next_due_at"), table_name="feeds")
    op.drop_table("feeds")
