"""Alert rules (预警规则, part of monitoring): pure functions from project statuses, indicators, targets and an as-of date to the
conditions that hold then. Each condition carries a stable key (rule + subject) so a store can keep one
alert per condition however often the rules run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Protocol

from chainatlas.analytics.projects import ProjectStatus, ScheduleStatus, period_end
from chainatlas.domain.alert import AlertCondition, AlertRule, AlertThresholds, Severity
from chainatlas.domain.indicator import Indicator, Target

OFF_TRACK = "off_track"


class ScoredTarget(Protocol):
    """What the target rule needs of a scorecard line (chainatlas.analytics.scorecard.TargetScore)."""

    @property
    def metric(self) -> str: ...
    @property
    def scope(self) -> str: ...
    @property
    def target_period(self) -> str: ...
    @property
    def status(self) -> object: ...

    """`off_track` (a string or a string enum) raises the alert; anything else, None included, does not."""

    @property
    def unit(self) -> str | None: ...
    @property
    def target_value(self) -> float: ...
    @property
    def progress(self) -> float | None: ...
    @property
    def projected_value(self) -> float | None: ...
    def reason(self, field: str) -> object | None: ...

    """The reason given for a field (its `code` says why the status is what it is)."""


def condition(rule: AlertRule, subject: str, severity: Severity, **details: object) -> AlertCondition:
    """Return a condition keyed `<rule>:<subject>` (the subject starts with the kind it concerns)."""
    key = f"{rule.value}:{subject}"
    return AlertCondition(key=key, rule=rule, subject=subject, severity=severity, details=details)


def project_names(status: ProjectStatus) -> dict[str, str | None]:
    """Return the details that name a project: its id and its Chinese and English names."""
    project = status.project
    return {"project_id": project.id, "project_name_zh": project.name_zh, "project_name_en": project.name_en}


def target_conditions(scores: Iterable[ScoredTarget]) -> list[AlertCondition]:
    """Raise `target_off_track` for every scored target whose status is off_track."""
    return [
        condition(
            AlertRule.TARGET_OFF_TRACK,
            f"targets/{s.metric}/{s.scope}/{s.target_period}",
            Severity.CRITICAL,
            metric=s.metric,
            scope=s.scope,
            target_period=s.target_period,
            status=str(s.status),
            reason=getattr(s.reason("status"), "code", None),
            progress=None if s.progress is None else round(s.progress, 4),
            projected=None if s.projected_value is None else round(s.projected_value, 2),
            target=s.target_value,
            unit=s.unit,
        )
        for s in scores
        if str(s.status) == OFF_TRACK
    ]


def milestone_conditions(statuses: Sequence[ProjectStatus], limits: AlertThresholds) -> list[AlertCondition]:
    """Raise `milestone_late` for every open milestone more than `milestone_late_days` past its planned date."""
    found = []
    for status in statuses:
        for m in status.milestones:
            if m.done or m.delay_days is None or m.delay_days <= limits.milestone_late_days:
                continue
            severity = Severity.CRITICAL if m.delay_days > limits.milestone_critical_days else Severity.WARNING
            found.append(
                condition(
                    AlertRule.MILESTONE_LATE,
                    f"projects/{status.project.id}/{m.name}",
                    severity,
                    **project_names(status),
                    milestone=m.name,
                    planned_date=str(m.planned_date),
                    days_late=m.delay_days,
                )
            )
    return found


def capacity_conditions(statuses: Sequence[ProjectStatus], limits: AlertThresholds) -> list[AlertCondition]:
    """Raise `capacity_behind` when capacity reached trails the planned ramp by more than `capacity_gap`."""
    found = []
    for s in statuses:
        planned, reached = s.planned_capacity_share, s.capacity_reached_share
        if planned is None or reached is None or planned - reached <= limits.capacity_gap:
            continue
        severity = Severity.CRITICAL if planned - reached > 2 * limits.capacity_gap else Severity.WARNING
        period = s.capacity.period if s.capacity else None
        found.append(
            condition(
                AlertRule.CAPACITY_BEHIND,
                f"projects/{s.project.id}",
                severity,
                **project_names(s),
                reached=round(reached, 4),
                planned=round(planned, 4),
                period=period,
            )
        )
    return found


def same_period_a_year_earlier(period: str) -> str:
    """Return the comparable period a year before (同比): 2025 → 2024, 2025-Q1 → 2024-Q1, 2025-06 → 2024-06."""
    return f"{int(period[:4]) - 1}{period[4:]}"


def grain(period: str) -> int:
    """Return 4 for a year, 7 for a quarter or a month (the grains compared are those of equal form)."""
    return 4 if len(period) == 4 else (5 if period[5] == "Q" else 7)


def series_of(indicators: Iterable[Indicator], as_of: dt.date) -> dict[tuple[str, str, str | None], list[Indicator]]:
    """Return the observations known by as-of, by (metric, scope, unit), oldest first (never mixed)."""
    series: dict[tuple[str, str, str | None], list[Indicator]] = {}
    for item in indicators:
        if period_end(item.period) <= as_of:
            series.setdefault((item.metric, item.scope, item.unit), []).append(item)
    for points in series.values():
        points.sort(key=lambda i: (period_end(i.period), i.period))
    return series


def drop_conditions(indicators: Iterable[Indicator], as_of: dt.date, limits: AlertThresholds) -> list[AlertCondition]:
    """Raise `indicator_drop` when a series' newest value (per grain) is more than `drop_share` below the
    same period a year earlier; the key names the period, so each new drop is a new condition."""
    found = []
    for (metric, scope, _unit), points in series_of(indicators, as_of).items():
        by_period = {p.period: p for p in points}
        for form in {grain(p.period) for p in points}:
            latest = [p for p in points if grain(p.period) == form][-1]
            earlier = by_period.get(same_period_a_year_earlier(latest.period))
            if earlier is None or earlier.value <= 0:
                continue
            drop = float((earlier.value - latest.value) / earlier.value)
            if drop > limits.drop_share:
                severity = Severity.CRITICAL if drop > 2 * limits.drop_share else Severity.WARNING
                found.append(
                    condition(
                        AlertRule.INDICATOR_DROP,
                        f"indicators/{metric}/{scope}/{latest.period}",
                        severity,
                        metric=metric,
                        scope=scope,
                        period=latest.period,
                        compared_period=earlier.period,
                        drop=round(drop, 4),
                        value=str(latest.value),
                        compared_value=str(earlier.value),
                    )
                )
    return found


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Return the whole months from one date to a later one."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if later.day < earlier.day else months


def stale_conditions(
    indicators: Iterable[Indicator],
    targets: Iterable[Target],
    statuses: Sequence[ProjectStatus],
    as_of: dt.date,
    limits: AlertThresholds,
) -> list[AlertCondition]:
    """Raise `stale_data` for monitored data whose newest period ended more than `stale_months` before as-of:
    series with a target not yet past, and the progress of projects not yet done."""
    found = []
    pursued = {(t.metric, t.scope) for t in targets if period_end(t.target_period) >= as_of}
    newest: dict[tuple[str, str], str] = {}
    for (metric, scope, _unit), points in series_of(indicators, as_of).items():
        if (metric, scope) in pursued:
            newest[(metric, scope)] = max([points[-1].period, newest.get((metric, scope), "")], key=_end_or_min)
    for (metric, scope), period in sorted(newest.items()):
        if months_between(period_end(period), as_of) > limits.stale_months:
            found.append(
                condition(
                    AlertRule.STALE_DATA,
                    f"indicators/{metric}/{scope}",
                    Severity.WARNING,
                    metric=metric,
                    scope=scope,
                    latest_period=period,
                    months=limits.stale_months,
                )
            )
    return found + [c for s in statuses if (c := project_stale(s, as_of, limits)) is not None]


def project_began(status: ProjectStatus) -> dt.date | None:
    """Return when a project is known to have begun by its as-of date: its start, else its earliest milestone date
    (planned or reached) on or before as-of; None when nothing dates it."""
    dates = [status.project.start] + [d for m in status.milestones for d in (m.planned_date, m.actual_date)]
    return min((d for d in dates if d is not None and d <= status.as_of), default=None)


def project_stale(status: ProjectStatus, as_of: dt.date, limits: AlertThresholds) -> AlertCondition | None:
    """Return `stale_data` for a project not done whose newest progress period ended more than `stale_months`
    before as-of, or which has no progress at all though it began more than `stale_months` before as-of."""
    if status.status is ScheduleStatus.DONE:
        return None
    periods = [reading.period for reading in (status.invested, status.capacity) if reading is not None]
    subject, names = f"projects/{status.project.id}", project_names(status)
    if periods:
        period = max(periods, key=period_end)
        if months_between(period_end(period), as_of) > limits.stale_months:
            return condition(
                AlertRule.STALE_DATA,
                subject,
                Severity.WARNING,
                **names,
                latest_period=period,
                months=limits.stale_months,
            )
        return None
    began = project_began(status)
    if began is not None and months_between(began, as_of) > limits.stale_months:
        return condition(
            AlertRule.STALE_DATA,
            subject,
            Severity.WARNING,
            **names,
            latest_period=None,
            since=began.isoformat(),
            months=limits.stale_months,
        )
    return None


def _end_or_min(period: str) -> dt.date:
    return period_end(period) if period else dt.date.min


def evaluate_rules(
    *,
    statuses: Sequence[ProjectStatus],
    indicators: Sequence[Indicator],
    targets: Sequence[Target],
    scores: Iterable[ScoredTarget],
    as_of: dt.date,
    limits: AlertThresholds,
) -> list[AlertCondition]:
    """Return every condition that holds as of a date, one per key, sorted by key."""
    found = (
        target_conditions(scores)
        + milestone_conditions(statuses, limits)
        + capacity_conditions(statuses, limits)
        + drop_conditions(indicators, as_of, limits)
        + stale_conditions(indicators, targets, statuses, as_of, limits)
    )
    return sorted({c.key: c for c in found}.values(), key=lambda c: c.key)
