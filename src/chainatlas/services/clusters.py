"""The cluster an analysis is about: the `--cluster` / `?cluster=` parameter checked against the registry and
the user's scope, and the clusters a user may see."""

from __future__ import annotations

from sqlalchemy.orm import Session

from chainatlas.domain.cluster import Cluster
from chainatlas.domain.user import User
from chainatlas.services.errors import NotAllowed, NotFound
from chainatlas.store.clusters import ClusterRule, cluster_rules, member_ids


def visible_clusters(session: Session, user: User | None) -> list[Cluster]:
    """Return the clusters a user may choose, the default first (a scoped user: only theirs)."""
    clusters = [rule.cluster for rule in cluster_rules(session)]
    if user is not None and user.clusters:
        return [c for c in clusters if c.id in user.clusters]
    return clusters


def resolve_cluster(session: Session, user: User | None, cluster_id: str | None = None) -> ClusterRule:
    """Return the rule of the cluster a request names (None: the default one, or a scoped user's first).

    Raises NotFound naming the clusters the user may see for an unknown id, NotAllowed for a cluster outside
    the user's scope (also when every cluster of the scope has been deleted: never the default instead).
    """
    rules = cluster_rules(session)
    if not rules:
        raise NotFound(code="cluster.none", params={})
    if user is not None and user.clusters:
        mine = [r for r in rules if r.id in user.clusters]
        named_elsewhere = cluster_id is not None and cluster_id not in user.clusters
        if not mine or (named_elsewhere and cluster_id in {r.id for r in rules}):
            params = {"clusters": ", ".join(user.clusters)}
            raise NotAllowed(signed_in=True, code="cluster.not_yours", params=params)
        rules = mine
    if cluster_id is None:
        return rules[0]
    for rule in rules:
        if rule.id == cluster_id:
            return rule
    raise NotFound(code="cluster.unknown", params={"cluster": cluster_id, "known": ", ".join(r.id for r in rules)})


def cluster_members(session: Session, rule: ClusterRule) -> set[str]:
    """Return the ids of a cluster's member enterprises."""
    return member_ids(session, rule)
