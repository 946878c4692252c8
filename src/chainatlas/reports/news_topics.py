"""The news topics' names, Chinese and English: one table for the news pages and the briefing's news section."""

from __future__ import annotations

TOPIC_LABELS: dict[str, tuple[str, str]] = {
    "cluster_scale": ("集群规模", "Cluster scale"),
    "key_project": ("重点项目", "Key projects"),
    "fair": ("展会", "Fairs"),
    "innovation": ("创新", "Innovation"),
    "policy": ("政策", "Policy"),
    "exports": ("出口", "Exports"),
    "supply_disruption": ("供应中断", "Supply disruption"),
    "investment_attraction": ("招商引资", "Investment attraction"),
    "association": ("行业协会", "Association"),
    "components": ("零部件", "Components"),
    "other": ("其他", "Other"),
}
"""Each topic of `domain.news_results.TOPICS` and `other` (a story its extraction gave no topic)."""
