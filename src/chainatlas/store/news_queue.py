"""Feeds (fetched on their own schedule) and the review queue of proposed organisation names."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from chainatlas.domain.article import Feed, FeedCreate, Proposal, ProposalState
from chainatlas.store.rows import FeedRow, NewsProposalRow


def _feed(row: FeedRow) -> Feed:
    return Feed(
        id=row.id,
        url=row.url,
        name=row.name,
        every_minutes=row.every_minutes,
        active=row.active,
        next_due_at=row.next_due_at,
        last_fetched_at=row.last_fetched_at,
        last_status=row.last_status,
        last_added=row.last_added,
        source=row.source,
    )


def _proposal(row: NewsProposalRow) -> Proposal:
    return Proposal(
        id=row.id,
        name=row.name,
        state=ProposalState(row.state),
        first_article_id=row.first_article_id,
        times_seen=row.times_seen,
        decided_by=row.decided_by,
        decided_at=row.decided_at,
        decision=row.decision,
    )


def _changed(result: object) -> bool:
    return isinstance(result, CursorResult) and result.rowcount == 1


class FeedRepository:
    """Add, list and move feeds along their schedules."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, feed: FeedCreate, *, now: dt.datetime, source: str) -> Feed:
        """Insert a feed, due at once."""
        row = FeedRow(
            url=feed.url, name=feed.name, every_minutes=feed.every_minutes, active=True, next_due_at=now, source=source
        )
        row.last_added = 0
        self.session.add(row)
        self.session.flush()
        return _feed(row)

    def by_url(self, url: str) -> Feed | None:
        """Return the feed with an address, or None."""
        row = self.session.scalar(select(FeedRow).where(FeedRow.url == url))
        return None if row is None else _feed(row)

    def get(self, feed_id: int) -> Feed | None:
        """Return one feed, or None."""
        self.session.expire_all()
        row = self.session.get(FeedRow, feed_id)
        return None if row is None else _feed(row)

    def validators(self, feed_id: int) -> tuple[str | None, str | None]:
        """Return the feed's last ETag and Last-Modified (for a conditional fetch)."""
        row = self.session.get(FeedRow, feed_id)
        return (None, None) if row is None else (row.etag, row.modified)

    def listing(self) -> list[Feed]:
        """Return every feed by id."""
        return [_feed(r) for r in self.session.scalars(select(FeedRow).order_by(FeedRow.id))]

    def due(self, now: dt.datetime) -> list[int]:
        """Return the ids of the active feeds due at an instant, most overdue first."""
        statement = select(FeedRow.id).where(FeedRow.active.is_(True), FeedRow.next_due_at <= now)
        return list(self.session.scalars(statement.order_by(FeedRow.next_due_at, FeedRow.id)))

    def claim(self, feed_id: int, *, now: dt.datetime) -> bool:
        """Move a due feed's next fetch one period on; return whether it was due (two processes fetch it once)."""
        row = self.session.get(FeedRow, feed_id)
        if row is None:
            return False
        statement = (
            update(FeedRow)
            .where(FeedRow.id == feed_id, FeedRow.next_due_at <= now, FeedRow.active.is_(True))
            .values(next_due_at=now + dt.timedelta(minutes=row.every_minutes))
        )
        return _changed(self.session.execute(statement))

    def finish(
        self, feed_id: int, *, at: dt.datetime, status: str, added: int, etag: str | None, modified: str | None
    ) -> None:
        """Record a fetch: when, how it went, how many articles it added, and its validators."""
        values = {"last_fetched_at": at, "last_status": status[:200], "last_added": added}
        if etag is not None or modified is not None:
            values |= {"etag": etag, "modified": modified}
        self.session.execute(update(FeedRow).where(FeedRow.id == feed_id).values(**values))


class ProposalRepository:
    """The review queue: names proposed by extractions, and the decisions taken on them."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def seen(self, names: Sequence[str], article_id: int | None) -> list[str]:
        """Count each name as seen once more (new ones queued as pending); return the names newly queued."""
        added = []
        for name in dict.fromkeys(n.strip() for n in names if n.strip()):
            row = self.session.scalar(select(NewsProposalRow).where(NewsProposalRow.name == name[:200]))
            if row is None:
                self.session.add(
                    NewsProposalRow(
                        name=name[:200], state=ProposalState.PENDING.value, first_article_id=article_id, times_seen=1
                    )
                )
                added.append(name)
            else:
                row.times_seen += 1
        self.session.flush()
        return added

    def listing(self, states: Sequence[str] | None = None, limit: int = 500) -> list[Proposal]:
        """Return proposals (of some states), most seen first, then by name."""
        statement = select(NewsProposalRow)
        if states:
            statement = statement.where(NewsProposalRow.state.in_(list(states)))
        order = (NewsProposalRow.times_seen.desc(), NewsProposalRow.name)
        return [_proposal(r) for r in self.session.scalars(statement.order_by(*order).limit(limit))]

    def get(self, proposal_id: int) -> Proposal | None:
        """Return one proposal, or None."""
        self.session.expire_all()
        row = self.session.get(NewsProposalRow, proposal_id)
        return None if row is None else _proposal(row)

    def decide(
        self, proposal_id: int, *, state: ProposalState, by: str, at: dt.datetime, decision: dict[str, str]
    ) -> bool:
        """Record a decision on a pending proposal; return whether it was pending (a second decision changes nothing)."""
        statement = (
            update(NewsProposalRow)
            .where(NewsProposalRow.id == proposal_id, NewsProposalRow.state == ProposalState.PENDING.value)
            .values(state=state.value, decided_by=by, decided_at=at, decision=decision)
        )
        return _changed(self.session.execute(statement))
