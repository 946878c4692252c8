"""The scorecard's rates, projection and status on series worked out by hand (each case says how)."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chainatlas.analytics.scorecard import Status, TargetScore, score_targets
from chainatlas.domain.indicator import Indicator, Target

END_2025 = dt.date(2025, 12, 31)


def obs(
    period: str,
    value: float | str,
    *,
    metric: str = "output",
    scope: str = "cluster",
    unit: str = "亿元",
    source: str = "synthetic",
) -> Indicator:
    number = Decimal(str(value)).quantize(Decimal("0.000001")) if isinstance(value, float) else Decimal(value)
    return Indicator(metric=metric, scope=scope, period=period, value=number, unit=unit, source=source)


def goal(
    period: str,
    value: float | str,
    *,
    baseline: tuple[str, float] | None = None,
    unit: str | None = "亿元",
    metric: str = "output",
    scope: str = "cluster",
) -> Target:
    return Target(
        metric=metric,
        scope=scope,
        target_period=period,
        target_value=Decimal(str(value)),
        unit=unit,
        baseline_period=baseline[0] if baseline else None,
        baseline_value=Decimal(str(baseline[1])) if baseline else None,
        source="synthetic",
    )


def one(target: Target, series: list[Indicator], as_of: dt.date = END_2025) -> TargetScore:
    [score] = score_targets([target], series, as_of)
    return score


def codes(score: TargetScore) -> dict[str, str]:
    return {reason.field: reason.code for reason in score.reasons}


# Exactly 10 % a year: 50 → 55 → 60.5 → 66.55 → 73.205 (2021–2025); 73.205 × 1.1² = 88.57805.
GEOMETRIC = [obs(str(2021 + i), v) for i, v in enumerate(("50", "55", "60.5", "66.55", "73.205"))]


def test_an_exact_ten_percent_series_needs_and_has_ten_percent() -> None:
    score = one(goal("2027", "88.57805", baseline=("2021", 50)), GEOMETRIC)
    assert (score.latest_period, score.latest_value) == ("2025", 73.205)
    assert score.progress == pytest.approx(0.601508, abs=1e-6)  # 23.205 / 38.57805
    assert score.required_cagr == pytest.approx(0.10, abs=1e-12)
    assert score.actual_cagr == pytest.approx(0.10, abs=1e-12)
    assert score.cagr_from_period == "2021"
    # A perfect log-linear fit: the trend hits 88.57805 and the residuals (so the interval) are zero.
    assert score.projected_value == pytest.approx(88.57805, rel=1e-9)
    assert score.projection_low == pytest.approx(88.57805, rel=1e-9)
    assert score.projection_high == pytest.approx(88.57805, rel=1e-9)
    assert score.status is Status.ON_TRACK and score.reasons == ()
    assert [p.period for p in score.projection] == ["2025", "2026", "2027"]
    assert score.projection[1].value == pytest.approx(80.5255, rel=1e-9)  # 73.205 × 1.1


def test_yoy_of_each_year() -> None:
    score = one(goal("2027", 100), GEOMETRIC)
    assert score.series[0].yoy is None  # 2020 is not known
    assert [round(p.yoy or 0, 9) for p in score.series[1:]] == [0.1, 0.1, 0.1, 0.1]


def test_without_a_baseline_progress_is_latest_over_target() -> None:
    assert one(goal("2027", 146.41), GEOMETRIC).progress == pytest.approx(0.5)  # 73.205 / 146.41


# ln values 1.0, 1.2, 1.6 at three consecutive years. By hand: x = 0, 1, 2 (x̄ = 1, Sxx = 2),
# slope = Σ(x − x̄)(y − ȳ) / Sxx = (0.2667 + 0.3333) / 2 = 0.3; fitted 0.9667, 1.2667, 1.5667;
# residuals 0.0333, −0.0667, 0.0333, SSR = 1/150, s = √(SSR / (n − 2)) = 0.081650.
# At x = 4 (2027): ŷ = 1.2667 + 0.3 · 3 = 2.1667, projected e^2.1667 = 8.7291;
# se = s · √(1 + 1/3 + (4 − 1)² / 2) = 0.081650 · 2.415229 = 0.197203;
# t(0.90, 1 df) = 3.0777 (table), spread 0.606930: low e^1.559737 = 4.7577, high e^2.773597 = 16.0158.
NOISY = [obs("2023", math.exp(1.0)), obs("2024", math.exp(1.2)), obs("2025", math.exp(1.6))]


def test_projection_and_interval_by_hand() -> None:
    score = one(goal("2027", 10), NOISY)
    assert score.projected_value == pytest.approx(8.7291, rel=2e-4)
    assert score.projection_low == pytest.approx(4.7577, rel=2e-4)
    assert score.projection_high == pytest.approx(16.0158, rel=2e-4)
    assert score.actual_cagr == pytest.approx(math.exp(0.3) - 1, rel=1e-5)  # (e^1.6 / e^1.0)^(1/2) − 1 = 0.349859
    assert score.required_cagr == pytest.approx(0.420906, rel=1e-5)  # √(10 / e^1.6) − 1 = √2.018966 − 1


@pytest.mark.parametrize(
    ("value", "status", "reason"),
    [
        (4.9, Status.ACHIEVED, None),  # the latest, e^1.6 = 4.953, already meets it
        (8.0, Status.ON_TRACK, None),  # the trend (8.729) meets it
        (10.0, Status.AT_RISK, "within_interval"),  # the trend misses, the high bound (16.02) reaches it
        (20.0, Status.OFF_TRACK, "beyond_interval"),  # beyond even the high bound
    ],
)
def test_status_by_the_projection(value: float, status: Status, reason: str | None) -> None:
    score = one(goal("2027", value), NOISY)
    assert score.status is status
    assert codes(score).get("status") == reason


def test_a_falling_target_reads_the_other_way() -> None:
    # Less is better: baseline 2023 at 20, target 2027 at 5; the series halves every year (20, 10, 5 … by 2025).
    series = [obs("2023", 20), obs("2024", 10), obs("2025", "5.5")]
    score = one(goal("2027", 5, baseline=("2023", 20)), series)
    assert score.direction == "down"
    assert score.progress == pytest.approx((5.5 - 20) / (5 - 20))  # 0.966667
    assert score.status is Status.ON_TRACK  # the trend falls far below 5 by 2027
    assert one(goal("2027", 6, baseline=("2023", 20)), series).status is Status.ACHIEVED


def test_two_observations_give_a_trend_but_no_interval() -> None:
    # 100 → 121 in two years is 10 % a year; the line through two points projects 121 · 1.1² = 146.41 in 2027.
    series = [obs("2023", 100), obs("2025", 121)]
    score = one(goal("2027", 150), series)
    assert score.projected_value == pytest.approx(146.41)
    assert score.projection_low is None and score.projection_high is None
    assert codes(score)["projection_low"] == "interval_needs_three"
    assert (score.status, codes(score)["status"]) == (Status.AT_RISK, "no_interval")
    assert one(goal("2027", 140), series).status is Status.ON_TRACK


def test_the_window_is_the_last_five_years() -> None:
    # 2015–2025 yearly; the window is 2020–2025 (2025 − 5 = 2020 included): 2020 = 80 → 2025 = 160, 2 × in 5 years.
    series = [obs(str(year), 1000 if year < 2020 else 80 * 2 ** ((year - 2020) / 5)) for year in range(2015, 2026)]
    score = one(goal("2030", 400), series)
    assert score.cagr_from_period == "2020"
    assert score.actual_cagr == pytest.approx(2**0.2 - 1, rel=1e-6)  # 0.148698
    assert score.projected_value == pytest.approx(320, rel=1e-5)  # a doubling every 5 years, from 160


def test_one_observation_leaves_the_rates_null_with_reasons() -> None:
    score = one(goal("2030", 200), [obs("2025", 100)])
    assert score.required_cagr == pytest.approx(2**0.2 - 1)  # (200 / 100)^(1/5) − 1
    assert score.actual_cagr is None and score.projected_value is None
    assert codes(score) == {"actual_cagr": "one_observation", "projected_value": "no_trend", "status": "no_trend"}
    assert score.status is Status.AT_RISK


def test_latest_period_is_the_target_period() -> None:
    series = [obs("2023", 80), obs("2024", 90), obs("2025", 95)]
    score = one(goal("2025", 100), series, dt.date(2026, 2, 1))
    assert score.required_cagr is None and score.projected_value is None
    assert codes(score)["required_cagr"] == "latest_at_target_period"
    assert codes(score)["projected_value"] == "latest_at_target_period"
    assert (score.status, codes(score)["status"]) == (Status.OFF_TRACK, "target_missed")
    assert score.actual_cagr == pytest.approx((95 / 80) ** 0.5 - 1)


def test_values_not_above_zero() -> None:
    series = [obs("2023", 0, unit="家"), obs("2024", 0, unit="家"), obs("2025", 0, unit="家")]
    score = one(goal("2030", 3, unit="家"), series)
    assert (score.required_cagr, score.actual_cagr, score.projected_value) == (None, None, None)
    assert codes(score) == {
        "projected_value": "non_positive",
        "actual_cagr": "non_positive",
        "required_cagr": "non_positive",
        "status": "non_positive",
    }
    assert score.progress == 0 and score.status is Status.AT_RISK


def test_units_that_differ_compute_nothing_against_the_target() -> None:
    series = [obs("2024", 100, unit="万元"), obs("2025", 110, unit="万元")]
    score = one(goal("2030", 200, unit="亿元"), series)
    assert (score.progress, score.required_cagr, score.status) == (None, None, None)
    assert {codes(score)[f] for f in ("progress", "required_cagr", "status")} == {"units_differ"}
    assert score.actual_cagr == pytest.approx(0.1)  # the series' own growth still stands


def test_no_observation() -> None:
    score = one(goal("2015", 3000), [obs("2025", 1, metric="other")])
    assert score.latest_value is None and score.status is None
    assert codes(score) == {"status": "no_observation"}


def test_metrics_scopes_and_units_are_never_mixed() -> None:
    series = [*GEOMETRIC, obs("2025", 1, metric="exports"), obs("2025", 999, scope="node:U"), obs("2026", 5, unit="%")]
    score = one(goal("2027", "88.57805"), series, dt.date(2026, 12, 31))
    assert [p.value for p in score.series] == [50, 55, 60.5, 66.55, 73.205]  # the 2026 value in % is left out
    assert score.latest_period == "2025"
    only_percent = one(goal("2030", 10, unit="%"), series, dt.date(2026, 12, 31))
    assert [(p.period, p.value) for p in only_percent.series] == [("2026", 5)]


def test_observations_after_the_as_of_date_are_not_known_yet() -> None:
    score = one(goal("2027", 100), GEOMETRIC, dt.date(2025, 6, 30))
    assert (score.latest_period, score.latest_value) == ("2024", 66.55)
    assert score.required_cagr == pytest.approx((100 / 66.55) ** (1 / 3) - 1)


def test_the_status_depends_on_the_as_of_date() -> None:
    # A registry count stands for its as-of date, whatever the period: in mid-2025 the 2025 target still runs,
    # in 2026 the count (now labelled 2026) comes after a 2025 that missed the target.
    def count(period: str) -> Indicator:
        return obs(period, 4, unit="家", source="registry count on the as-of date")

    history = [obs("2023", 2, unit="家"), obs("2024", 3, unit="家")]
    target = goal("2025", 6, unit="家")
    running = one(target, [*history, count("2025")], dt.date(2025, 6, 30))
    assert (running.status, codes(running)["status"]) == (Status.AT_RISK, "target_period_running")
    missed = one(target, [*history, count("2026")], dt.date(2026, 1, 5))
    assert (missed.status, codes(missed)["status"]) == (Status.OFF_TRACK, "target_missed")


def test_a_target_whose_period_has_ended_is_missed_however_old_the_latest_observation() -> None:
    # GEOMETRIC ends in 2025 at 73.205 and grows 10 % a year, so its trend reaches 88.57805 in 2027 (on track).
    # A period has ended on its last day (as an observation is known then): on 2027-12-31, with no 2026 or 2027
    # value, the target is not met, so missed, not on track; the day before it still runs.
    target = goal("2027", "88.57805", baseline=("2021", 50))
    assert one(target, GEOMETRIC, dt.date(2027, 12, 30)).status is Status.ON_TRACK
    missed = one(target, GEOMETRIC, dt.date(2027, 12, 31))
    assert (missed.status, codes(missed)["status"]) == (Status.OFF_TRACK, "target_missed")
    assert missed.latest_period == "2025" and missed.projected_value == pytest.approx(88.57805, rel=1e-9)
    # a falling target, and one met by the latest value, read the same way after the period
    falling = one(goal("2024", 40, baseline=("2021", 50)), GEOMETRIC[:1], dt.date(2031, 1, 1))
    assert (falling.status, codes(falling)["status"]) == (Status.OFF_TRACK, "target_missed")
    assert one(goal("2024", 60), GEOMETRIC[:3], dt.date(2031, 1, 1)).status is Status.ACHIEVED  # 60.5 ≥ 60


def test_year_to_date_months_and_their_yoy() -> None:
    months = [obs("2024-03", 20), obs("2024-06", 50), obs("2025-03", 25), obs("2025-06", 55), obs("2025-09", 90)]
    score = one(goal("2027", 100), [*GEOMETRIC, *months])
    assert [(p.period, p.value) for p in score.year_to_date] == [("2025-03", 25), ("2025-06", 55), ("2025-09", 90)]
    assert [p.yoy for p in score.year_to_date] == [pytest.approx(0.25), pytest.approx(0.1), None]  # 25/20, 55/50
    assert [p.period for p in score.series] == [p.period for p in GEOMETRIC]  # months never join the yearly series


def test_a_month_target_compares_the_same_months_of_each_year() -> None:
    months = [obs("2023-06", 40), obs("2024-06", 44), obs("2024-12", 100), obs("2025-06", "48.4")]
    score = one(goal("2027-06", "58.564"), months)  # 48.4 × 1.1² = 58.564
    assert [p.period for p in score.series] == ["2023-06", "2024-06", "2025-06"]
    assert score.required_cagr == pytest.approx(0.1) and score.actual_cagr == pytest.approx(0.1)
    assert score.status is Status.ON_TRACK


def test_json_has_the_documented_keys() -> None:
    data = one(goal("2027", "88.57805"), GEOMETRIC).as_json()
    keys = {
        "metric",
        "scope",
        "target_period",
        "target_value",
        "latest_period",
        "latest_value",
        "progress",
        "required_cagr",
        "actual_cagr",
        "projected_value",
        "status",
    }
    assert keys <= set(data) and data["status"] == "on_track"
    assert one(goal("2030", 1), [obs("2025", 0)]).as_json()["reasons"][0]["message"]


@settings(max_examples=60, deadline=None)
@given(
    start=st.integers(100, 10_000),
    growth=st.sampled_from([-0.2, -0.05, 0.0, 0.03, 0.1, 0.25]),
    years=st.integers(2, 8),
    ahead=st.integers(1, 6),
)
def test_constant_growth_is_found_and_extended(start: int, growth: float, years: int, ahead: int) -> None:
    # Values rounded to 6 places, so rates are compared to a tolerance; the closed forms are the oracle.
    series = [obs(str(2010 + i), round(start * (1 + growth) ** i, 6)) for i in range(years + 1)]
    latest = float(series[-1].value)
    window_years = min(years, 5)
    # as of the end of the latest year: every value is known and the target period still runs
    score = one(goal(str(2010 + years + ahead), round(latest * 1.5, 6)), series, dt.date(2010 + years, 12, 31))
    assert score.cagr_from_period == str(2010 + years - window_years)
    assert score.actual_cagr == pytest.approx(growth, abs=1e-6)
    assert score.projected_value == pytest.approx(latest * (1 + growth) ** ahead, rel=1e-5)
    assert score.required_cagr == pytest.approx(1.5 ** (1 / ahead) - 1, rel=1e-5)
    assert score.status is (Status.ON_TRACK if (1 + growth) ** ahead >= 1.5 * (1 + 1e-6) else Status.OFF_TRACK)


@settings(max_examples=40, deadline=None)
@given(factor=st.sampled_from([0.5, 7, 1000]), value=st.sampled_from([9.0, 10.0, 12.0, 30.0]))
def test_rates_and_status_do_not_depend_on_the_unit_scale(factor: float, value: float) -> None:
    scaled = [obs(o.period, round(float(o.value) * factor, 6)) for o in NOISY]
    base, other = one(goal("2027", value), NOISY), one(goal("2027", value * factor), scaled)
    assert other.status is base.status
    assert other.required_cagr == pytest.approx(base.required_cagr, rel=1e-4)
    assert other.actual_cagr == pytest.approx(base.actual_cagr, rel=1e-4)
