"""Articles (情报): news and policy documents as ingested, the feeds they come from, and the organisation names
their extraction proposes for review.

An article keeps its original text untouched and the normalised text beside it; its content hash (SHA-256 of the
original text) identifies it, so ingesting the same document again changes nothing. Reposts of one story on
several sites share the story's id (the id of its first copy).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from chainatlas.domain.news_results import Extraction

MAX_TEXT = 2_000_000
"""The longest document text accepted (characters): a page, not a book."""
DocText = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT)]


def content_hash(text: str) -> str:
    """Return the hash that identifies a document: SHA-256 of its original text as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Document(BaseModel):
    """One document read from a file or a feed, before it is stored."""

    model_config = ConfigDict(frozen=True)

    text: DocText
    id: str | None = Field(default=None, max_length=200)
    url: str | None = Field(default=None, max_length=2000)
    title: str | None = Field(default=None, max_length=2000)
    published: dt.date | None = None
    retrieved: dt.date | None = None
    source: str = Field(min_length=1, max_length=2000)
    """Where it was read: the address, or the file (and line) it came from."""


class ArticleSummary(BaseModel):
    """An article as a list shows it."""

    model_config = ConfigDict(frozen=True)

    id: int
    doc_id: str | None
    title: str | None
    url: str | None
    day: dt.date
    published: dt.date | None
    retrieved: dt.date
    language: str
    script: str
    topics: list[str]
    disruption: str | None
    story_id: int | None
    copies: int = 1
    """How many stored articles tell the same story (this one included)."""
    enterprises: list[str] = []
    projects: list[str] = []
    source: str


class Article(ArticleSummary):
    """An article with its texts and everything its extraction found."""

    text_original: str
    text_normalised: str
    spam_lines: list[tuple[int, int]]
    """(start, end) in the original text of each line flagged as spam or an advert (kept, not dropped)."""
    extraction: Extraction
    story: list[ArticleSummary] = []
    """The other copies of its story (reposts), oldest first."""
    ingested_at: dt.datetime
    ingested_by: str


class ArticleFilter(BaseModel):
    """What an article list selects: every filter optional; dates inclusive."""

    model_config = ConfigDict(frozen=True)

    topic: str | None = None
    enterprise: str | None = None
    project: str | None = None
    organisation: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    disruption: bool | None = None
    """True: only articles reporting a disruption; False: only those without one."""
    story: int | None = None
    text: str | None = Field(default=None, max_length=200)


class ArticlePage(BaseModel):
    """One page of articles, newest first, and the cursor of the next page."""

    items: list[ArticleSummary]
    next: str | None = None


class IngestOutcome(StrEnum):
    """What ingesting one document did."""

    ADDED = "added"
    UNCHANGED = "unchanged"
    """The same text is stored already (same content hash): nothing written."""


class IngestItem(BaseModel):
    """One document's outcome."""

    source: str
    outcome: IngestOutcome
    article_id: int
    story_id: int | None = None
    repost_of: int | None = None
    """The story's first article when this one is a repost of it."""
    alerts: list[int] = []


class IngestReport(BaseModel):
    """What an ingest did, document by document."""

    items: list[IngestItem] = []
    proposed: list[str] = []
    """Organisation names newly put in the review queue."""

    def count(self, outcome: IngestOutcome) -> int:
        """Return how many documents had an outcome."""
        return sum(1 for i in self.items if i.outcome is outcome)


class ProposalState(StrEnum):
    """Where a proposed organisation name stands in the review queue."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    MERGED = "merged"
    REJECTED = "rejected"


class Proposal(BaseModel):
    """An organisation name found in articles that the registry does not know."""

    model_config = ConfigDict(frozen=True)

    id: int
    name: str
    state: ProposalState
    first_article_id: int | None
    times_seen: int
    decided_by: str | None = None
    decided_at: dt.datetime | None = None
    decision: dict[str, str] | None = None


class AcceptAs(StrEnum):
    """What a proposed name becomes when accepted."""

    ENTERPRISE = "enterprise"
    ORGANISATION = "organisation"


class Feed(BaseModel):
    """An RSS or Atom address fetched on its own schedule."""

    model_config = ConfigDict(frozen=True)

    id: int
    url: str
    name: str | None
    every_minutes: int
    active: bool
    next_due_at: dt.datetime
    last_fetched_at: dt.datetime | None = None
    last_status: str | None = None
    last_added: int = 0
    source: str


MIN_EVERY, MAX_EVERY = 5, 7 * 24 * 60
"""A feed is fetched at most every 5 minutes and at least once a week."""


class FeedCreate(BaseModel):
    """A feed to add: its address, a name, and how often to fetch it (minutes)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    url: str = Field(min_length=1, max_length=2000, pattern=r"^https?://\S+$")
    name: str | None = Field(default=None, max_length=200)
    every_minutes: int = Field(default=60, ge=MIN_EVERY, le=MAX_EVERY)
