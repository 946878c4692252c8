"""Headline counts of the registry."""

from __future__ import annotations

from sqlalchemy.orm import Session

from chainatlas.domain.access import AGGREGATES, REGISTRY, Action
from chainatlas.domain.chain_results import RegistryStats
from chainatlas.domain.kinds import KIND_BY_NAME, KINDS
from chainatlas.domain.user import User
from chainatlas.services.access import require
from chainatlas.services.cache import PUBLIC_CACHE
from chainatlas.store.queries import count_where
from chainatlas.store.registry import RegistryRepository


def registry_counts(session: Session) -> dict[str, int]:
    """Return how many records of each kind the registry holds."""
    return {spec.name: RegistryRepository(session, spec).count() for spec in KINDS}


def cluster_stats(session: Session, user: User | None) -> RegistryStats:
    """Return public aggregates: counts per kind and how many enterprises are in the cluster; counts of
    confidential kinds (fair registrations, resilience inputs) only for signed-in users."""
    require(user, Action.READ, AGGREGATES)
    stats = PUBLIC_CACHE.get(session, "cluster_stats", lambda: _cluster_stats(session))
    if user is not None:
        return stats
    public = {kind: n for kind, n in stats.counts.items() if KIND_BY_NAME[kind].read_resource == REGISTRY}
    return stats.model_copy(update={"counts": public})


def _cluster_stats(session: Session) -> RegistryStats:
    return RegistryStats(
        counts=registry_counts(session),
        enterprises_in_cluster=count_where(session, "enterprises", in_cluster=True),
        key_technology_nodes=count_where(session, "chain_nodes", key_technology=True),
    )
