"""What the chain analytics pages need beside the analyses: the analyses cached per registry version, the
years the links cover, node and enterprise look-ups, enterprise choices for the what-if form, one saved scenario.

Cached results are shared between requests: callers read them and never change them. A key names the access
class it was computed for (with or without the right to see supply links), never a user.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from chainatlas.analytics.gaps import GapRow
from chainatlas.domain.access import AGGREGATES, CONFIDENTIAL_LINKS, Action, allowed
from chainatlas.domain.chain_node import ChainNode
from chainatlas.domain.enterprise import Enterprise
from chainatlas.domain.kinds import KIND_BY_NAME
from chainatlas.domain.user import User
from chainatlas.services.access import require
from chainatlas.services.cache import PUBLIC_CACHE
from chainatlas.services.chain import chain_gaps, chain_metrics, saved_scenarios
from chainatlas.services.errors import NotFound
from chainatlas.store.queries import all_records
from chainatlas.store.registry import RegistryRepository
from chainatlas.store.rows import EnterpriseRow, SupplyLinkRow

MAX_CHOICES = 5_000
"""At most this many enterprises are offered as choices on a form (beyond that, type the id)."""


@dataclass(frozen=True)
class EnterpriseChoice:
    """An enterprise as a form offers it: id, names, inside the cluster or not."""

    id: str
    name_zh: str
    name_en: str | None
    in_cluster: bool


def cached_metrics(session: Session, user: User | None, *, year: int | None = None) -> dict[str, Any]:
    """Return chain_metrics for a year, computed once per registry version and access class."""
    require(user, Action.READ, AGGREGATES)
    full = allowed(user, Action.READ, CONFIDENTIAL_LINKS)
    return PUBLIC_CACHE.get(session, ("chain_metrics", year, full), lambda: chain_metrics(session, user, year=year))


def cached_gaps(session: Session, user: User | None, *, year: int | None = None) -> tuple[int | None, list[GapRow]]:
    """Return chain_gaps for a year (analysts and admins), computed once per registry version."""
    require(user, Action.ANALYSE)
    return PUBLIC_CACHE.get(session, ("chain_gaps", year), lambda: chain_gaps(session, user, year=year))


def link_years(session: Session, user: User | None) -> list[int]:
    """Return the years the supply links cover (first start to last start or end), newest first."""
    require(user, Action.READ, AGGREGATES)
    return PUBLIC_CACHE.get(session, "link_years", lambda: _link_years(session))


def _link_years(session: Session) -> list[int]:
    low = session.scalar(select(func.min(SupplyLinkRow.since)))
    high = max(
        (y for y in (session.scalar(select(func.max(c))) for c in (SupplyLinkRow.since, SupplyLinkRow.until)) if y),
        default=None,
    )
    if high is None:
        return []
    return list(range(int(high), int(low or high) - 1, -1))


def chain_nodes_by_code(session: Session, user: User | None) -> dict[str, ChainNode]:
    """Return every chain node by its code (the taxonomy is public)."""
    require(user, Action.READ, AGGREGATES)
    return PUBLIC_CACHE.get(session, "chain_nodes_by_code", lambda: _nodes_by_code(session))


def _nodes_by_code(session: Session) -> dict[str, ChainNode]:
    nodes: list[ChainNode] = all_records(session, "chain_nodes")  # type: ignore[assignment]
    return {node.code: node for node in nodes}


def enterprises_by_id(session: Session, user: User | None, ids: Iterable[str]) -> dict[str, Enterprise]:
    """Return the enterprises with the given ids (unknown ids are left out)."""
    require(user, Action.READ)
    found = RegistryRepository(session, KIND_BY_NAME["enterprises"]).get_many([(i,) for i in set(ids)])
    return {key[0]: record for key, record in found.items()}  # type: ignore[misc]  # enterprises are Enterprise


def enterprise_choices(session: Session, user: User | None) -> list[EnterpriseChoice]:
    """Return the enterprises a what-if form offers, outside the cluster first, by id."""
    require(user, Action.ANALYSE)
    columns = (EnterpriseRow.id, EnterpriseRow.name_zh, EnterpriseRow.name_en, EnterpriseRow.in_cluster)
    rows = session.execute(select(*columns).order_by(EnterpriseRow.in_cluster, EnterpriseRow.id).limit(MAX_CHOICES))
    return [EnterpriseChoice(r.id, r.name_zh, r.name_en, bool(r.in_cluster)) for r in rows]


def saved_scenario(session: Session, user: User | None, scenario_id: int) -> dict[str, Any]:
    """Return one saved scenario, or raise NotFound."""
    found = next((s for s in saved_scenarios(session, user) if s["id"] == scenario_id), None)
    if found is None:
        raise NotFound(f"no saved scenario {scenario_id}")
    return found
