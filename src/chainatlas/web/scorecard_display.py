"""How the targets scorecard (part of monitoring) reads on its page: one card per target with its figures, reasons, tables and chart data."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from chainatlas.domain.monitoring_results import Point, TargetScore, is_counted, is_synthetic_source
from chainatlas.reports.charts import chart_scale
from chainatlas.reports.scorecard_charts import (
    STATUS_ORDER,
    anchor,
    chart_data,
    period_label,
    reasons,
    scope_label,
    status_key,
)
from chainatlas.web.formatting import measure, share
from chainatlas.web.i18n import METRICS, Translator
from chainatlas.web.i18n_monitoring import COUNT_UNITS


def exact(value: float | None, unit: str | None, t: Translator) -> str:
    """Return an observed or target value with its unit, as given (floats of stored decimals read back short)."""
    return "—" if value is None else measure(Decimal(str(value)), unit, t)


def rounded(value: float | None, unit: str | None, t: Translator) -> str:
    """Return a computed value (a projection) with its unit, rounded to what it can mean."""
    if value is None:
        return "—"
    places = 0 if unit in COUNT_UNITS or abs(value) >= 1000 else 1 if abs(value) >= 10 else 2
    return measure(Decimal(f"{value:.{places}f}"), unit, t)


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
        chart=_chart(score, unit, t),
        counted=counted,
        latest_synthetic=score.latest_source is not None and is_synthetic_source(score.latest_source),
    )


def _chart(score: TargetScore, unit: str | None, t: Translator) -> dict[str, Any]:
    """Return a target's chart with its values on the page's axis (English reads money in CNY billion)."""
    factor, unit_label = chart_scale(unit, t)
    return chart_data(score, float(factor), unit_label, t)


def status_counts(cards: list[Card]) -> list[tuple[str, int]]:
    """Return how many targets have each status, worst first (statuses with none left out)."""
    return [(s, n) for s in STATUS_ORDER if (n := sum(1 for c in cards if c.status == s))]
