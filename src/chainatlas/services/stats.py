"""Headline counts of the registry."""

from __future__ import annotations

from sqlalchemy.orm import Session

from chainatlas.domain.access import AGGREGATES, REGISTRY, Action
from chainatlas.domain.chain_results import RegistryStats
from chainatlas.domain.kinds import KIND_BY_NAME, KINDS
from chainatlas.domain.user import User
from chainatlas.services.access import require
from chainatlas.services.cache import PUBLIC_CACHE
from chainatlas.services.clusters import resolve_cluster
from chainatlas.store.clusters import ClusterRule, member_ids
from chainatlas.store.queries import count_where
from chainatlas.store.registry import RegistryRepository


def registry_counts(session: Session) -> dict[str, int]:
    """Return how many records of each kind the registry holds."""
    return {spec.name: RegistryRepository(session, spec).count() for spec in KINDS}


def cluster_stats(session: Session, user: User | None, cluster: str | None = None) -> RegistryStats:
    """Return public aggregates: counts per kind and how many enterprises are in a cluster (None: the default);
    counts of confidential kinds (fair registrations, resilience inputs) only for signed-in users."""
    require(user, Action.READ, AGGREGATES)
    rule = resolve_cluster(session, user, cluster)
    stats = PUBLIC_CACHE.get(session, ("cluster_stats", rule.id), lambda: _cluster_stats(session, rule), stale_ok=True)
    if user is not None:
        return stats
    public = {kind: n for kind, n in stats.counts.items() if KIND_BY_NAME[kind].read_resource == REGISTRY}
    return stats.model_copy(update={"counts": public})


def _cluster_stats(session: Session, rule: ClusterRule) -> RegistryStats:
    return RegistryStats(
        counts=registry_counts(session),
        cluster=rule.id,
        enterprises_in_cluster=len(member_ids(session, rule)),
        key_technology_nodes=count_where(session, "chain_nodes", key_technology=True),
    )
