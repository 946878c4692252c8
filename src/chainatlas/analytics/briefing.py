"""What the chain chief's briefing (产业链月报) computes from the results it is handed: the headline figures with
同比 and 1–N月累计 from the scorecard's scores, milestones due in a window, alerts raised or cleared in a period."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from chainatlas.analytics.projects import ProjectStatus
from chainatlas.domain.alert import Alert
from chainatlas.domain.article import ArticleSummary
from chainatlas.domain.briefing import AlertLine, Headline, MilestoneDue, NewsItem, NewsTopic
from chainatlas.domain.indicator import scope_reference
from chainatlas.domain.monitoring_results import TargetScore, is_synthetic_source
from chainatlas.domain.news_results import TOPICS


def cluster_wide(score: TargetScore) -> bool:
    """Return whether a score is of the whole cluster (not a chain node or one enterprise)."""
    reference = scope_reference(score.scope)
    return reference is None or reference[0] == "clusters"


def headline(score: TargetScore) -> Headline:
    """Return a score's headline figure: the latest value with its 同比, and the latest 1–N月累计 with its 同比."""
    latest = next((p for p in reversed(score.series) if p.period == score.latest_period), None)
    ytd = score.year_to_date[-1] if score.year_to_date else None
    source = score.latest_source or score.target_source
    return Headline(
        metric=score.metric,
        unit=score.series_unit or score.unit,
        latest_period=score.latest_period,
        latest_value=score.latest_value,
        latest_yoy=latest.yoy if latest else None,
        ytd_period=ytd.period if ytd else None,
        ytd_value=ytd.value if ytd else None,
        ytd_yoy=ytd.yoy if ytd else None,
        source=source,
        synthetic=is_synthetic_source(source) or (ytd is not None and ytd.synthetic),
    )


def headline_figures(scores: Iterable[TargetScore]) -> list[Headline]:
    """Return one headline per cluster-wide metric that has an observation, in metric order (a metric with
    several targets has one series: the first target's is taken)."""
    found: dict[str, Headline] = {}
    for score in scores:
        if cluster_wide(score) and score.latest_value is not None and score.metric not in found:
            found[score.metric] = headline(score)
    return [found[metric] for metric in sorted(found)]


def milestones_due(statuses: Sequence[ProjectStatus], as_of: dt.date, days: int) -> list[MilestoneDue]:
    """Return the open milestones planned from the as-of date to `days` after it, soonest first."""
    last = as_of + dt.timedelta(days=days)
    due = [
        MilestoneDue(
            project_id=s.project.id,
            project_zh=s.project.name_zh,
            project_en=s.project.name_en,
            name=m.name,
            planned_date=m.planned_date,
            source=m.source,
            synthetic=is_synthetic_source(m.source),
        )
        for s in statuses
        for m in s.milestones
        if not m.done and m.planned_date is not None and as_of <= m.planned_date <= last
    ]
    return sorted(due, key=lambda d: (d.planned_date, d.project_id, d.name))


def period_alerts(alerts: Iterable[Alert], start: dt.date, end: dt.date, messages: dict[int, str]) -> list[AlertLine]:
    """Return the alerts first raised or cleared within a period (one line per event), in date order."""
    lines: list[AlertLine] = []
    for alert in alerts:
        events = [("raised", alert.first_raised_on), ("cleared", alert.cleared_on)]
        for event, day in events:
            if day is not None and start <= day <= end:
                lines.append(
                    AlertLine(
                        id=alert.id,
                        rule=alert.rule.value,
                        subject=alert.subject,
                        severity=alert.severity.value,
                        state=alert.state.value,
                        raised_on=alert.first_raised_on,
                        cleared_on=alert.cleared_on,
                        message=messages.get(alert.id, ""),
                        event="raised" if event == "raised" else "cleared",
                    )
                )
    return sorted(lines, key=lambda line: (line.cleared_on if line.event == "cleared" else line.raised_on, line.id))


OTHER_TOPIC = "other"
"""The topic of a story its extraction gave none."""


def news_topics(articles: Iterable[ArticleSummary]) -> list[NewsTopic]:
    """Return the stories of some articles grouped by topic: each story once (its first copy by day, then id),
    under its first topic (topics in catalogue order, `other` last), with its number of copies; in date order."""
    first: dict[int, ArticleSummary] = {}
    for article in sorted(articles, key=lambda a: (a.day, a.id)):
        first.setdefault(article.story_id or article.id, article)
    grouped: dict[str, list[NewsItem]] = {}
    for article in first.values():
        topic = next((t for t in TOPICS if t in article.topics), OTHER_TOPIC)
        grouped.setdefault(topic, []).append(
            NewsItem(
                title=article.title or article.doc_id or str(article.id),
                published=article.day,
                source=article.source,
                url=article.url,
                copies=article.copies,
            )
        )
    order = [*TOPICS, OTHER_TOPIC]
    return [NewsTopic(topic=topic, items=grouped[topic]) for topic in order if topic in grouped]
