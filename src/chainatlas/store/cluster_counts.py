"""Counts over a cluster's members in SQL: how many, and how many of each size class."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from chainatlas.store.clusters import ClusterRule, member_clause
from chainatlas.store.rows import EnterpriseRow


def members_by_size_class(session: Session, rule: ClusterRule) -> dict[str | None, int]:
    """Return a cluster's members counted by size class (None: no size class recorded)."""
    statement = (
        select(EnterpriseRow.size_class, func.count()).where(member_clause(rule)).group_by(EnterpriseRow.size_class)
    )
    return {size: int(count) for size, count in session.execute(statement)}
