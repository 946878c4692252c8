"""The targets scorecard (目标考核, part of monitoring): for each target the latest actual, progress, the growth it requires
against the growth achieved, a log-linear trend projected to the target period with an interval, and a status.

Pure: targets, observations and the as-of date come in; nothing reads the clock or a database. The rules
and formulas are stated in docs/monitoring.md and on the scorecard page; keep the three in step.

Periods are YYYY, YYYY-Qn or YYYY-MM; sub-year values are year-to-date cumulative (1–N月累计), as Chinese
statistics publish them. A target is compared only with observations of the same metric, scope, unit and
kind of period (a 2030 target with yearly values; a 2027-06 target with the 1–6月 values of each year).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from chainatlas.analytics.periods import (
    comparable,
    period_end,
    period_end_month,
    same_period_last_year,
    years_between,
)
from chainatlas.analytics.trend import fit_trend, projection_path
from chainatlas.domain.indicator import Indicator, Target
from chainatlas.domain.monitoring_results import (
    REASONS,
    REGISTRY_SOURCE,
    SYNTHETIC_MARK,
    Point,
    Projected,
    Reason,
    Status,
    TargetScore,
    is_counted,
    is_synthetic_source,
)

__all__ = [
    "REASONS",
    "REGISTRY_SOURCE",
    "SYNTHETIC_MARK",
    "Point",
    "Reason",
    "Status",
    "TargetScore",
    "is_counted",
    "is_synthetic_source",
    "score_target",
    "score_targets",
]
"""The result types and source rules live in `domain.monitoring_results`; they are named here too."""

WINDOW_YEARS = 5
"""`actual_cagr` and the trend use the observations within this many years of the latest one."""
ROUNDING = 1e-9
"""A value within this fraction of the target counts as meeting it (exp and log round in the last digits)."""


# -- observations -----------------------------------------------------------------------------------


def is_registry_count(indicator: Indicator) -> bool:
    """Return whether an observation was counted from the registry (it stands for the as-of date)."""
    return is_counted(indicator.source)


def known_by(indicator: Indicator, as_of: dt.date) -> bool:
    """Return whether an observation is known on the as-of date: its period has ended, or it is a registry count."""
    return is_registry_count(indicator) or period_end(indicator.period) <= as_of


def with_yoy(observations: Sequence[Indicator]) -> tuple[Point, ...]:
    """Return observations (one metric, scope and unit) as points, each with 同比 where its base is known."""
    by_period = {o.period: float(o.value) for o in observations}
    points = []
    for o in observations:
        base = by_period.get(same_period_last_year(o.period))
        yoy = float(o.value) / base - 1 if base and base > 0 and float(o.value) >= 0 else None
        points.append(Point(o.period, float(o.value), o.source, is_synthetic_source(o.source), yoy))
    return tuple(points)


def target_series(target: Target, observations: Sequence[Indicator], as_of: dt.date) -> list[Indicator]:
    """Return the observations comparable with a target known by the as-of date, oldest first, in one unit:
    the target's when any observation has it, else the latest one's (other units are left out, never mixed in)."""
    found = [o for o in observations if comparable(o.period, target.target_period) and known_by(o, as_of)]
    found.sort(key=lambda o: period_end_month(o.period))
    if not found:
        return []
    units = {o.unit for o in found}
    unit = target.unit if target.unit in units else found[-1].unit
    return [o for o in found if o.unit == unit]


def year_to_date(observations: Sequence[Indicator], as_of: dt.date) -> tuple[Point, ...]:
    """Return the sub-year (1–N月累计) observations of the latest year that has any, each with its 同比."""
    sub_year = sorted(
        (o for o in observations if len(o.period) > 4 and known_by(o, as_of)),
        key=lambda o: (period_end_month(o.period), o.period),
    )
    if not sub_year:
        return ()
    year, unit = sub_year[-1].period[:4], sub_year[-1].unit
    same_unit = [o for o in sub_year if o.unit == unit]
    return tuple(p for p in with_yoy(same_unit) if p.period[:4] == year)


# -- the rates --------------------------------------------------------------------------------------


def cagr(first: float, last: float, years: float) -> float:
    """Return the compound annual growth rate from one value to another over some years."""
    return float((last / first) ** (1 / years) - 1)


def progress_of(target: Target, latest: float) -> tuple[float | None, str | None]:
    """Return (latest − baseline) / (target − baseline) with a baseline, else latest / target; or a reason."""
    goal = float(target.target_value)
    if target.baseline_value is not None:
        base = float(target.baseline_value)
        return (None, "target_equals_baseline") if goal == base else ((latest - base) / (goal - base), None)
    return (None, "target_zero") if goal == 0 else (latest / goal, None)


def required_cagr_of(target: Target, latest_period: str, latest: float) -> tuple[float | None, str | None]:
    """Return (target / latest)^(1 / years from the latest to the target period) − 1, or a reason."""
    years = years_between(latest_period, target.target_period)
    if years <= 0:
        return None, "latest_at_target_period"
    if latest <= 0 or float(target.target_value) <= 0:
        return None, "non_positive"
    return cagr(latest, float(target.target_value), years), None


def window(series: Sequence[Indicator]) -> list[Indicator]:
    """Return the observations within WINDOW_YEARS of the latest one (both ends included)."""
    last = period_end_month(series[-1].period)
    return [o for o in series if period_end_month(o.period) >= last - 12 * WINDOW_YEARS]


def actual_cagr_of(recent: Sequence[Indicator]) -> tuple[float | None, str | None]:
    """Return the compound annual growth from the earliest to the latest observation of the window, or a reason."""
    if len(recent) < 2:
        return None, "one_observation"
    first, last = float(recent[0].value), float(recent[-1].value)
    if first <= 0 or last <= 0:
        return None, "non_positive"
    return cagr(first, last, years_between(recent[0].period, recent[-1].period)), None


# -- the status -------------------------------------------------------------------------------------


def direction_of(target: Target) -> str:
    """Return `down` when the target lies below its baseline (less is better), else `up`."""
    below = target.baseline_value is not None and target.target_value < target.baseline_value
    return "down" if below else "up"


def meets(value: float, goal: float, direction: str) -> bool:
    """Return whether a value reaches a target in the target's direction (to within float rounding)."""
    slack = ROUNDING * abs(goal)
    return value >= goal - slack if direction == "up" else value <= goal + slack


