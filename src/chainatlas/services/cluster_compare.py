"""Clusters side by side (集群对比): the clusters a user may see with their member counts, and per cluster its
scale, local supporting rate (本地配套率), key-technology foreign share (卡脖子), single points of failure and
targets on track.

Users who may not see supply links get link-based figures only where at least DISCLOSURE_THRESHOLD enterprises
contribute (suppliers of the purchases); smaller ones are suppressed, as in the chain metrics.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy.orm import Session

from chainatlas.analytics.cluster_figures import SubtreeFigures, subtree_figures
from chainatlas.analytics.resilience.sweep import DEFAULT_HORIZON, Analysis
from chainatlas.analytics.snapshot import latest_year
from chainatlas.domain.access import AGGREGATES, CONFIDENTIAL_LINKS, Action, allowed
from chainatlas.domain.chain_results import yuan
from chainatlas.domain.cluster import scope_of
from chainatlas.domain.cluster_results import ClusterComparison, ClusterFigures, ClusterList, ClusterSummary
from chainatlas.domain.monitoring_results import Status, TargetScore
from chainatlas.domain.user import User
from chainatlas.services.access import require
from chainatlas.services.cache import PUBLIC_CACHE
from chainatlas.services.chain import DISCLOSURE_THRESHOLD, chain_snapshot
from chainatlas.services.clusters import resolve_cluster, visible_clusters
from chainatlas.services.resilience import RESILIENCE_CACHE
from chainatlas.services.resilience_analysis import analysis_key
from chainatlas.services.scorecard import scorecard
from chainatlas.store.cluster_counts import members_by_size_class
from chainatlas.store.clusters import ClusterRule, cluster_rules, member_ids

UNKNOWN_SIZE = "unknown"


def _visible_rules(session: Session, user: User | None) -> list[ClusterRule]:
    ids = {c.id for c in visible_clusters(session, user)}
    return [rule for rule in cluster_rules(session) if rule.id in ids]


def _summary(rule: ClusterRule, members: int) -> ClusterSummary:
    c = rule.cluster
    return ClusterSummary(
        id=c.id,
        name_zh=c.name_zh,
        name_en=c.name_en,
        region=tuple(c.region),
        root_code=c.root_code,
        is_default=c.is_default,
        members=members,
    )


def cluster_list(session: Session, user: User | None) -> ClusterList:
    """Return the clusters a user may see, the default first, each with its member count."""
    require(user, Action.READ, AGGREGATES)
    rules = _visible_rules(session, user)
    return ClusterList(clusters=tuple(_summary(r, sum(members_by_size_class(session, r).values())) for r in rules))


def compare_clusters(
    session: Session, user: User | None, *, as_of: dt.date, year: int | None = None, only: Sequence[str] = ()
) -> ClusterComparison:
    """Return every cluster the user may see (or the ones named, each checked as `?cluster=` is) side by side:
    links of a year (default: each cluster's latest year), targets judged as of a date."""
    require(user, Action.READ, AGGREGATES)
    full = allowed(user, Action.READ, CONFIDENTIAL_LINKS)
    named = {resolve_cluster(session, user, cluster_id).id for cluster_id in only}
    rules = [rule for rule in _visible_rules(session, user) if not named or rule.id in named]
    rows = tuple(
        _figures(session, rule, year, cluster_targets(session, user, rule, as_of=as_of), full=full) for rule in rules
    )
    return ClusterComparison(as_of=as_of, year=year, clusters=rows)


def _figures(
    session: Session, rule: ClusterRule, year: int | None, scores: list[TargetScore], *, full: bool
) -> ClusterFigures:
    compute = lambda: _subtree(session, rule.id, year)  # noqa: E731
    found = PUBLIC_CACHE.get(session, ("cluster_figures", rule.id, year), compute, stale_ok=True)
    hidden = not full and found.suppliers < DISCLOSURE_THRESHOLD
    spof, basis = single_points_of_failure(session, rule, full=full)
    mine = [s for s in scores if s.scope in scope_of(rule.id, is_default=rule.cluster.is_default)]
    sizes = members_by_size_class(session, rule)
    return ClusterFigures(
        cluster=_summary(rule, sum(sizes.values())),
        output=yuan(found.output),
        size_classes={size or UNKNOWN_SIZE: n for size, n in sorted(sizes.items(), key=lambda i: i[0] or "~")},
        **_link_figures(found, hidden=hidden, full=full),
        suppressed=hidden,
        single_points_of_failure=spof,
        spof_basis=basis,
        targets_total=len(mine),
        targets_on_track=sum(s.status == Status.ON_TRACK for s in mine),
        targets_at_risk=sum(s.status == Status.AT_RISK for s in mine),
    )


def _subtree(session: Session, cluster_id: str, year: int | None) -> SubtreeFigures:
    snapshot = chain_snapshot(session, cluster_id)
    return subtree_figures(snapshot, year=latest_year(snapshot) if year is None else year)


def _link_figures(found: SubtreeFigures, *, hidden: bool, full: bool) -> dict[str, object]:
    """Return the figures built from supply links; None where suppressed (the key-technology share on its own
    contributors)."""
    key_hidden = not full and found.key_technology_suppliers < DISCLOSURE_THRESHOLD
    return {
        "purchases": None if hidden else yuan(found.purchases),
        "suppliers": None if hidden else found.suppliers,
        "local_rate_value": None if hidden else found.local_rate_value,
        "local_rate_count": None if hidden else found.local_rate_count,
        "key_technology_foreign_share": None if key_hidden else found.key_technology_foreign_share,
    }


def cluster_targets(session: Session, user: User | None, rule: ClusterRule, *, as_of: dt.date) -> list[TargetScore]:
    """Return the scored targets of a cluster's scorecard that the comparison counts (its cluster scopes)."""
    return scorecard(session, user, as_of=as_of, cluster=rule.id)


def single_points_of_failure(session: Session, rule: ClusterRule, *, full: bool) -> tuple[int | None, str]:
    """Return how many of a cluster's members are single points of failure in the cluster's resilience analysis
    (links not ended, default horizon) when it is already computed, and the basis of the count.

    The analysis is too heavy to start for a comparison, so this only reads a cached one (the pages and the
    background job compute it); suppressed below the disclosure threshold of members analysed."""
    analysis: Analysis | None = RESILIENCE_CACHE.peek(session, analysis_key(rule.id, None, DEFAULT_HORIZON))
    if analysis is None:
        return None, "not_computed"
    members = member_ids(session, rule)
    mine = [node for node in analysis.nodes if node.id in members]
    if not full and len(mine) < DISCLOSURE_THRESHOLD:
        return None, "registry_analysis"
    return sum(bool(node.spof) for node in mine), "registry_analysis"
