"""Counts that are targets too, computed from the registry for the current period (the as-of date):
规上 enterprises, chain leaders (链主), specialised SMEs (专精特新), little giants (小巨人), brands in the
global top 50, national and provincial innovation platforms. Earlier periods come from indicators.

A record belongs to the cluster when its enterprise is in the cluster (brands and platforms: their owner;
one without an owner recorded counts too, since the registry lists the cluster's own).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal

from chainatlas.analytics.scorecard import REGISTRY_SOURCE, SYNTHETIC_MARK, is_synthetic_source
from chainatlas.domain.brand import GLOBAL_TOP50, Brand, BrandRanking
from chainatlas.domain.common import SYNTHETIC
from chainatlas.domain.enterprise import Enterprise
from chainatlas.domain.indicator import Indicator
from chainatlas.domain.platform import InnovationPlatform, PlatformLevel

TAG_COUNTS: dict[str, tuple[str, ...]] = {
    "enterprises_above_scale": ("规上",),
    "chain_leaders": ("链主",),
    "specialised_smes": ("专精特新", "小巨人"),
    "little_giants": ("小巨人",),
}
"""metric → the enterprise tags any of which counts (a 小巨人 is a 专精特新 firm at national level)."""
PLATFORM_COUNTS = {"national_platforms": PlatformLevel.NATIONAL, "provincial_platforms": PlatformLevel.PROVINCIAL}
BRAND_COUNT = "global_top50_brands"
COUNTED_METRICS = (*TAG_COUNTS, BRAND_COUNT, *PLATFORM_COUNTS)
SCOPE = "cluster"


def count_indicator(metric: str, period: str, sources: Sequence[str], unit: str, as_of: dt.date) -> Indicator:
    """Return a count as an observation whose source says it was counted (and whether synthetic records were)."""
    synthetic = any(is_synthetic_source(source) for source in sources)
    source = f"{REGISTRY_SOURCE} on {as_of.isoformat()}" + (f" {SYNTHETIC_MARK}" if synthetic else "")
    return Indicator(metric=metric, scope=SCOPE, period=period, value=Decimal(len(sources)), unit=unit, source=source)


def tag_counts(enterprises: Iterable[Enterprise], as_of: dt.date) -> list[Indicator]:
    """Return, per tag metric, how many enterprises in the cluster carry one of its tags."""
    inside = [firm for firm in enterprises if firm.in_cluster]
    found = []
    for metric, tags in TAG_COUNTS.items():
        sources = [firm.source for firm in inside if set(tags) & set(firm.tags)]
        found.append(count_indicator(metric, str(as_of.year), sources, "家", as_of))
    return found


def belongs(owner_id: str | None, cluster: set[str]) -> bool:
    """Return whether a brand or platform belongs to the cluster: no owner recorded, or an owner in it."""
    return owner_id is None or owner_id in cluster


def brand_count(
    brands: Iterable[Brand], rankings: Iterable[BrandRanking], cluster: set[str], as_of: dt.date
) -> list[Indicator]:
    """Return how many of the cluster's brands the latest global top-50 list published by the as-of year ranks
    (labelled with that list's year); nothing when no such list is in the registry."""
    owned = {brand.id: brand for brand in brands if belongs(brand.owner_id, cluster)}
    entries = [r for r in rankings if r.ranking == GLOBAL_TOP50 and r.year <= as_of.year and r.rank <= 50]
    if not entries:
        return []
    year = max(entry.year for entry in entries)
    ranked = {entry.brand_id: entry for entry in entries if entry.year == year and entry.brand_id in owned}
    sources = [
        SYNTHETIC if is_synthetic_source(owned[brand].source) else entry.source
        for brand, entry in sorted(ranked.items())
    ]
    return [count_indicator(BRAND_COUNT, str(year), sources, "个", as_of)]


def platform_counts(platforms: Iterable[InnovationPlatform], cluster: set[str], as_of: dt.date) -> list[Indicator]:
    """Return, per level, how many of the cluster's platforms were recognised by the as-of year (or undated)."""
    mine = [p for p in platforms if belongs(p.owner_id, cluster) and (p.year is None or p.year <= as_of.year)]
    return [
        count_indicator(metric, str(as_of.year), [p.source for p in mine if p.level == level], "个", as_of)
        for metric, level in PLATFORM_COUNTS.items()
    ]


def registry_counts(
    *,
    enterprises: Sequence[Enterprise],
    brands: Iterable[Brand],
    rankings: Iterable[BrandRanking],
    platforms: Iterable[InnovationPlatform],
    as_of: dt.date,
) -> list[Indicator]:
    """Return every counted metric of the cluster as observations for the as-of date."""
    cluster = {firm.id for firm in enterprises if firm.in_cluster}
    return [
        *tag_counts(enterprises, as_of),
        *brand_count(brands, rankings, cluster, as_of),
        *platform_counts(platforms, cluster, as_of),
    ]


def with_registry_counts(indicators: Iterable[Indicator], counts: Iterable[Indicator]) -> list[Indicator]:
    """Return the indicators with the registry's counts added; a count replaces an indicator of the same period."""
    merged = {(i.metric, i.scope, i.period): i for i in indicators}
    merged.update({(c.metric, c.scope, c.period): c for c in counts})
    return list(merged.values())