def target_status(
    target: Target, latest: Indicator, projected: Projected | None, trend_reason: str | None, as_of: dt.date
) -> tuple[Status, str | None]:
    """Return a target's status and the reason for it, by the rules in docs/monitoring.md:

    achieved — the latest value meets the target; otherwise off_track (missed) once the target period has
    ended by the as-of date, however old the latest observation; at_risk while the target period runs when
    the latest period is the target period (a registry count); otherwise by the trend projected to the
    target period: on_track when it meets the target, at_risk when only the interval's favourable bound
    does (or there is no trend or no interval), off_track when even that bound misses it.
    """
    goal, direction = float(target.target_value), direction_of(target)
    if meets(float(latest.value), goal, direction):
        return Status.ACHIEVED, None
    if period_end(target.target_period) <= as_of:
        return Status.OFF_TRACK, "target_missed"
    if period_end_month(latest.period) >= period_end_month(target.target_period):
        return Status.AT_RISK, "target_period_running"
    if projected is None:
        return Status.AT_RISK, trend_reason or "no_trend"
    if meets(projected.value, goal, direction):
        return Status.ON_TRACK, None
    favourable = projected.high if direction == "up" else projected.low
    if favourable is None:
        return Status.AT_RISK, "no_interval"
    if meets(favourable, goal, direction):
        return Status.AT_RISK, "within_interval"
    return Status.OFF_TRACK, "beyond_interval"


# -- one target, every target -----------------------------------------------------------------------


