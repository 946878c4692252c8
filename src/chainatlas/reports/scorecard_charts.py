"""How a target of the scorecard (目标考核, part of monitoring) reads on a page or in the briefing: its status
key, scope and period in words, reasons, page anchor and chart data. Labels come in with the caller's
translator; values are scaled by the caller."""

from __future__ import annotations

import re
from typing import Any

from chainatlas.analytics.periods import months_covered, period_end_month
from chainatlas.domain.indicator import scope_reference
from chainatlas.domain.monitoring_results import TargetScore
from chainatlas.reports.labels import Labels

STATUS_ORDER = ("off_track", "at_risk", "on_track", "achieved", "unknown")


def status_key(score: TargetScore) -> str:
    """Return the status of a score as a label suffix (`unknown` when it cannot be judged)."""
    return score.status.value if score.status is not None else "unknown"


def scope_label(scope: str, t: Labels) -> str:
    """Return a target's scope in words: the whole cluster (the default's or a named one's), a chain node or an
    enterprise."""
    reference = scope_reference(scope)
    if reference is None or reference[0] == "clusters":
        return t("scope.cluster")
    return t("scope.node" if reference[0] == "chain_nodes" else "scope.enterprise", code=reference[1])


def period_label(period: str, t: Labels) -> str:
    """Return a period as Chinese statistics name it: a year, or the months 1–N its cumulative value covers."""
    months = months_covered(period)
    if len(period) == 4:
        return period
    if months == 1:
        return t("ytd.one_month", year=period[:4])
    return t("ytd.months", year=period[:4], n=months)


def reasons(score: TargetScore, t: Labels) -> list[str]:
    """Return every reason of a score in the page language, naming the value it concerns."""
    return [f"{t('field_reason.' + r.field)}: {t('reason.' + r.code)}" for r in score.reasons]


def chart_data(score: TargetScore, scale: float, unit_label: str, t: Labels) -> dict[str, Any]:
    """Return the chart of a target: the actual series, the trend with its band, and the target point (values
    times `scale`, the axis named `unit_label`: the caller picks both for the reader)."""
    periods = {p.period for p in score.series} | {p.period for p in score.projection} | {score.target_period}
    x = sorted(periods, key=period_end_month)
    actual = {p.period: p.value * scale for p in score.series}
    trend = {p.period: p for p in score.projection}

    def band(pick: str) -> list[float | None]:
        values = [getattr(trend[p], pick) if p in trend else None for p in x]
        return [None if v is None else v * scale for v in values]

    low, high = band("low"), band("high")
    units_differ = any(reason.code == "units_differ" for reason in score.reasons)
    return {
        "x": x,
        "unit": unit_label,
        "actual": [actual.get(p) for p in x],
        "trend": band("value"),
        "low": low,
        "band": [None if a is None or b is None else b - a for a, b in zip(low, high, strict=True)],
        "target": None if units_differ else [score.target_period, score.target_value * scale],
        "labels": {k: t(f"chart.{k}") for k in ("actual", "trend", "band", "target")},
    }


def anchor(score: TargetScore) -> str:
    """Return the page anchor of a target's card."""
    return re.sub(r"[^a-zA-Z0-9_-]", "-", f"t-{score.metric}-{score.scope}-{score.target_period}")
