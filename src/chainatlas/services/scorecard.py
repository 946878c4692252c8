"""The targets scorecard use case (目标考核, part of monitoring): load targets, indicators and the counted registry kinds,
add the registry's counts for the as-of date, and score every target (analytics.scorecard).

A cluster's scorecard holds the targets of its scopes (`cluster:<id>`, and `cluster` for the default cluster),
of the chain nodes of its subtree and of its member enterprises; the registry's counts are of its members.
Targets of a cluster and of chain nodes are public aggregates; targets of single enterprises are shown
only to users who may read the registry. The as-of date is passed in by the adapter, never read here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy.orm import Session

from chainatlas.analytics.registry_counts import registry_counts, with_registry_counts
from chainatlas.analytics.scorecard import WINDOW_YEARS, score_targets
from chainatlas.analytics.trend import INTERVAL_LEVEL
from chainatlas.domain.access import AGGREGATES, REGISTRY, Action, allowed
from chainatlas.domain.brand import Brand, BrandRanking
from chainatlas.domain.cluster import scope_of
from chainatlas.domain.enterprise import Enterprise
from chainatlas.domain.indicator import Indicator, Target, scope_reference
from chainatlas.domain.monitoring_results import ScorecardReport, TargetScore
from chainatlas.domain.platform import InnovationPlatform
from chainatlas.domain.user import User
from chainatlas.services.access import require
from chainatlas.services.cache import PUBLIC_CACHE
from chainatlas.services.clusters import resolve_cluster
from chainatlas.store.clusters import ClusterRule, cluster_rules
from chainatlas.store.queries import ListQuery, all_records, list_page

ALL_ROWS = 10**9
R = TypeVar("R")


def public_scope(scope: str) -> bool:
    """Return whether a scope is an aggregate anyone may see: a cluster or a chain node (not one enterprise)."""
    reference = scope_reference(scope)
    return reference is None or reference[0] in ("chain_nodes", "clusters")


def cluster_scopes(rule: ClusterRule) -> tuple[str, ...]:
    """Return the scope names that stand for a whole cluster (`cluster:<id>`; the default also `cluster`)."""
    return scope_of(rule.id, is_default=rule.cluster.is_default)


def in_scorecard(scope: str, rule: ClusterRule, members: frozenset[str]) -> bool:
    """Return whether a scope belongs to a cluster's scorecard: its own scopes, its members, and `node:<code>`
    scopes of its subtree for the default cluster only (a node scope names no cluster: its figures, such as a
    local supporting rate, were measured for the cluster the registry held; the default cluster also keeps every
    enterprise's targets, as the registry of one cluster did)."""
    reference = scope_reference(scope)
    if reference is None or reference[0] == "clusters":
        return scope in cluster_scopes(rule)
    if reference[0] == "chain_nodes":
        return rule.cluster.is_default and (rule.codes is None or reference[1] in rule.codes)
    return rule.cluster.is_default or reference[1] in members


def scorecard(session: Session, user: User | None, *, as_of: dt.date, cluster: str | None = None) -> list[TargetScore]:
    """Return one scored row per target of a cluster (None: the default) as of a date, by metric, scope and period."""
    require(user, Action.READ, AGGREGATES)
    rule = resolve_cluster(session, user, cluster)
    scores = cluster_scores(session, rule, as_of)
    if allowed(user, Action.READ, REGISTRY):
        return scores
    return [score for score in scores if public_scope(score.scope)]


def cluster_scores(session: Session, rule: ClusterRule, as_of: dt.date) -> list[TargetScore]:
    """Return every target of a cluster scored as of a date (no access check)."""
    inputs = scorecard_inputs(session, rule)
    return score_targets(inputs.targets, counted_observations(inputs, as_of), as_of)


def scorecard_inputs(session: Session, rule: ClusterRule) -> ScorecardInputs:
    """Return what a cluster's scorecard reads, cached per registry version and cluster."""
    return PUBLIC_CACHE.get(session, ("scorecard_inputs", rule.id), lambda: load_inputs(session, rule), stale_ok=True)


def scorecard_report(
    session: Session, user: User | None, *, as_of: dt.date, cluster: str | None = None
) -> ScorecardReport:
    """Return a cluster's targets scorecard as of a date with the trend window and interval level it used."""
    rule = resolve_cluster(session, user, cluster)
    targets = scorecard(session, user, as_of=as_of, cluster=rule.id)
    return ScorecardReport(
        as_of=as_of, window_years=WINDOW_YEARS, interval_level=INTERVAL_LEVEL, cluster=rule.id, targets=targets
    )


@dataclass(frozen=True)
class ScorecardInputs:
    """What a cluster's scorecard reads from the registry (cached per registry version and cluster; the as-of
    date is applied after)."""

    scopes: tuple[str, ...]
    """The scope names of the whole cluster: the registry's counts are observations of each."""
    targets: list[Target]
    indicators: list[Indicator]
    cluster_firms: list[Enterprise]
    brands: list[Brand]
    rankings: list[BrandRanking]
    platforms: list[InnovationPlatform]


def _records(session: Session, kind: str, model: type[R]) -> list[R]:
    return [record for record in all_records(session, kind) if isinstance(record, model)]


def load_inputs(session: Session, rule: ClusterRule) -> ScorecardInputs:
    """Return a cluster's targets and indicators, its member enterprises, brands, rankings and platforms.

    Brands and platforms without a recorded owner count for the default cluster only (the registry of one
    cluster listed its own); another cluster counts those of its members."""
    query = ListQuery(equals={"in_cluster": True}, cluster=rule.id, limit=ALL_ROWS)
    inside = [firm for firm in list_page(session, "enterprises", query).items if isinstance(firm, Enterprise)]
    members = frozenset(firm.id for firm in inside)

    def ours(owner_id: str | None) -> bool:
        return rule.cluster.is_default if owner_id is None else owner_id in members

    return ScorecardInputs(
        scopes=cluster_scopes(rule),
        targets=[t for t in _records(session, "targets", Target) if in_scorecard(t.scope, rule, members)],
        indicators=[i for i in _records(session, "indicators", Indicator) if in_scorecard(i.scope, rule, members)],
        cluster_firms=inside,
        brands=[b for b in _records(session, "brands", Brand) if ours(b.owner_id)],
        rankings=_records(session, "brand_rankings", BrandRanking),
        platforms=[p for p in _records(session, "innovation_platforms", InnovationPlatform) if ours(p.owner_id)],
    )


def scoped_counts(inputs: ScorecardInputs, as_of: dt.date) -> list[Indicator]:
    """Return the registry's counts of a cluster's members for the as-of date, one per scope name of the cluster."""
    counts = registry_counts(
        enterprises=inputs.cluster_firms,
        brands=inputs.brands,
        rankings=inputs.rankings,
        platforms=inputs.platforms,
        as_of=as_of,
    )
    return [count.model_copy(update={"scope": scope}) for count in counts for scope in inputs.scopes]


def counted_observations(inputs: ScorecardInputs, as_of: dt.date) -> list[Indicator]:
    """Return a cluster's indicators, with the registry's counts for the as-of date in place of the same periods."""
    return with_registry_counts(inputs.indicators, scoped_counts(inputs, as_of))


def every_cluster_scorecard(
    session: Session, user: User | None, *, as_of: dt.date
) -> tuple[list[Indicator], list[Target], list[TargetScore]]:
    """Return every indicator with each cluster's registry counts, every target, and each cluster's scores as the
    user may see them (a target held by several clusters' scorecards, e.g. a chain node's, scored once)."""
    require(user, Action.READ, AGGREGATES)
    counts: list[Indicator] = []
    scores: dict[tuple[str, str, str], TargetScore] = {}
    for rule in cluster_rules(session):
        inputs = scorecard_inputs(session, rule)
        counts += scoped_counts(inputs, as_of)
        for score in cluster_scores(session, rule, as_of):
            scores.setdefault((score.metric, score.scope, score.target_period), score)
    shown = list(scores.values())
    if not allowed(user, Action.READ, REGISTRY):
        shown = [score for score in shown if public_scope(score.scope)]
    indicators = with_registry_counts(_records(session, "indicators", Indicator), counts)
    return indicators, _records(session, "targets", Target), shown
