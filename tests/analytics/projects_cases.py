"""A small hand-made monitoring registry for the project and alert tests (all synthetic).

X1 slips: its milestones, with the delays worked by hand (days counted on a calendar):
  开工  planned 2024-01-01, done 2024-01-11                 → 10 days late
  封顶  planned 2024-05-01, done 2024-07-15                 → 30 (rest of May) + 30 (June) + 15 = 75
  投产  planned 2024-12-31, done 2025-06-01 (after as-of A) → open at A = 2025-04-15: 31 + 28 + 31 + 15 = 105
  达产  planned 2025-12-31, open                            → not due at A
X2 has only a dated fact (no planned date); X3 reached every milestone.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.factories import write_csv

from chainatlas.domain.project import Milestone, Project, ProjectProgress

AS_OF_A = dt.date(2025, 4, 15)
AS_OF_B = dt.date(2026, 1, 15)
PROJECTS = [
    {
        "id": "X1",
        "name_zh": "甲项目",
        "name_en": "Project one",
        "kind": "manufacturing",
        "planned_investment_cny": "1000000.00",
        "start": "2024-01-01",
        "planned_finish": "2024-12-31",
        "planned_capacity": "200",
        "capacity_unit": "台/年",
        "source": "synthetic",
    },
    {"id": "X2", "name_zh": "乙项目", "kind": "other", "source": "synthetic"},
    {
        "id": "X3",
        "name_zh": "丙项目",
        "kind": "rd_centre",
        "start": "2023-01-01",
        "planned_finish": "2023-12-31",
        "source": "synthetic",
    },
]
MILESTONES = [
    {
        "project_id": "X1",
        "name": "开工",
        "planned_date": "2024-01-01",
        "actual_date": "2024-01-11",
        "source": "synthetic",
    },
    {
        "project_id": "X1",
        "name": "封顶",
        "planned_date": "2024-05-01",
        "actual_date": "2024-07-15",
        "source": "synthetic",
    },
    {
        "project_id": "X1",
        "name": "投产",
        "planned_date": "2024-12-31",
        "actual_date": "2025-06-01",
        "source": "synthetic",
    },
    {"project_id": "X1", "name": "达产", "planned_date": "2025-12-31", "source": "synthetic"},
    {"project_id": "X2", "name": "开工", "actual_date": "2024-03-01", "source": "synthetic"},
    {
        "project_id": "X3",
        "name": "开工",
        "planned_date": "2023-01-01",
        "actual_date": "2023-01-01",
        "source": "synthetic",
    },
    {
        "project_id": "X3",
        "name": "竣工",
        "planned_date": "2023-12-31",
        "actual_date": "2024-01-20",
        "source": "synthetic",
    },
]
PROGRESS = [
    {"project_id": "X1", "period": "2024", "investment_completed_cny": "600000.00", "source": "synthetic"},
    {
        "project_id": "X1",
        "period": "2025-Q1",
        "investment_completed_cny": "800000.00",
        "capacity_reached": "20",
        "source": "synthetic",
    },
    {
        "project_id": "X1",
        "period": "2025",
        "investment_completed_cny": "1000000.00",
        "capacity_reached": "100",
        "source": "synthetic",
    },
]
INDICATORS = [
    {"metric": "exports", "scope": "cluster", "period": "2023", "value": "100", "unit": "亿元", "source": "synthetic"},
    {"metric": "exports", "scope": "cluster", "period": "2024", "value": "120", "unit": "亿元", "source": "synthetic"},
    {"metric": "exports", "scope": "cluster", "period": "2025", "value": "102", "unit": "亿元", "source": "synthetic"},
    {"metric": "rd_spend", "scope": "cluster", "period": "2022", "value": "10", "unit": "亿元", "source": "synthetic"},
    {"metric": "rd_spend", "scope": "cluster", "period": "2023", "value": "11", "unit": "亿元", "source": "synthetic"},
]
TARGETS = [
    {
        "metric": "exports",
        "scope": "cluster",
        "target_period": "2027",
        "target_value": "200",
        "unit": "亿元",
        "source": "synthetic",
    },
    {
        "metric": "rd_spend",
        "scope": "cluster",
        "target_period": "2027",
        "target_value": "20",
        "unit": "亿元",
        "source": "synthetic",
    },
]
KEYS_A = ["milestone_late:projects/X1/投产", "stale_data:indicators/rd_spend/cluster", "stale_data:projects/X2"]
"""As of A: 投产 105 days overdue (> 30); rd_spend's newest period (2023) ended 15 months before A (> 12);
X2 has no progress at all and began (开工 reached 2024-03-01) 13 whole months before A (> 12).
Exports 2024 (120) rose against 2023 (100): no drop; X1's capacity plan at A is 105/365 = 0.288 of 200,
reached 20/200 = 0.1 (2025-Q1), behind by 0.188 ≤ 0.2: no alert."""
KEYS_B = [
    "capacity_behind:projects/X1",
    "indicator_drop:indicators/exports/cluster/2025",
    "stale_data:indicators/rd_spend/cluster",
    "stale_data:projects/X2",
]
"""As of B: X2 still without progress (22 months after 2024-03-01); 投产 done (cleared); the plan expects full capacity (B is after 2025-12-31), reached 100/200 = 0.5,
behind by 0.5 > 0.4 (critical); exports 2025 (102) is (120 − 102) / 120 = 15 % below 2024 (> 10 %)."""


def write_monitoring(folder: Path) -> Path:
    """Write the projects, milestones, progress, indicators and targets above into a folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for kind, rows in (
        ("projects", PROJECTS),
        ("milestones", MILESTONES),
        ("project_progress", PROGRESS),
        ("indicators", INDICATORS),
        ("targets", TARGETS),
    ):
        write_csv(folder / f"{kind}.csv", kind, rows)
    return folder


# the same cases as domain records, for the analytics that take records rather than files
PROJECT_RECORDS = [Project(**{k: v for k, v in row.items() if v != ""}) for row in PROJECTS]
MILESTONE_RECORDS = [Milestone(**row) for row in MILESTONES]
PROGRESS_RECORDS = [ProjectProgress(**row) for row in PROGRESS]
