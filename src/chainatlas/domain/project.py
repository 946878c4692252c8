"""Key projects (重点项目), their milestones (里程碑) and progress (项目进度)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from chainatlas.domain.common import Code, Money, Period, Problem, ProjectKind, Quantity, Record, Source, Text
from chainatlas.domain.fields import Header


class Project(Record):
    """A flagship investment project of the cluster."""

    id: Annotated[Code, Header("项目编号")]
    name_zh: Annotated[Text, Header("项目名称")]
    name_en: Annotated[Text | None, Header("英文名称")] = None
    owner_id: Annotated[Code | None, Header("业主企业")] = None
    kind: Annotated[ProjectKind, Header("类型")] = ProjectKind.OTHER
    planned_investment_cny: Annotated[Money | None, Header("计划投资")] = None
    start: Annotated[dt.date | None, Header("开工日期")] = None
    planned_finish: Annotated[dt.date | None, Header("计划竣工")] = None
    planned_capacity: Annotated[Quantity | None, Header("设计产能")] = None
    capacity_unit: Annotated[Text | None, Header("产能单位")] = None
    source: Annotated[Source, Header("来源")]


class Milestone(Record):
    """A dated step of a project; `actual_date` stays empty until it is done."""

    project_id: Annotated[Code, Header("项目编号")]
    name: Annotated[Text, Header("名称")]
    planned_date: Annotated[dt.date | None, Header("计划日期")] = None
    actual_date: Annotated[dt.date | None, Header("实际日期")] = None
    source: Annotated[Source, Header("来源")]


class ProjectProgress(Record):
    """Cumulative investment completed and capacity reached by a period."""

    project_id: Annotated[Code, Header("项目编号")]
    period: Annotated[Period, Header("期间")]
    investment_completed_cny: Annotated[Money | None, Header("累计完成投资")] = None
    capacity_reached: Annotated[Quantity | None, Header("已达产能")] = None
    source: Annotated[Source, Header("来源")]


def project_problems(project: Project) -> list[Problem]:
    """Return every rule a single project breaks."""
    problems: list[Problem] = []
    if project.start and project.planned_finish and project.planned_finish < project.start:
        problems.append(
            Problem.coded(
                "planned_finish",
                "project.finish_before_start",
                value=str(project.planned_finish),
                start=str(project.start),
            )
        )
    if project.planned_capacity is not None and project.capacity_unit is None:
        problems.append(Problem.coded("capacity_unit", "project.capacity_unit"))
    return problems


def milestone_problems(milestone: Milestone) -> list[Problem]:
    """Return every rule a single milestone breaks."""
    if milestone.planned_date is None and milestone.actual_date is None:
        return [Problem.coded("planned_date", "milestone.date_missing")]
    return []


def progress_problems(progress: ProjectProgress) -> list[Problem]:
    """Return every rule a single progress record breaks."""
    if progress.investment_completed_cny is None and progress.capacity_reached is None:
        return [Problem.coded("investment_completed_cny", "progress.empty")]
    return []
