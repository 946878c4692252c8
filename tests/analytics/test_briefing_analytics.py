"""What the briefing computes, on hand-made inputs: milestones due in the window, the period's alerts, the
headline's 同比 and 1–N月累计 taken from the scorecard's points."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from chainatlas.analytics.briefing import headline_figures, milestones_due, period_alerts
from chainatlas.analytics.projects import portfolio
from chainatlas.domain.alert import Alert, AlertRule, AlertState, Severity
from chainatlas.domain.monitoring_results import Point, TargetScore
from chainatlas.domain.project import Milestone, Project

AS_OF = dt.date(2025, 12, 31)


def test_milestones_due_are_the_open_ones_planned_within_90_days() -> None:
    project = Project(id="P1", name_zh="项目一", start=dt.date(2025, 1, 1), source="synthetic")
    plans = {
        "before": dt.date(2025, 12, 30),  # overdue, not due in the window
        "today": AS_OF,
        "last day": AS_OF + dt.timedelta(days=90),  # 2026-03-31
        "too late": AS_OF + dt.timedelta(days=91),
        "done": dt.date(2026, 1, 10),
    }
    milestones = [Milestone(project_id="P1", name=n, planned_date=d, source="synthetic") for n, d in plans.items()]
    milestones[-1] = milestones[-1].model_copy(update={"actual_date": dt.date(2025, 12, 1)})
    statuses = portfolio([project], milestones, [], as_of=AS_OF)
    due = milestones_due(statuses, AS_OF, 90)
    assert [(d.name, d.planned_date) for d in due] == [("today", AS_OF), ("last day", dt.date(2026, 3, 31))]
    assert all(d.synthetic for d in due)


def alert(n: int, raised: dt.date, cleared: dt.date | None) -> Alert:
    state = AlertState.CLEARED if cleared else AlertState.OPEN
    return Alert(
        id=n,
        key=f"k{n}",
        rule=AlertRule.MILESTONE_LATE,
        subject="P1",
        severity=Severity.WARNING,
        state=state,
        details={},
        first_raised_on=raised,
        last_seen_on=raised,
        cleared_on=cleared,
    )


def test_period_alerts_are_those_raised_or_cleared_within_it() -> None:
    alerts = [
        alert(1, dt.date(2025, 11, 30), None),  # raised before, still open: not an event of December
        alert(2, dt.date(2025, 12, 1), None),  # raised on the first day
        alert(3, dt.date(2025, 10, 5), dt.date(2025, 12, 31)),  # cleared on the last day
        alert(4, dt.date(2025, 12, 10), dt.date(2025, 12, 20)),  # both in the period: two lines
        alert(5, dt.date(2026, 1, 1), None),  # after
    ]
    lines = period_alerts(alerts, dt.date(2025, 12, 1), dt.date(2025, 12, 31), {4: "msg"})
    assert [(line.id, line.event) for line in lines] == [(2, "raised"), (4, "raised"), (4, "cleared"), (3, "cleared")]
    assert [line.message for line in lines if line.id == 4] == ["msg", "msg"]


def score(
    metric: str, scope: str, latest: float | None, series: tuple[Point, ...], ytd: tuple[Point, ...]
) -> TargetScore:
    return TargetScore(
        metric=metric,
        scope=scope,
        unit="亿元",
        series_unit="亿元",
        target_period="2027",
        target_value=10.0,
        baseline_period=None,
        baseline_value=None,
        direction="up",
        latest_period="2025" if latest else None,
        latest_value=latest,
        latest_source="a yearbook",
        progress=None,
        required_cagr=None,
        actual_cagr=None,
        cagr_from_period=None,
        projected_value=None,
        projection_low=None,
        projection_high=None,
        status=None,
        reasons=(),
        series=series,
        projection=(),
        year_to_date=ytd,
        target_source="a plan",
        synthetic=False,
    )


def test_headline_takes_the_latest_point_and_its_year_to_date() -> None:
    series = (Point("2024", 8.0, "a yearbook", False, None), Point("2025", 9.0, "a yearbook", False, 0.125))
    ytd = (Point("2025-06", 4.0, "monthly", False, 0.25), Point("2025-09", 6.5, "monthly", True, 0.3))
    cluster = score("exports", "cluster", 9.0, series, ytd)
    node = score("exports_node", "node:A.B", 3.0, series, ytd)  # a chain node's target is no headline
    again = replace(cluster, target_period="2030")  # a second target of the same metric: one headline
    empty = score("rd_spend", "cluster", None, (), ())  # no observation: no headline
    [found] = headline_figures([cluster, node, again, empty])
    assert (found.metric, found.latest_value, found.latest_yoy) == ("exports", 9.0, 0.125)
    assert (found.ytd_period, found.ytd_value, found.ytd_yoy) == ("2025-09", 6.5, 0.3)
    assert found.synthetic  # the year-to-date point shown is synthetic
    assert found.source == "a yearbook"
