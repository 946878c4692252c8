"""Project status as of a date, on the hand-made projects of projects_cases (delays worked by hand there)."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.analytics.projects_cases import (
    AS_OF_A,
    AS_OF_B,
    MILESTONE_RECORDS,
    PROGRESS_RECORDS,
    PROJECT_RECORDS,
)

from chainatlas.analytics.projects import add_months, period_end, portfolio, project_status, status_counts
from chainatlas.domain.alert import ProjectRules
from chainatlas.domain.project import Milestone, Project


def status_of(project_id: str, as_of: dt.date, rules: ProjectRules | None = None):  # type: ignore[no-untyped-def]
    project = next(p for p in PROJECT_RECORDS if p.id == project_id)
    milestones = [m for m in MILESTONE_RECORDS if m.project_id == project_id]
    progress = [p for p in PROGRESS_RECORDS if p.project_id == project_id]
    return project_status(project, milestones, progress, as_of=as_of, rules=rules)


def test_a_project_whose_milestones_slip() -> None:
    status = status_of("X1", AS_OF_A)
    delays = {m.name: m.delay_days for m in status.milestones}
    assert delays == {"开工": 10, "封顶": 75, "投产": 105, "达产": None}
    assert [m.name for m in status.milestones if m.done] == ["开工", "封顶"]  # 投产 is done only after A
    assert status.slip_days == 105
    assert status.status.value == "late"  # 105 > 90
    # Progress known at A: 2025-Q1 ended 2025-03-31, the year 2025 has not; 800,000 of 1,000,000, 20 of 200.
    assert status.investment_completion == pytest.approx(0.8)
    assert status.capacity_reached_share == pytest.approx(0.1)
    # Ramp: 0 at 2024-12-31, 1 at 2025-12-31 (365 days); A is 105 days in.
    assert status.planned_capacity_share == pytest.approx(105 / 365)


def test_the_slip_a_month_earlier_makes_it_slipping_not_late() -> None:
    # As of 2025-03-01 投产 is 31 + 28 + 1 = 60 days overdue; 封顶's 75 days stay the largest.
    status = status_of("X1", dt.date(2025, 3, 1))
    assert status.slip_days == 75
    assert status.status.value == "slipping"  # 14 < 75 ≤ 90
    assert status.investment_completion == pytest.approx(0.6)  # only the year 2024 had ended
    assert status.capacity_reached_share is None
    assert status_of("X1", dt.date(2025, 3, 1), ProjectRules(late_after_days=74)).status.value == "late"


def test_done_milestones_keep_their_delay_and_a_finished_project_is_done() -> None:
    status = status_of("X1", AS_OF_B)
    # 投产 done 2025-06-01, planned 2024-12-31: Jan 31 + Feb 28 + Mar 31 + Apr 30 + May 31 + 1 = 152 days;
    # 达产 planned 2025-12-31, open at 2026-01-15: 15 days.
    assert {m.name: m.delay_days for m in status.milestones}["投产"] == 31 + 28 + 31 + 30 + 31 + 1
    assert {m.name: m.delay_days for m in status.milestones}["达产"] == 15
    assert status.slip_days == 152
    done = status_of("X3", AS_OF_A)
    assert done.slip_days == 20 and done.status.value == "done"


def test_a_project_without_planned_dates_has_no_plan() -> None:
    status = status_of("X2", AS_OF_A)
    assert status.slip_days is None and status.status.value == "no_plan"
    assert status.investment_completion is None and status.capacity_reached_share is None


@pytest.mark.parametrize(
    ("slip", "expected"), [(0, "on_schedule"), (14, "on_schedule"), (15, "slipping"), (90, "slipping"), (91, "late")]
)
def test_status_thresholds(slip: int, expected: str) -> None:
    project = Project(id="Y", name_zh="测试", source="synthetic")
    planned = dt.date(2025, 1, 1)
    milestones = [
        Milestone(project_id="Y", name="m", planned_date=planned, source="synthetic"),
        Milestone(project_id="Y", name="n", planned_date=dt.date(2030, 1, 1), source="synthetic"),
    ]
    status = project_status(project, milestones, [], as_of=planned + dt.timedelta(days=slip))
    assert status.slip_days == slip and status.status.value == expected


def test_early_milestones_do_not_count_as_negative_slip() -> None:
    project = Project(id="Y", name_zh="测试", source="synthetic")
    milestones = [
        Milestone(
            project_id="Y",
            name="m",
            planned_date=dt.date(2025, 3, 1),
            actual_date=dt.date(2025, 2, 1),
            source="synthetic",
        ),
        Milestone(project_id="Y", name="n", planned_date=dt.date(2026, 1, 1), source="synthetic"),
    ]
    status = project_status(project, milestones, [], as_of=dt.date(2025, 6, 1))
    assert status.milestones[0].delay_days == -28 and status.slip_days == 0 and status.status.value == "on_schedule"


def test_portfolio_and_counts() -> None:
    statuses = portfolio(PROJECT_RECORDS, MILESTONE_RECORDS, PROGRESS_RECORDS, as_of=AS_OF_A)
    assert [s.project.id for s in statuses] == ["X1", "X2", "X3"]
    assert status_counts(statuses) == {"on_schedule": 0, "slipping": 0, "late": 1, "done": 1, "no_plan": 1}


def test_period_ends_and_months() -> None:
    assert period_end("2024") == dt.date(2024, 12, 31)
    assert period_end("2024-Q1") == dt.date(2024, 3, 31)
    assert period_end("2024-02") == dt.date(2024, 2, 29)
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2024, 12, 31), 12) == dt.date(2025, 12, 31)
