"""Key project status (重点项目达产达效, part of monitoring): investment completion, capacity reached, schedule slip, status.

Pure functions over a project's records and an as-of date (never the clock). As of a date, a milestone
is done when its actual date is on or before that date, and a progress record counts when its period
has ended by then; later facts are ignored, so every status can be reproduced for any past date.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from chainatlas.domain.alert import ProjectRules
from chainatlas.domain.common import SYNTHETIC
from chainatlas.domain.monitoring_results import MilestoneRow, ProjectStatusRow
from chainatlas.domain.project import Milestone, Project, ProjectProgress


class ScheduleStatus(StrEnum):
    """Where a project stands against its planned milestone dates (see docs/projects-alerts.md)."""

    ON_SCHEDULE = "on_schedule"
    SLIPPING = "slipping"
    LATE = "late"
    DONE = "done"
    NO_PLAN = "no_plan"
    """No milestone has a planned date, so there is nothing to measure a slip against."""


def period_end(period: str) -> dt.date:
    """Return the last day of a period (YYYY, YYYY-Qn or YYYY-MM)."""
    year = int(period[:4])
    if len(period) == 4:
        return dt.date(year, 12, 31)
    month = int(period[6]) * 3 if period[5] == "Q" else int(period[5:7])
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    """Return the same day some months later (clipped to the month's last day)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class MilestoneStatus:
    """One milestone as of a date: done or not, and its delay in days (None: not due, or no plan)."""

    name: str
    planned_date: dt.date | None
    actual_date: dt.date | None
    """The actual date when it is on or before the as-of date; later ones are not yet known then."""
    delay_days: int | None
    source: str

    @property
    def done(self) -> bool:
        """Return whether the milestone was reached by the as-of date."""
        return self.actual_date is not None

    @property
    def overdue(self) -> bool:
        """Return whether the milestone is open and past its planned date."""
        return not self.done and self.delay_days is not None and self.delay_days > 0


def milestone_status(milestone: Milestone, as_of: dt.date) -> MilestoneStatus:
    """Return a milestone's state as of a date: done ones delay actual − planned, open overdue ones as-of − planned."""
    actual = milestone.actual_date if milestone.actual_date and milestone.actual_date <= as_of else None
    planned = milestone.planned_date
    delay: int | None = None
    if planned is not None and actual is not None:
        delay = (actual - planned).days
    elif planned is not None and planned < as_of:
        delay = (as_of - planned).days
    return MilestoneStatus(milestone.name, planned, actual, delay, milestone.source)


def slip_days(milestones: Sequence[MilestoneStatus]) -> int | None:
    """Return the largest delay over the milestones, at least 0; None when no milestone has a planned date."""
    if not any(m.planned_date is not None for m in milestones):
        return None
    return max([0, *(m.delay_days for m in milestones if m.delay_days is not None)])


def schedule_status(milestones: Sequence[MilestoneStatus], slip: int | None, rules: ProjectRules) -> ScheduleStatus:
    """Return the status: no_plan, done (every milestone reached), late, slipping or on_schedule by the slip."""
    if slip is None:
        return ScheduleStatus.NO_PLAN
    if all(m.done for m in milestones):
        return ScheduleStatus.DONE
    if slip > rules.late_after_days:
        return ScheduleStatus.LATE
    if slip > rules.slipping_after_days:
        return ScheduleStatus.SLIPPING
    return ScheduleStatus.ON_SCHEDULE


@dataclass(frozen=True)
class Reading:
    """One progress figure: the period it is for, its value and the record's source."""

    period: str
    value: Decimal
    source: str

    @property
    def synthetic(self) -> bool:
        """Return whether the figure is made-up demo data."""
        return self.source.strip().lower() == SYNTHETIC


def latest_value(progress: Sequence[ProjectProgress], field: str, as_of: dt.date) -> Reading | None:
    """Return the newest progress figure in a field whose period ended by as-of (None if there is none)."""
    known = [(period_end(p.period), p) for p in progress if getattr(p, field) is not None]
    known = [item for item in known if item[0] <= as_of]
    if not known:
        return None
    _, record = max(known, key=lambda item: (item[0], len(item[1].period)))
    return Reading(record.period, getattr(record, field), record.source)


def share(part: Decimal | None, whole: Decimal | None) -> float | None:
    """Return part / whole, or None when either is missing or the whole is zero."""
    if part is None or not whole:
        return None
    return float(part / whole)


def planned_capacity_share(project: Project, as_of: dt.date, rules: ProjectRules) -> float | None:
    """Return the share of the planned capacity the plan expects by as-of: 0 at the planned finish, rising
    linearly to 1 over `rules.ramp_months`; None without a planned capacity or a planned finish."""
    if not project.planned_capacity or project.planned_finish is None:
        return None
    finish, full = project.planned_finish, add_months(project.planned_finish, rules.ramp_months)
    return min(1.0, max(0.0, (as_of - finish).days / (full - finish).days))


@dataclass(frozen=True)
class ProjectStatus:
    """A project's status as of a date."""

    project: Project
    as_of: dt.date
    milestones: tuple[MilestoneStatus, ...]
    invested: Reading | None
    capacity: Reading | None
    investment_completion: float | None
    capacity_reached_share: float | None
    planned_capacity_share: float | None
    slip_days: int | None
    status: ScheduleStatus

    @property
    def synthetic(self) -> bool:
        """Return whether the project itself is made-up demo data."""
        return self.project.source.strip().lower() == SYNTHETIC

    def row(self) -> ProjectStatusRow:
        """Return the status as the result type the API, the CLI's JSON and the alerts read."""
        p, invested, capacity = self.project, self.invested, self.capacity
        return ProjectStatusRow(
            id=p.id,
            name_zh=p.name_zh,
            name_en=p.name_en,
            kind=p.kind.value,
            owner_id=p.owner_id,
            as_of=self.as_of,
            investment_completion=self.investment_completion,
            capacity_reached_share=self.capacity_reached_share,
            planned_capacity_share=self.planned_capacity_share,
            slip_days=self.slip_days,
            status=self.status.value,
            planned_investment_cny=p.planned_investment_cny,
            investment_completed_cny=None if invested is None else invested.value,
            investment_period=None if invested is None else invested.period,
            investment_source=None if invested is None else invested.source,
            planned_capacity=p.planned_capacity,
            capacity_reached=None if capacity is None else capacity.value,
            capacity_period=None if capacity is None else capacity.period,
            capacity_source=None if capacity is None else capacity.source,
            capacity_unit=p.capacity_unit,
            start=p.start,
            planned_finish=p.planned_finish,
            milestones=[_milestone_row(m) for m in self.milestones],
            source=p.source,
            synthetic=self.synthetic,
        )


def _milestone_row(m: MilestoneStatus) -> MilestoneRow:
    return MilestoneRow(
        name=m.name,
        planned_date=m.planned_date,
        actual_date=m.actual_date,
        done=m.done,
        delay_days=m.delay_days,
        source=m.source,
    )


def milestone_order(m: MilestoneStatus) -> tuple[dt.date, str]:
    """Sort key: by planned date (else actual date), then name."""
    return (m.planned_date or m.actual_date or dt.date.max, m.name)


def project_status(
    project: Project,
    milestones: Sequence[Milestone],
    progress: Sequence[ProjectProgress],
    *,
    as_of: dt.date,
    rules: ProjectRules | None = None,
) -> ProjectStatus:
    """Return one project's status as of a date from its milestones and progress records."""
    rules = rules or ProjectRules()
    states = tuple(sorted((milestone_status(m, as_of) for m in milestones), key=milestone_order))
    slip = slip_days(states)
    invested = latest_value(progress, "investment_completed_cny", as_of)
    capacity = latest_value(progress, "capacity_reached", as_of)
    return ProjectStatus(
        project=project,
        as_of=as_of,
        milestones=states,
        invested=invested,
        capacity=capacity,
        investment_completion=share(invested.value if invested else None, project.planned_investment_cny),
        capacity_reached_share=share(capacity.value if capacity else None, project.planned_capacity),
        planned_capacity_share=planned_capacity_share(project, as_of, rules),
        slip_days=slip,
        status=schedule_status(states, slip, rules),
    )


def portfolio(
    projects: Sequence[Project],
    milestones: Sequence[Milestone],
    progress: Sequence[ProjectProgress],
    *,
    as_of: dt.date,
    rules: ProjectRules | None = None,
) -> list[ProjectStatus]:
    """Return every project's status as of a date, in project-id order."""
    by_project_m: dict[str, list[Milestone]] = {}
    by_project_p: dict[str, list[ProjectProgress]] = {}
    for m in milestones:
        by_project_m.setdefault(m.project_id, []).append(m)
    for p in progress:
        by_project_p.setdefault(p.project_id, []).append(p)
    return [
        project_status(p, by_project_m.get(p.id, []), by_project_p.get(p.id, []), as_of=as_of, rules=rules)
        for p in sorted(projects, key=lambda p: p.id)
    ]


def status_counts(statuses: Sequence[ProjectStatus]) -> dict[str, int]:
    """Return how many projects have each status (every status present, zeros included)."""
    counts = dict.fromkeys((s.value for s in ScheduleStatus), 0)
    for status in statuses:
        counts[status.status.value] += 1
    return counts
