"""Key projects (重点项目), their milestones (里程碑) and progress (项目进度)."""

from __future__ import annotations

import datetime as dt

from chainatlas.domain.common import Code, Money, Period, Problem, ProjectKind, Quantity, Record, Source, Text


class Project(Record):
    """A flagship investment project of the cluster."""

    id: Code
    name_zh: Text
    name_en: Text | None = None
    owner_id: Code | None = None
    kind: ProjectKind = ProjectKind.OTHER
    planned_investment_cny: Money | None = None
    start: dt.date | None = None
    planned_finish: dt.date | None = None
    planned_capacity: Quantity | None = None
    capacity_unit: Text | None = None
    source: Source


class Milestone(Record):
    """A dated step of a project; `actual_date` stays empty until it is done."""

    project_id: Code
    name: Text
    planned_date: dt.date | None = None
    actual_date: dt.date | None = None
    source: Source


class ProjectProgress(Record):
    """Cumulative investment completed and capacity reached by a period."""

    project_id: Code
    period: Period
    investment_completed_cny: Money | None = None
    capacity_reached: Quantity | None = None
    source: Source


def project_problems(project: Project) -> list[Problem]:
    """Return every rule a single project breaks."""
    problems: list[Problem] = []
    if project.start and project.planned_finish and project.planned_finish < project.start:
        problems.append(
            Problem(
                field="planned_finish",
                message=f"is before the start {project.start}",
                value=str(project.planned_finish),
            )
        )
    if project.planned_capacity is not None and project.capacity_unit is None:
        problems.append(Problem(field="capacity_unit", message="a planned capacity needs its unit", value=None))
    return problems


def milestone_problems(milestone: Milestone) -> list[Problem]:
    """Return every rule a single milestone breaks."""
    if milestone.planned_date is None and milestone.actual_date is None:
        return [Problem(field="planned_date", message="a milestone needs a planned or an actual date", value=None)]
    return []


def progress_problems(progress: ProjectProgress) -> list[Problem]:
    """Return every rule a single progress record breaks."""
    if progress.investment_completed_cny is None and progress.capacity_reached is None:
        return [
            Problem(
                field="investment_completed_cny",
                message="progress needs investment completed or capacity reached",
                value=None,
            )
        ]
    return []
