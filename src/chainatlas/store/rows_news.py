"""The news rows (情报): articles with their stored extraction, the names each links to, the feeds fetched on a
schedule, and the organisation names proposed for review."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from chainatlas.store.rows_base import Base, fk
from chainatlas.store.types import TagList, UTCDateTime


class ArticleRow(Base):
    """One document as ingested: the original text untouched, the normalised text beside it, what was found."""

    __tablename__ = "articles"
    __table_args__ = (Index("ix_articles_day_id", "day", "id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    doc_id: Mapped[str | None] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[dt.date | None]
    retrieved: Mapped[dt.date]
    day: Mapped[dt.date]
    """The article's date for filters and order: published if known, else retrieved."""
    language: Mapped[str] = mapped_column(String(8))
    script: Mapped[str] = mapped_column(String(16))
    text_original: Mapped[str] = mapped_column(Text)
    text_normalised: Mapped[str] = mapped_column(Text)
    spam_lines: Mapped[list[list[int]]] = mapped_column(JSON)
    extraction: Mapped[dict[str, Any]] = mapped_column(JSON)
    topics: Mapped[tuple[str, ...]] = mapped_column(TagList, default=())
    disruption: Mapped[str | None] = mapped_column(String(32), index=True)
    story_id: Mapped[int | None] = mapped_column(Integer, fk("articles.id"), index=True)
    """The story's first article (itself for the first copy): reposts of one story share it."""
    minhash: Mapped[bytes] = mapped_column(LargeBinary)
    feed_id: Mapped[int | None] = mapped_column(Integer, fk("feeds.id"), index=True)
    source: Mapped[str] = mapped_column(Text)
    ingested_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    ingested_by: Mapped[str] = mapped_column(String(64))


class ArticleLinkRow(Base):
    """A registry record an article names: an enterprise, a project or an organisation."""

    __tablename__ = "article_links"
    __table_args__ = (Index("ix_article_links_kind_ref_id_article_id", "kind", "ref_id", "article_id"),)
    article_id: Mapped[int] = mapped_column(Integer, fk("articles.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    ref_id: Mapped[str] = mapped_column(String(64), primary_key=True)


class FeedRow(Base):
    """An RSS or Atom address fetched every `every_minutes` (its own schedule)."""

    __tablename__ = "feeds"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    url: Mapped[str] = mapped_column(String(2000), unique=True)
    name: Mapped[str | None] = mapped_column(String(200))
    every_minutes: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    next_due_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    last_fetched_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    last_status: Mapped[str | None] = mapped_column(String(200))
    last_added: Mapped[int] = mapped_column(Integer, default=0)
    etag: Mapped[str | None] = mapped_column(String(500))
    modified: Mapped[str | None] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(Text)


class NewsProposalRow(Base):
    """An organisation name the registry does not know, found in articles: pending until someone decides."""

    __tablename__ = "news_proposals"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    state: Mapped[str] = mapped_column(String(16), index=True)
    first_article_id: Mapped[int | None] = mapped_column(Integer, fk("articles.id"))
    times_seen: Mapped[int] = mapped_column(Integer, default=1)
    decided_by: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    decision: Mapped[dict[str, Any] | None] = mapped_column(JSON)