def _score(target: Target, **values: Any) -> TargetScore:
    """Return a score from a target and the computed values (those not given are None or empty)."""
    empty: dict[str, Any] = {
        "series_unit": None,
        "latest_period": None,
        "latest_value": None,
        "latest_source": None,
        "progress": None,
        "required_cagr": None,
        "actual_cagr": None,
        "cagr_from_period": None,
        "projected_value": None,
        "projection_low": None,
        "projection_high": None,
        "status": None,
        "reasons": (),
        "series": (),
        "projection": (),
        "year_to_date": (),
    }
    merged = {**empty, **values}
    shown = (*merged["series"], *merged["year_to_date"])
    return TargetScore(
        metric=target.metric,
        scope=target.scope,
        unit=target.unit,
        target_period=target.target_period,
        target_value=float(target.target_value),
        baseline_period=target.baseline_period,
        baseline_value=None if target.baseline_value is None else float(target.baseline_value),
        direction=direction_of(target),
        target_source=target.source,
        synthetic=is_synthetic_source(target.source) or any(p.synthetic for p in shown),
        **merged,
    )


def _units_differ(target: Target, series: Sequence[Indicator]) -> bool:
    unit = series[-1].unit
    return target.unit is not None and unit is not None and target.unit != unit


class _Reasons(list[Reason]):
    """The reasons gathered while scoring one target."""

    def take(self, field: str, pair: tuple[Any, str | None]) -> Any:
        """Return a computed value, noting its reason when there is one."""
        if pair[1] is not None:
            self.append(Reason(field, pair[1]))
        return pair[0]


def _projection(
    target: Target, latest: Indicator, recent: Sequence[Indicator], reasons: _Reasons
) -> tuple[tuple[Projected, ...], str | None]:
    """Return the trend from the latest to the target period (empty when there is none) and why not."""
    trend, why = fit_trend(recent)
    if trend is not None and years_between(latest.period, target.target_period) <= 0:
        trend, why = None, "latest_at_target_period"
    if trend is None:
        reasons.take("projected_value", (None, why))
        return (), why
    path = projection_path(trend, latest.period, target.target_period)
    if path[-1].low is None:
        reasons.append(Reason("projection_low", "interval_needs_three"))
    return path, None


def score_target(target: Target, observations: Sequence[Indicator], as_of: dt.date) -> TargetScore:
    """Return the scorecard row of one target from the observations of its metric and scope."""
    series, ytd = target_series(target, observations, as_of), year_to_date(observations, as_of)
    if not series:
        return _score(target, year_to_date=ytd, reasons=(Reason("status", "no_observation"),))
    latest, recent, reasons = series[-1], window(series), _Reasons()
    path, trend_reason = _projection(target, latest, recent, reasons)
    projected = path[-1] if path else None
    actual = reasons.take("actual_cagr", actual_cagr_of(recent))
    progress = required = status = None
    if _units_differ(target, series):
        reasons += [Reason(field, "units_differ") for field in ("progress", "required_cagr", "status")]
    else:
        progress = reasons.take("progress", progress_of(target, float(latest.value)))
        required = reasons.take("required_cagr", required_cagr_of(target, latest.period, float(latest.value)))
        status = reasons.take("status", target_status(target, latest, projected, trend_reason, as_of))
    return _score(
        target,
        series_unit=latest.unit,
        latest_period=latest.period,
        latest_value=float(latest.value),
        latest_source=latest.source,
        progress=progress,
        required_cagr=required,
        actual_cagr=actual,
        cagr_from_period=recent[0].period,
        projected_value=projected.value if projected else None,
        projection_low=projected.low if projected else None,
        projection_high=projected.high if projected else None,
        status=status,
        reasons=tuple(reasons),
        series=with_yoy(series),
        projection=path,
        year_to_date=ytd,
    )


def score_targets(targets: Iterable[Target], series: Iterable[Indicator], as_of: dt.date) -> list[TargetScore]:
    """Return the scorecard: one row per target (by metric, scope, target period), each compared only with
    the observations of its own metric and scope (`series` may hold every indicator and registry count)."""
    by_key: dict[tuple[str, str], list[Indicator]] = defaultdict(list)
    for observation in series:
        by_key[(observation.metric, observation.scope)].append(observation)
    ordered = sorted(targets, key=lambda t: (t.metric, t.scope, period_end_month(t.target_period)))
    return [score_target(t, by_key.get((t.metric, t.scope), []), as_of) for t in ordered]
