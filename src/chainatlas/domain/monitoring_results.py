"""Result types of monitoring (监测): the targets scorecard (目标考核), key projects (重点项目) and alerts (预警).

Analytics builds them, services return them, the API uses them as response models and the pages and the
CLI's `--json` read them. Hot per-target values are frozen dataclasses; what the API returns is Pydantic
(money as `Decimal`, shown by the API as the registry's decimal string).

May import only the standard library, pydantic and the rest of `domain`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from dataclasses import field as dataclass_field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pydantic import BaseModel

from chainatlas.domain.alert import Alert
from chainatlas.domain.common import SYNTHETIC

REGISTRY_SOURCE = "registry count"
"""Sources of observations counted from the registry start with this."""
SYNTHETIC_MARK = f"({SYNTHETIC})"
"""A registry count's source ends with this when synthetic records were counted."""


def is_counted(source: str) -> bool:
    """Return whether a source says the value was counted from the registry."""
    return source.startswith(REGISTRY_SOURCE)


def is_synthetic_source(source: str) -> bool:
    """Return whether a source marks generated demo data (or a count of it)."""
    text = source.strip().lower()
    return text == SYNTHETIC or (text.startswith(REGISTRY_SOURCE) and text.endswith(SYNTHETIC_MARK))


@dataclass(frozen=True)
class Projected:
    """The trend's value at a period, with the interval's bounds (None with fewer than three observations)."""

    period: str
    value: float
    low: float | None
    high: float | None


class Status(StrEnum):
    """Where a target stands (see `target_status` for the rules)."""

    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"


REASONS = {
    "no_observation": "no observation of this metric and scope in a comparable period by the as-of date",
    "units_differ": "the observations and the target are in different units",
    "target_equals_baseline": "the target equals its baseline",
    "target_zero": "the target is zero",
    "latest_at_target_period": "the latest period is the target period (or later)",
    "non_positive": "a value is ≤ 0, so a growth rate has no meaning",
    "one_observation": "fewer than two observations in the last 5 years of the series",
    "interval_needs_three": "an interval needs at least three observations in the window",
    "target_period_running": "the target period has not ended and the target is not met yet",
    "target_missed": "the target period has ended without reaching the target",
    "no_trend": "no trend to project: fewer than two observations in the window",
    "no_interval": "the trend misses the target and there is no interval to judge by how much",
    "within_interval": "the trend misses the target, but the target lies within the projection interval",
    "beyond_interval": "the target lies beyond the projection interval",
}
"""Why a value is null or a status was given: code → English text (pages translate the codes)."""


@dataclass(frozen=True)
class Reason:
    """Why a field of a score is null, or why the status is what it is, with the English text of the code."""

    field: str
    code: str
    message: str = dataclass_field(default="", compare=False)
    """Filled in from the code (REASONS); pages translate the code instead."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "message", REASONS[self.code])


@dataclass(frozen=True)
class Point:
    """One observation of a series, with its year-on-year change (同比) where the same period a year earlier is known."""

    period: str
    value: float
    source: str
    synthetic: bool
    yoy: float | None = None


@dataclass(frozen=True)
class TargetScore:
    """A target's row of the scorecard. Rates and progress are fractions (0.05 = 5 %)."""

    metric: str
    scope: str
    unit: str | None
    """The target's unit."""
    series_unit: str | None
    """The unit of the observations compared with the target (the target's when any has it)."""
    target_period: str
    target_value: float
    baseline_period: str | None
    baseline_value: float | None
    direction: str
    """`up` (more is better) unless the target lies below its baseline (`down`)."""
    latest_period: str | None
    latest_value: float | None
    latest_source: str | None
    progress: float | None
    required_cagr: float | None
    actual_cagr: float | None
    cagr_from_period: str | None
    """The earliest period of the window `actual_cagr` and the trend use."""
    projected_value: float | None
    projection_low: float | None
    projection_high: float | None
    status: Status | None
    reasons: tuple[Reason, ...]
    series: tuple[Point, ...]
    """The observations compared with the target, oldest first."""
    projection: tuple[Projected, ...]
    """The trend from the latest period to the target period (for the chart's band)."""
    year_to_date: tuple[Point, ...]
    """The latest year's 1–N月累计 observations of the metric and scope, each with its 同比."""
    target_source: str
    synthetic: bool
    """True when the target or any observation shown is generated demo data."""

    def reason(self, field: str) -> Reason | None:
        """Return the reason given for a field, if any."""
        return next((r for r in self.reasons if r.field == field), None)

    def as_json(self) -> dict[str, Any]:
        """Return the score as JSON-ready data (reasons with their English text)."""
        data = asdict(self)
        data["status"] = None if self.status is None else self.status.value
        data["reasons"] = [{"field": r.field, "code": r.code, "message": r.message} for r in self.reasons]
        return data


class ScorecardReport(BaseModel):
    """The targets scorecard as of a date: one score per target, and the window and interval it used."""

    as_of: dt.date
    window_years: int
    """`actual_cagr` and the trend use the observations within this many years of the latest one."""
    interval_level: float
    """The projection interval is this two-sided prediction interval of the log-linear trend."""
    cluster: str | None = None
    """The cluster whose targets these are (its scopes `cluster:<id>`, `cluster` for the default, its nodes)."""
    targets: list[TargetScore]


# -- key projects -----------------------------------------------------------------------------------


class MilestoneRow(BaseModel):
    """One milestone of a project's status as of a date."""

    name: str
    planned_date: dt.date | None
    actual_date: dt.date | None
    done: bool
    delay_days: int | None
    source: str


class ProjectStatusRow(BaseModel):
    """A key project's status as of a date: investment completion, 达产率 (capacity reached), slip, status.
    Shares are fractions; money and quantities are decimals (shown as decimal strings)."""

    id: str
    name_zh: str
    name_en: str | None
    kind: str
    owner_id: str | None
    as_of: dt.date
    investment_completion: float | None
    capacity_reached_share: float | None
    planned_capacity_share: float | None
    slip_days: int | None
    status: str
    planned_investment_cny: Decimal | None
    investment_completed_cny: Decimal | None
    investment_period: str | None
    investment_source: str | None
    planned_capacity: Decimal | None
    capacity_reached: Decimal | None
    capacity_period: str | None
    capacity_source: str | None
    capacity_unit: str | None
    start: dt.date | None
    planned_finish: dt.date | None
    milestones: list[MilestoneRow]
    source: str
    synthetic: bool


class PortfolioReport(BaseModel):
    """Every key project's status as of a date, with the count of each status (zeros included)."""

    as_of: dt.date | None
    cluster: str | None = None
    """The cluster whose projects these are (owned by its members; ownerless ones: the default cluster)."""
    counts: dict[str, int]
    projects: list[ProjectStatusRow]


# -- alerts -----------------------------------------------------------------------------------------


class AlertView(Alert):
    """A stored alert with its message in one language."""

    message: str
    link: str | None = None
    """The page (path and query) showing the alert's cause: a target's card, a project, a chain node, a firm."""


class AlertListing(BaseModel):
    """Stored alerts, most urgent first, and how many alerts are in each state."""

    counts: dict[str, int]
    alerts: list[AlertView]


class Evaluation(BaseModel):
    """What one evaluation did: condition keys raised, refreshed, reopened and cleared."""

    as_of: dt.date
    raised: list[str] = []
    refreshed: list[str] = []
    reopened: list[str] = []
    cleared: list[str] = []

    def summary(self) -> dict[str, Any]:
        """Return the evaluation as JSON."""
        return self.model_dump(mode="json")
