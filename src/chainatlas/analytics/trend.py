"""The log-linear trend of a series (ln value = a + b·t, least squares) and its prediction interval."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from scipy import stats

from chainatlas.analytics.periods import period_end_month
from chainatlas.domain.indicator import Indicator
from chainatlas.domain.monitoring_results import Projected

INTERVAL_LEVEL = 0.80
"""The projection interval is this two-sided prediction interval of the log-linear trend."""


@dataclass(frozen=True)
class Trend:
    """ln(value) = intercept + slope · t (t in years), fitted by least squares, with what the interval needs."""

    intercept: float
    slope: float
    n: int
    mean_t: float
    sxx: float
    residual_sd: float | None
    """sqrt(Σ residual² / (n − 2)); None with fewer than three observations."""

    def at(self, period: str) -> Projected:
        """Return the trend at a period, with the prediction interval when there is one."""
        t = period_end_month(period) / 12
        centre = self.intercept + self.slope * t
        if self.residual_sd is None:
            return Projected(period, math.exp(centre), None, None)
        quantile = float(stats.t.ppf((1 + INTERVAL_LEVEL) / 2, self.n - 2))
        spread = quantile * self.residual_sd * math.sqrt(1 + 1 / self.n + (t - self.mean_t) ** 2 / self.sxx)
        return Projected(period, math.exp(centre), math.exp(centre - spread), math.exp(centre + spread))


def fit_trend(recent: Sequence[Indicator]) -> tuple[Trend | None, str | None]:
    """Return the log-linear trend of the window's observations, or a reason it cannot be fitted."""
    if len(recent) < 2:
        return None, "no_trend"
    if any(o.value <= 0 for o in recent):
        return None, "non_positive"
    ts = [period_end_month(o.period) / 12 for o in recent]
    ys = [math.log(float(o.value)) for o in recent]
    n = len(ts)
    mean_t, mean_y = sum(ts) / n, sum(ys) / n
    sxx = sum((t - mean_t) ** 2 for t in ts)
    slope = sum((t - mean_t) * (y - mean_y) for t, y in zip(ts, ys, strict=True)) / sxx
    intercept = mean_y - slope * mean_t
    residual_sd = None
    if n >= 3:
        ssr = sum((y - intercept - slope * t) ** 2 for t, y in zip(ts, ys, strict=True))
        residual_sd = math.sqrt(ssr / (n - 2))
    return Trend(intercept, slope, n, mean_t, sxx, residual_sd), None


def projection_path(trend: Trend, latest_period: str, target_period: str) -> tuple[Projected, ...]:
    """Return the trend at the latest period and at each comparable period up to the target period."""
    first, last = int(latest_period[:4]), int(target_period[:4])
    return tuple(trend.at(f"{year}{target_period[4:]}") for year in range(first, last + 1))
