"""What the chain analytics pages need beside the analyses: the years the links cover, node and enterprise
look-ups, enterprise choices for the what-if form, one saved scenario.

Cached results are shared between requests: callers read them and never change them. A key names the access
class it was computed for (with or without the right to see supply links), never a user.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from chainatlas.domain.access import AGGREGATES, Action
from chainatlas.domain.chain_node import ChainNode
from chainatlas.domain.chain_results import EnterpriseChoice, SavedScenario
from chainatlas.domain.enterprise import Enterprise
from chainatlas.domain.kinds import CHAIN_NODES, ENTERPRISES
from chainatlas.domain.user import User
from chainatlas.services.access import require
from chainatlas.services.cache import PUBLIC_CACHE
from chainatlas.services.chain import saved_scenarios
from chainatlas.services.clusters import resolve_cluster
from chainatlas.services.errors import NotFound
from chainatlas.store import chain as chain_store
from chainatlas.store.queries import all_records
from chainatlas.store.registry import RegistryRepository

MAX_CHOICES = 5_000
"""At most this many enterprises are offered as choices on a form (beyond that, type the id)."""


def link_years(session: Session, user: User | None) -> list[int]:
    """Return the years the supply links cover (first start to last start or end), newest first."""
    require(user, Action.READ, AGGREGATES)
    return PUBLIC_CACHE.get(session, "link_years", lambda: _link_years(session))


def _link_years(session: Session) -> list[int]:
    low, high = chain_store.link_year_range(session)
    if high is None:
        return []
    return list(range(high, (low or high) - 1, -1))


def chain_nodes_by_code(session: Session, user: User | None) -> dict[str, ChainNode]:
    """Return every chain node by its code (the taxonomy is public)."""
    require(user, Action.READ, AGGREGATES)
    return PUBLIC_CACHE.get(session, "chain_nodes_by_code", lambda: _nodes_by_code(session))


def _nodes_by_code(session: Session) -> dict[str, ChainNode]:
    nodes: list[ChainNode] = all_records(session, CHAIN_NODES)
    return {node.code: node for node in nodes}


def enterprises_by_id(session: Session, user: User | None, ids: Iterable[str]) -> dict[str, Enterprise]:
    """Return the enterprises with the given ids (unknown ids are left out)."""
    require(user, Action.READ)
    found = RegistryRepository(session, ENTERPRISES).get_many([(i,) for i in set(ids)])
    return {key[0]: record for key, record in found.items()}


def enterprise_choices(session: Session, user: User | None, *, cluster: str | None = None) -> list[EnterpriseChoice]:
    """Return the enterprises a what-if form offers, outside the cluster (None: the default one) first, by id."""
    require(user, Action.ANALYSE)
    rule = resolve_cluster(session, user, cluster)
    return chain_store.enterprise_choices(session, limit=MAX_CHOICES, cluster=rule.id)


def saved_scenario(session: Session, user: User | None, scenario_id: int) -> SavedScenario:
    """Return one saved scenario, or raise NotFound."""
    found = next((s for s in saved_scenarios(session, user) if s.id == scenario_id), None)
    if found is None:
        raise NotFound(code="chain.scenario_not_found", params={"scenario": scenario_id})
    return found
