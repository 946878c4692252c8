"""How the scorecard reads on its page: one card per target with its figures, reasons, tables and chart data."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from chainatlas.analytics.periods import months_covered, period_end_month
from chainatlas.analytics.scorecard import Point, TargetScore, is_counted, is_synthetic_source
from chainatlas.domain.indicator import scope_reference
from chainatlas.reports.charts import chart_scale
from chainatlas.web.formatting import measure, share
from chainatlas.web.i18n import METRICS, Translator
from chainatlas.web.i18n_monitoring import COUNT_UNITS

STATUS_ORDER = ("off_track", "at_risk", "on_track", "achieved", "unknown")


def status_key(score: TargetScore) -> str:
    """Return the status of a score as a label suffix (`unknown` when it cannot be judged)."""
    return score.status.value if score.status is not None else "unknown"


def exact(value: float | None, unit: str | None, t: Translator) -> str:
    """Return an observed or target value with its unit, as given (floats of stored decimals read back short)."""
    return "—" if value is None else measure(Decimal(str(value)), unit, t)


def rounded(value: float | None, unit: str | None, t: Translator) -> str:
    """Return a computed value (a projection) with its unit, rounded to what it can mean."""
    if value is None:
        return "—"
    places = 0 if unit in COUNT_UNITS or abs(value) >= 1000 else 1 if abs(value) >= 10 else 2
    return measure(Decimal(f"{value:.{places}f}"), unit, t)


def scope_label(scope: str, t: Translator) -> str:
    """Return a target's scope in words: the whole cluster, a chain node or an enterprise."""
    reference = scope_reference(scope)
    if reference is None:
        return t("scope.cluster")
    return t("scope.node" if reference[0] == "chain_nodes" else "scope.enterprise", code=reference[1])


def period_label(period: str, t: Translator) -> str:
    """Return a period as Chinese statistics name it: a year, or the months 1–N its cumulative value covers."""
    months = months_covered(period)
    if len(period) == 4:
        return period
    if months == 1:
        return t("ytd.one_month", year=period[:4])
    return t("ytd.months", year=period[:4], n=months)


@dataclass(frozen=True)
class Row:
    """One line of a card's table: the period, the value, its year-on-year change, whether synthetic or counted."""

    period: str
    value: str
    yoy: str
    synthetic: bool
    counted: bool


def rows(points: tuple[Point, ...], unit: str | None, t: Translator) -> list[Row]:
    """Return the points of a series as table lines, newest first."""
    return [
        Row(period_label(p.period, t), exact(p.value, unit, t), share(p.yoy), p.synthetic, is_counted(p.source))
        for p in reversed(points)
    ]


def reasons(score: TargetScore, t: Translator) -> list[str]:
    """Return every reason of a score in the page language, naming the value it concerns."""
    return [f"{t('field_reason.' + r.field)}: {t('reason.' + r.code)}" for r in score.reasons]


def chart_data(score: TargetScore, unit: str | None, t: Translator) -> dict[str, Any]:
    """Return the chart of a target: the actual series, the trend with its band, and the target point."""
    factor, unit_label = chart_scale(unit, t)
    scale = float(factor)
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


@dataclass(frozen=True)
class Card:
    """A target as its card shows it."""

    score: TargetScore
    anchor: str
    name: str
    scope: str
    status: str
    figures: dict[str, str]
    reasons: list[str]
    series: list[Row]
    year_to_date: list[Row]
    chart: dict[str, Any]
    counted: bool
    latest_synthetic: bool


def figures(score: TargetScore, t: Translator) -> dict[str, str]:
    """Return the card's headline figures as text (the target's in its unit, the rest in the series' unit)."""
    unit, goal_unit = score.series_unit or score.unit, score.unit or score.series_unit
    interval = ""
    if score.projection_low is not None and score.projection_high is not None:
        low, high = rounded(score.projection_low, unit, t), rounded(score.projection_high, unit, t)
        interval = t("scorecard.interval", low=low, high=high)
    baseline = ""
    if score.baseline_period is not None:
        baseline = t(
            "scorecard.baseline", period=score.baseline_period, value=exact(score.baseline_value, goal_unit, t)
        )
    window = ""
    if score.actual_cagr is not None and score.cagr_from_period and score.latest_period:
        window = t("scorecard.actual_window", start=score.cagr_from_period, end=score.latest_period)
    return {
        "target": exact(score.target_value, goal_unit, t),
        "baseline": baseline,
        "latest": exact(score.latest_value, unit, t),
        "progress": share(score.progress),
        "required": share(score.required_cagr),
        "actual": share(score.actual_cagr),
        "window": window,
        "projected": rounded(score.projected_value, unit, t),
        "interval": interval,
    }


def card(score: TargetScore, t: Translator) -> Card:
    """Return the card of one target."""
    unit = score.series_unit or score.unit
    counted = score.latest_source is not None and is_counted(score.latest_source)
    return Card(
        score=score,
        anchor=anchor(score),
        name=t.pick(METRICS, score.metric),
        scope=scope_label(score.scope, t),
        status=status_key(score),
        figures=figures(score, t),
        reasons=reasons(score, t),
        series=rows(score.series, unit, t),
        year_to_date=rows(score.year_to_date, unit, t),
        chart=chart_data(score, unit, t),
        counted=counted,
        latest_synthetic=score.latest_source is not None and is_synthetic_source(score.latest_source),
    )


def status_counts(cards: list[Card]) -> list[tuple[str, int]]:
    """Return how many targets have each status, worst first (statuses with none left out)."""
    return [(s, n) for s in STATUS_ORDER if (n := sum(1 for c in cards if c.status == s))]
