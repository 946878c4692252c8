"""Data for the Gantt charts of key projects (planned against actual), drawn by static/gantt.js on the pages and
reusable by the briefing, and alert texts; labels come in with the caller's translator."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from chainatlas.analytics.projects import MilestoneStatus, ProjectStatus
from chainatlas.domain.alert import Alert, ProjectRules, alert_message
from chainatlas.reports.labels import Labels
from chainatlas.reports.scorecard_charts import scope_label

STATUS_COLOURS = {
    "on_schedule": "#2e8b57",
    "slipping": "#e0a030",
    "late": "#c0392b",
    "done": "#3b6ea5",
    "no_plan": "#8a94a3",
}
PLANNED_COLOUR = "#9aa5b1"
PLANNED, ACTUAL = -1, 1
"""Which half of a row a bar or mark sits in: the plan above, what happened below."""


def _day(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def bar(
    row: int, start: dt.date | None, end: dt.date | None, half: int, colour: str, name: str
) -> dict[str, Any] | None:
    """Return one bar (start before end) or mark (start equal to end) of a row, or None without dates."""
    if start is None or end is None or end < start:
        return None
    return {"row": row, "start": _day(start), "end": _day(end), "half": half, "colour": colour, "name": name}


def delay_colour(delay: int | None, rules: ProjectRules) -> str:
    """Return the colour of a delay by the status thresholds (late, slipping, on time)."""
    if delay is None or delay <= rules.slipping_after_days:
        return STATUS_COLOURS["on_schedule"]
    return STATUS_COLOURS["late" if delay > rules.late_after_days else "slipping"]


def _reached(status: ProjectStatus) -> list[dt.date]:
    return sorted(m.actual_date for m in status.milestones if m.actual_date is not None)


def project_items(row: int, status: ProjectStatus, t: Labels) -> list[dict[str, Any] | None]:
    """Return a portfolio row: the planned span, the actual span (to as-of while open) and every milestone."""
    p, reached = status.project, _reached(status)
    planned_dates = [m.planned_date for m in status.milestones if m.planned_date is not None]
    planned_start = p.start or (min(planned_dates) if planned_dates else None)
    # the plan runs to its last planned date: a milestone planned after the planned finish (full capacity comes
    # after completion) stays on the bar instead of floating past its end
    planned_end = max([d for d in (p.planned_finish, *planned_dates) if d is not None], default=None)
    actual_start = min([d for d in (p.start, *reached[:1]) if d is not None and d <= status.as_of], default=None)
    actual_end = reached[-1] if status.status.value == "done" and reached else status.as_of
    colour = STATUS_COLOURS[status.status.value]
    items = [
        bar(row, planned_start, planned_end, PLANNED, PLANNED_COLOUR, t("gantt.planned")),
        bar(row, actual_start, actual_end, ACTUAL, colour, t("gantt.actual")),
    ]
    for m in status.milestones:
        items.append(bar(row, m.planned_date, m.planned_date, PLANNED, PLANNED_COLOUR, m.name))
        items.append(bar(row, m.actual_date, m.actual_date, ACTUAL, colour, m.name))
    return items


def portfolio_gantt(statuses: Sequence[ProjectStatus], t: Labels) -> dict[str, Any]:
    """Return the portfolio Gantt: one row per project with any date, the plan above and the actual below."""
    drawn = [s for s in statuses if any(project_items(0, s, t))]
    items = [item for row, s in enumerate(drawn) for item in project_items(row, s, t) if item]
    rows = [f"{s.project.id} {t.name(s.project.name_zh, s.project.name_en)}" for s in drawn]
    as_of = statuses[0].as_of if statuses else None
    return {
        "rows": rows,
        "items": items,
        "as_of": _day(as_of),
        "as_of_label": t("gantt.as_of"),
        "links": [f"/projects/{s.project.id}?as_of={_day(as_of)}" for s in drawn],
        "not_drawn": len(statuses) - len(drawn),
    }


def milestone_items(
    row: int, m: MilestoneStatus, before: MilestoneStatus | None, status: ProjectStatus, rules: ProjectRules
) -> list[dict[str, Any] | None]:
    """Return a milestone row: planned from the previous planned date, actual from the previous actual one
    (up to as-of while it is open and its predecessor is reached)."""
    start_planned = (before.planned_date if before else None) or status.project.start or m.planned_date
    start_actual = (before.actual_date if before else None) or status.project.start or m.actual_date
    end_actual = m.actual_date or (status.as_of if start_actual and (before is None or before.done) else None)
    colour = delay_colour(m.delay_days, rules)
    return [
        bar(row, start_planned, m.planned_date, PLANNED, PLANNED_COLOUR, m.name),
        bar(row, start_actual, end_actual, ACTUAL, colour, m.name),
        bar(row, m.planned_date, m.planned_date, PLANNED, PLANNED_COLOUR, m.name),
        bar(row, m.actual_date, m.actual_date, ACTUAL, colour, m.name),
    ]


def milestone_gantt(status: ProjectStatus, t: Labels, rules: ProjectRules) -> dict[str, Any]:
    """Return one project's Gantt: a row per milestone, planned above and actual below."""
    items: list[dict[str, Any]] = []
    for row, m in enumerate(status.milestones):
        before = status.milestones[row - 1] if row else None
        items += [item for item in milestone_items(row, m, before, status, rules) if item]
    return {
        "rows": [m.name for m in status.milestones],
        "items": items,
        "as_of": _day(status.as_of),
        "as_of_label": t("gantt.as_of"),
        "links": [],
        "not_drawn": 0,
    }


def alert_text(alert: Alert, t: Labels, metrics: Mapping[str, tuple[str, str]]) -> str:
    """Return an alert's message in the reader's language, metrics named by the (zh, en) labels given."""
    details = dict(alert.details)
    if isinstance(details.get("metric"), str):
        details["metric"] = t.pick(metrics, details["metric"])
    if isinstance(details.get("scope"), str):
        details["scope"] = scope_label(details["scope"], t)
    return alert_message(alert.rule, details, t.lang)
