"""The targets scorecard use case (目标考核, part of monitoring): load targets, indicators and the counted registry kinds,
add the registry's counts for the as-of date, and score every target (analytics.scorecard).

Targets of the cluster and of chain nodes are public aggregates; targets of single enterprises are shown
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
from chainatlas.domain.enterprise import Enterprise
from chainatlas.domain.indicator import Indicator, Target, scope_reference
from chainatlas.domain.monitoring_results import ScorecardReport, TargetScore
from chainatlas.domain.platform import InnovationPlatform
from chainatlas.domain.user import User
from chainatlas.services.access import require
from chainatlas.services.cache import PUBLIC_CACHE
from chainatlas.store.queries import ListQuery, all_records, list_page

ALL_ROWS = 10**9
R = TypeVar("R")


def public_scope(scope: str) -> bool:
    """Return whether a scope is an aggregate anyone may see: the cluster or a chain node (not one enterprise)."""
    reference = scope_reference(scope)
    return reference is None or reference[0] == "chain_nodes"


def scorecard(session: Session, user: User | None, *, as_of: dt.date) -> list[TargetScore]:
    """Return one scored row per target as of a date, by metric, scope and target period."""
    require(user, Action.READ, AGGREGATES)
    inputs = PUBLIC_CACHE.get(session, "scorecard_inputs", lambda: load_inputs(session))
    scores = score_targets(inputs.targets, counted_observations(inputs, as_of), as_of)
    if allowed(user, Action.READ, REGISTRY):
        return scores
    return [score for score in scores if public_scope(score.scope)]


def scorecard_report(session: Session, user: User | None, *, as_of: dt.date) -> ScorecardReport:
    """Return the targets scorecard as of a date with the trend window and interval level it used."""
    targets = scorecard(session, user, as_of=as_of)
    return ScorecardReport(as_of=as_of, window_years=WINDOW_YEARS, interval_level=INTERVAL_LEVEL, targets=targets)


@dataclass(frozen=True)
class ScorecardInputs:
    """What the scorecard reads from the registry (cached per registry version; the as-of date is applied after)."""

    targets: list[Target]
    indicators: list[Indicator]
    cluster_firms: list[Enterprise]
    brands: list[Brand]
    rankings: list[BrandRanking]
    platforms: list[InnovationPlatform]


def _records(session: Session, kind: str, model: type[R]) -> list[R]:
    return [record for record in all_records(session, kind) if isinstance(record, model)]


def load_inputs(session: Session) -> ScorecardInputs:
    """Return the targets, indicators, enterprises in the cluster, brands, rankings and platforms."""
    inside = list_page(session, "enterprises", ListQuery(equals={"in_cluster": True}, limit=ALL_ROWS)).items
    return ScorecardInputs(
        targets=_records(session, "targets", Target),
        indicators=_records(session, "indicators", Indicator),
        cluster_firms=[firm for firm in inside if isinstance(firm, Enterprise)],
        brands=_records(session, "brands", Brand),
        rankings=_records(session, "brand_rankings", BrandRanking),
        platforms=_records(session, "innovation_platforms", InnovationPlatform),
    )


def counted_observations(inputs: ScorecardInputs, as_of: dt.date) -> list[Indicator]:
    """Return every indicator, with the registry's counts for the as-of date in place of the same periods."""
    counts = registry_counts(
        enterprises=inputs.cluster_firms,
        brands=inputs.brands,
        rankings=inputs.rankings,
        platforms=inputs.platforms,
        as_of=as_of,
    )
    return with_registry_counts(inputs.indicators, counts)
