"""Stored articles, the registry records they name, and their stories (reposts); domain objects in and out."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, String, and_, cast, func, insert, literal_column, or_, select
from sqlalchemy.orm import Session

from chainatlas.domain.article import Article, ArticleFilter, ArticleSummary
from chainatlas.domain.news_results import Extraction
from chainatlas.store.rows import ArticleLinkRow, ArticleRow

LINK_KINDS = ("enterprise", "project", "organisation")


@dataclass(frozen=True)
class StoredSignature:
    """An article's MinHash signature and its story."""

    id: int
    story_id: int
    minhash: bytes


def _summary(row: ArticleRow, links: dict[str, list[str]], copies: int) -> ArticleSummary:
    return ArticleSummary(
        id=row.id,
        doc_id=row.doc_id,
        title=row.title,
        url=row.url,
        day=row.day,
        published=row.published,
        retrieved=row.retrieved,
        language=row.language,
        script=row.script,
        topics=list(row.topics),
        disruption=row.disruption,
        story_id=row.story_id,
        copies=copies,
        enterprises=links.get("enterprise", []),
        projects=links.get("project", []),
        source=row.source,
    )


class ArticleRepository:
    """Add and read articles."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def id_of_hash(self, content_hash: str) -> int | None:
        """Return the id of the article with a content hash, or None."""
        return self.session.scalar(select(ArticleRow.id).where(ArticleRow.content_hash == content_hash))

    def story_of(self, article_id: int) -> int | None:
        """Return an article's story id."""
        return self.session.scalar(select(ArticleRow.story_id).where(ArticleRow.id == article_id))

    def signatures(self) -> list[StoredSignature]:
        """Return every article's signature and story, oldest first."""
        statement = select(ArticleRow.id, ArticleRow.story_id, ArticleRow.minhash).order_by(ArticleRow.id)
        return [StoredSignature(r.id, r.story_id or r.id, bytes(r.minhash)) for r in self.session.execute(statement)]

    def add(self, values: dict[str, Any], links: Iterable[tuple[str, str]]) -> int:
        """Insert an article (its story its own id unless given) and the records it names; return its id."""
        row = ArticleRow(**values)
        self.session.add(row)
        self.session.flush()
        if row.story_id is None:
            row.story_id = row.id
        unique = sorted(set(links))
        if unique:
            self.session.execute(
                insert(ArticleLinkRow), [{"article_id": row.id, "kind": k, "ref_id": ref} for k, ref in unique]
            )
        self.session.flush()
        return row.id

    def get(self, article_id: int) -> Article | None:
        """Return one article with its texts, extraction and the other copies of its story."""
        row = self.session.get(ArticleRow, article_id)
        if row is None:
            return None
        links = self._links([row.id]).get(row.id, {})
        story = [s for s in self._story(row.story_id or row.id) if s.id != row.id]
        summary = _summary(row, links, len(story) + 1)
        return Article(
            **summary.model_dump(),
            text_original=row.text_original,
            text_normalised=row.text_normalised,
            spam_lines=[(int(a), int(b)) for a, b in row.spam_lines or []],
            extraction=Extraction.model_validate(row.extraction),
            story=story,
            ingested_at=row.ingested_at,
            ingested_by=row.ingested_by,
        )

    def page(
        self, filters: ArticleFilter, *, after: tuple[str, int] | None = None, limit: int = 50
    ) -> tuple[list[ArticleSummary], tuple[str, int] | None]:
        """Return articles the filters select, newest first (day, then id), after a keyset, and the next keyset."""
        statement = _filtered(select(ArticleRow), filters)
        if after is not None:
            day, last = dt.date.fromisoformat(after[0]), after[1]
            statement = statement.where(or_(ArticleRow.day < day, and_(ArticleRow.day == day, ArticleRow.id < last)))
        rows = list(
            self.session.scalars(statement.order_by(ArticleRow.day.desc(), ArticleRow.id.desc()).limit(limit + 1))
        )
        shown = rows[:limit]
        links = self._links([r.id for r in shown])
        copies = self._copies({r.story_id or r.id for r in shown})
        items = [_summary(r, links.get(r.id, {}), copies.get(r.story_id or r.id, 1)) for r in shown]
        following = (shown[-1].day.isoformat(), shown[-1].id) if len(rows) > limit and shown else None
        return items, following

    def count(self, filters: ArticleFilter) -> int:
        """Return how many articles the filters select."""
        statement = _filtered(select(func.count()).select_from(ArticleRow), filters)
        return int(self.session.scalar(statement) or 0)

    def _story(self, story_id: int) -> list[ArticleSummary]:
        rows = list(
            self.session.scalars(select(ArticleRow).where(ArticleRow.story_id == story_id).order_by(ArticleRow.id))
        )
        links = self._links([r.id for r in rows])
        return [_summary(r, links.get(r.id, {}), len(rows)) for r in rows]

    def _links(self, ids: Sequence[int]) -> dict[int, dict[str, list[str]]]:
        found: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        if not ids:
            return found
        statement = select(ArticleLinkRow).where(ArticleLinkRow.article_id.in_(list(ids)))
        for link in self.session.scalars(statement.order_by(ArticleLinkRow.kind, ArticleLinkRow.ref_id)):
            found[link.article_id][link.kind].append(link.ref_id)
        return found

    def _copies(self, stories: set[int]) -> dict[int, int]:
        if not stories:
            return {}
        statement = (
            select(ArticleRow.story_id, func.count())
            .where(ArticleRow.story_id.in_(sorted(stories)))
            .group_by(ArticleRow.story_id)
        )
        return {int(story or 0): int(n) for story, n in self.session.execute(statement)}


def _topic_list() -> ColumnElement[Any]:
    # `;a;b;` so that `;topic;` inside it is the topic in the list (topics hold no `;` or `%`; a `_` matches itself).
    mark = literal_column("';'", type_=String)
    return mark.op("||")(cast(ArticleRow.topics, String)).op("||")(mark)


def _linked(kind: str, ref_id: str) -> ColumnElement[bool]:
    named = select(ArticleLinkRow.article_id).where(ArticleLinkRow.kind == kind, ArticleLinkRow.ref_id == ref_id)
    return ArticleRow.id.in_(named)


def _filtered(statement: Select[Any], f: ArticleFilter) -> Select[Any]:
    conditions: list[ColumnElement[bool]] = []
    if f.topic:
        conditions.append(_topic_list().like(f"%;{f.topic};%"))
    for kind, ref in (("enterprise", f.enterprise), ("project", f.project), ("organisation", f.organisation)):
        if ref:
            conditions.append(_linked(kind, ref))
    if f.date_from:
        conditions.append(ArticleRow.day >= f.date_from)
    if f.date_to:
        conditions.append(ArticleRow.day <= f.date_to)
    if f.disruption is not None:
        conditions.append(ArticleRow.disruption.is_not(None) if f.disruption else ArticleRow.disruption.is_(None))
    if f.story is not None:
        conditions.append(ArticleRow.story_id == f.story)
    if f.text:
        conditions.append(
            or_(
                ArticleRow.title.contains(f.text, autoescape=True),
                ArticleRow.text_normalised.contains(f.text, autoescape=True),
            )
        )
    return statement.where(*conditions)
