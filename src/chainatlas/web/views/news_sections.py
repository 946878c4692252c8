"""The news section enterprise and project pages gain: the newest articles naming the record."""

from __future__ import annotations

from urllib.parse import urlencode

from sqlalchemy.orm import Session

from chainatlas.domain.access import REGISTRY, Action, allowed
from chainatlas.domain.user import User
from chainatlas.services.news import news_of

SHOWN = 8


def news_context(session: Session, user: User | None, kind: str, ref_id: str) -> dict[str, object]:
    """Return the section's context: the newest articles naming a record (none for who may not read them)."""
    if not allowed(user, Action.READ, REGISTRY):
        return {"news": [], "news_filter": ""}
    return {
        "news": news_of(session, user, kind=kind, ref_id=ref_id, limit=SHOWN),
        "news_filter": urlencode({kind: ref_id}),
    }
