"""Alert rules on hand-made data: each rule fires exactly past its threshold, with the hand-computed figures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
from tests.analytics.projects_cases import (
    AS_OF_A,
    AS_OF_B,
    INDICATORS,
    KEYS_A,
    KEYS_B,
    MILESTONE_RECORDS,
    PROGRESS_RECORDS,
    PROJECT_RECORDS,
    TARGETS,
)

from chainatlas.analytics.alerts import (
    capacity_conditions,
    drop_conditions,
    evaluate_rules,
    milestone_conditions,
    months_between,
    stale_conditions,
    target_conditions,
)
from chainatlas.analytics.projects import portfolio
from chainatlas.domain.alert import AlertThresholds, alert_message
from chainatlas.domain.indicator import Indicator, Target
from chainatlas.domain.monitoring_results import Reason

INDICATOR_RECORDS = [Indicator(**row) for row in INDICATORS]
TARGET_RECORDS = [Target(**row) for row in TARGETS]


@dataclass(frozen=True)
class Scored:
    metric: str
    scope: str
    target_period: str
    status: str
    unit: str | None = None
    target_value: float = 0.0
    progress: float | None = None
    projected_value: float | None = None
    why: str | None = None

    def reason(self, field: str) -> Reason | None:
        return Reason(field, self.why) if field == "status" and self.why else None


def all_at(as_of: dt.date, limits: AlertThresholds | None = None) -> list[str]:
    statuses = portfolio(PROJECT_RECORDS, MILESTONE_RECORDS, PROGRESS_RECORDS, as_of=as_of)
    found = evaluate_rules(
        statuses=statuses,
        indicators=INDICATOR_RECORDS,
        targets=TARGET_RECORDS,
        scores=[],
        as_of=as_of,
        limits=limits or AlertThresholds(),
    )
    return [c.key for c in found]


def test_conditions_as_of_a_and_b() -> None:
    assert all_at(AS_OF_A) == KEYS_A
    assert all_at(AS_OF_B) == KEYS_B


def test_milestone_late_fires_only_past_its_threshold() -> None:
    statuses = portfolio(PROJECT_RECORDS, MILESTONE_RECORDS, PROGRESS_RECORDS, as_of=AS_OF_A)
    assert milestone_conditions(statuses, AlertThresholds(milestone_late_days=105)) == []  # 105 is not > 105
    [late] = milestone_conditions(statuses, AlertThresholds(milestone_late_days=104))
    assert late.details["days_late"] == 105 and late.severity.value == "warning"
    [critical] = milestone_conditions(statuses, AlertThresholds(milestone_critical_days=104))
    assert critical.severity.value == "critical"
    # Worded for people: the project by its name (in the reader's language), the date as the reader writes it.
    assert alert_message(late.rule, late.details, "en") == (
        "Project “Project one”: milestone “投产” is 105 days overdue (planned 2024-12-31)"
    )
    assert (
        alert_message(late.rule, late.details, "zh")
        == "项目「甲项目」的里程碑「投产」已逾期 105 天（计划 2024年12月31日）"
    )


def test_capacity_behind_uses_the_planned_ramp() -> None:
    statuses = portfolio(PROJECT_RECORDS, MILESTONE_RECORDS, PROGRESS_RECORDS, as_of=AS_OF_A)
    # planned 105/365 = 0.2877, reached 0.1: behind by 0.1877
    assert capacity_conditions(statuses, AlertThresholds(capacity_gap=0.19)) == []
    [behind] = capacity_conditions(statuses, AlertThresholds(capacity_gap=0.18))
    assert behind.details["planned"] == pytest.approx(0.2877, abs=1e-4) and behind.details["reached"] == 0.1
    assert behind.details["period"] == "2025-Q1"


def test_indicator_drop_compares_the_same_period_a_year_earlier_in_one_unit() -> None:
    [drop] = drop_conditions(INDICATOR_RECORDS, AS_OF_B, AlertThresholds())
    assert drop.details["drop"] == 0.15 and drop.details["compared_period"] == "2024"
    assert drop_conditions(INDICATOR_RECORDS, AS_OF_B, AlertThresholds(drop_share=0.15)) == []
    months = [
        Indicator(metric="m", scope="cluster", period=p, value=Decimal(v), unit="亿元", source="synthetic")
        for p, v in (("2024-06", "50"), ("2025-05", "10"), ("2025-06", "44"))
    ]
    [monthly] = drop_conditions(months, dt.date(2025, 7, 1), AlertThresholds())  # (50 − 44) / 50 = 12 %
    assert monthly.key == "indicator_drop:indicators/m/cluster/2025-06" and monthly.details["drop"] == 0.12
    other_unit = [
        Indicator(metric="m", scope="cluster", period="2024", value=Decimal(100), unit="亿元", source="synthetic"),
        Indicator(metric="m", scope="cluster", period="2025", value=Decimal(50), unit="万元", source="synthetic"),
    ]
    assert drop_conditions(other_unit, dt.date(2026, 1, 1), AlertThresholds()) == []


def test_stale_data_for_pursued_targets_and_unfinished_projects() -> None:
    assert months_between(dt.date(2023, 12, 31), AS_OF_A) == 15
    statuses = portfolio(PROJECT_RECORDS, MILESTONE_RECORDS, PROGRESS_RECORDS, as_of=AS_OF_A)
    keys = [
        c.key
        for c in stale_conditions(
            INDICATOR_RECORDS, TARGET_RECORDS, statuses, AS_OF_A, AlertThresholds(stale_months=15)
        )
    ]
    assert keys == []
    keys = [
        c.key
        for c in stale_conditions(
            INDICATOR_RECORDS, TARGET_RECORDS, statuses, AS_OF_A, AlertThresholds(stale_months=14)
        )
    ]
    assert keys == ["stale_data:indicators/rd_spend/cluster"]
    # X1's newest progress (2025-Q1) ended 2025-03-31; 2026-05-01 is 13 months later. X3 is done: never stale.
    # X2 has no progress at all and began 2024-03-01, 26 months earlier: stale too.
    later = portfolio(PROJECT_RECORDS, MILESTONE_RECORDS, PROGRESS_RECORDS[:2], as_of=dt.date(2026, 5, 1))
    keys = [c.key for c in stale_conditions([], [], later, dt.date(2026, 5, 1), AlertThresholds())]
    assert keys == ["stale_data:projects/X1", "stale_data:projects/X2"]


def test_target_off_track_takes_the_scorecard_status() -> None:
    scores = [Scored("exports", "cluster", "2027", "off_track"), Scored("rd_spend", "cluster", "2027", "at_risk")]
    [found] = target_conditions(scores)
    assert found.key == "target_off_track:targets/exports/cluster/2027" and found.severity.value == "critical"


def test_a_target_behind_is_worded_with_its_progress_and_projection() -> None:
    # 620 亿元 reached of a 1000 亿元 target from a 0 baseline is 62 % done; the trend reaches 810 亿元 by 2027.
    behind = Scored("output", "cluster", "2027", "off_track", "亿元", 1000.0, 0.62, 810.0, "beyond_interval")
    missed = Scored("output", "cluster", "2025", "off_track", "亿元", 1000.0, 0.62, None, "target_missed")
    [found_behind, found_missed] = target_conditions([behind, missed])
    assert alert_message(found_behind.rule, {**found_behind.details, "metric": "规上工业总产值"}, "zh") == (
        "目标「规上工业总产值」（cluster，2027）进度落后：已完成 62%，按当前趋势到期预计 810 亿元，目标 1,000 亿元"
    )
    assert alert_message(found_missed.rule, {**found_missed.details, "metric": "规上工业总产值"}, "zh") == (
        "目标「规上工业总产值」（cluster，2025）未如期完成：完成 62%，目标 1,000 亿元"
    )


def test_a_project_without_any_progress_is_stale_once_it_began_long_enough_ago() -> None:
    # X2 has no progress record; its only dated fact is 开工 reached 2024-03-01. 2025-03-01 is 12 whole months
    # later (not more): no alert; 2025-03-02 is still 12; 2025-04-01 is 13 (> 12): stale.
    assert (
        months_between(dt.date(2024, 3, 1), dt.date(2025, 3, 1)),
        months_between(dt.date(2024, 3, 1), dt.date(2025, 4, 1)),
    ) == (12, 13)
    for as_of, expected in ((dt.date(2025, 3, 1), []), (dt.date(2025, 4, 1), ["stale_data:projects/X2"])):
        statuses = [s for s in portfolio(PROJECT_RECORDS, MILESTONE_RECORDS, [], as_of=as_of) if s.project.id == "X2"]
        found = stale_conditions([], [], statuses, as_of, AlertThresholds())
        assert [c.key for c in found] == expected
    [x2] = stale_conditions([], [], statuses, as_of, AlertThresholds())
    assert x2.details == {
        "project_id": "X2",
        "project_name_zh": "乙项目",
        "project_name_en": None,
        "latest_period": None,
        "since": "2024-03-01",
        "months": 12,
    }
    assert alert_message(x2.rule, x2.details) == (
        "Project “乙项目” has had no progress data at all since 2024-03-01, more than 12 months"
    )
    # a project that nothing dates (no start, no milestone date) cannot be called stale
    undated = [s for s in portfolio(PROJECT_RECORDS, [], [], as_of=as_of) if s.project.id == "X2"]
    assert stale_conditions([], [], undated, as_of, AlertThresholds()) == []
