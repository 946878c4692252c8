"""Monitoring alerts (预警): the rules, their thresholds, a raised condition and a stored alert.

An alert is identified by its condition key (rule + subject, e.g. `milestone_late:projects/P07/竣工投产`), which
is unique in the store: evaluating again updates the alert instead of adding a second one.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator


class AlertRule(StrEnum):
    """What raised an alert."""

    TARGET_OFF_TRACK = "target_off_track"
    MILESTONE_LATE = "milestone_late"
    CAPACITY_BEHIND = "capacity_behind"
    INDICATOR_DROP = "indicator_drop"
    STALE_DATA = "stale_data"


class AlertState(StrEnum):
    """Where an alert stands: raised and unseen, seen by someone, or no longer true."""

    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    CLEARED = "cleared"


class Severity(StrEnum):
    """How urgent an alert is."""

    WARNING = "warning"
    CRITICAL = "critical"


class ThresholdOrder(ValueError):
    """Two thresholds that contradict each other (the lower one set above the higher one)."""

    def __init__(self, low: str, high: str, low_value: int, high_value: int) -> None:
        self.params: dict[str, str | int | float | None] = {
            "low": low,
            "low_value": low_value,
            "high": high,
            "high_value": high_value,
        }
        super().__init__(f"{low} ({low_value}) must not exceed {high} ({high_value})")
        self.fields = (low, high)


def check_order(low: str, low_value: int, high: str, high_value: int) -> None:
    """Raise ThresholdOrder when a threshold meant to be the lower one is set above the higher one."""
    if low_value > high_value:
        raise ThresholdOrder(low, high, low_value, high_value)


class ProjectRules(BaseModel):
    """Thresholds of the project status (重点项目进度) rules, in days."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    slipping_after_days: int = Field(default=14, ge=0, le=3650)
    """A project whose slip exceeds this many days is `slipping`."""
    late_after_days: int = Field(default=90, ge=0, le=3650)
    """A project whose slip exceeds this many days is `late`."""
    ramp_months: int = Field(default=12, ge=1, le=120)
    """The planned capacity ramp (达产): 0 % at the planned finish, 100 % this many months later."""

    @model_validator(mode="after")
    def _ordered(self) -> ProjectRules:
        check_order("slipping_after_days", self.slipping_after_days, "late_after_days", self.late_after_days)
        return self


class AlertThresholds(BaseModel):
    """Thresholds of the alert rules; every one can be set per evaluation."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    milestone_late_days: int = Field(default=30, ge=0, le=3650)
    """An open milestone this many days past its planned date raises `milestone_late`."""
    milestone_critical_days: int = Field(default=180, ge=0, le=3650)
    """… and is critical beyond this many days."""
    capacity_gap: float = Field(default=0.2, ge=0, le=1)
    """Capacity reached below the planned ramp by more than this share of the planned capacity raises `capacity_behind`."""
    drop_share: float = Field(default=0.1, gt=0, le=1)
    """A latest value below the comparable earlier one by more than this share raises `indicator_drop`."""
    stale_months: int = Field(default=12, ge=1, le=240)
    """A monitored series whose newest period ended more than this many months ago raises `stale_data`."""

    @model_validator(mode="after")
    def _ordered(self) -> AlertThresholds:
        check_order(
            "milestone_late_days", self.milestone_late_days, "milestone_critical_days", self.milestone_critical_days
        )
        return self


class AlertCondition(BaseModel):
    """A condition that holds at an as-of date: what an evaluation finds."""

    model_config = ConfigDict(frozen=True)

    key: str
    rule: AlertRule
    subject: str
    """What it concerns: `projects/<id>`, `targets/<metric>/<scope>/<period>` or `indicators/<metric>/<scope>`."""
    severity: Severity
    details: dict[str, Any]


class Alert(BaseModel):
    """A stored alert: the condition it was last seen with and what people did about it."""

    model_config = ConfigDict(frozen=True)

    id: int
    key: str
    rule: AlertRule
    subject: str
    severity: Severity
    state: AlertState
    details: dict[str, Any]
    first_raised_on: dt.date
    last_seen_on: dt.date
    cleared_on: dt.date | None = None
    times_raised: int = 1
    acknowledged_by: str | None = None
    acknowledged_at: dt.datetime | None = None


MESSAGES: dict[AlertRule, tuple[str, str]] = {
    AlertRule.TARGET_OFF_TRACK: (
        "目标 {metric}（{scope}，{target_period}）偏离轨道",
        "Target {metric} ({scope}, {target_period}) is off track",
    ),
    AlertRule.MILESTONE_LATE: (
        "{project_id} 里程碑「{milestone}」已逾期 {days_late} 天（计划 {planned_date}）",
        "{project_id} milestone “{milestone}” is {days_late} days overdue (planned {planned_date})",
    ),
    AlertRule.CAPACITY_BEHIND: (
        "{project_id} 达产率 {reached_pct} 低于计划 {planned_pct}",
        "{project_id} capacity reached {reached_pct} is behind the planned {planned_pct}",
    ),
    AlertRule.INDICATOR_DROP: (
        "{metric}（{scope}）{period} 较 {compared_period} 下降 {drop_pct}",
        "{metric} ({scope}) fell {drop_pct} in {period} against {compared_period}",
    ),
    AlertRule.STALE_DATA: (
        "{what} 最新数据为 {latest_period}，已超过 {months} 个月未更新",
        "{what}: the newest data is for {latest_period}, more than {months} months old",
    ),
}
"""(Chinese, English) message of each rule, filled from the alert's details."""
NO_DATA_MESSAGE = (
    "{what} 自 {since} 起没有任何进度数据，已超过 {months} 个月",
    "{what}: no progress data at all since {since}, more than {months} months",
)
"""(Chinese, English) message of `stale_data` for a project with no progress record at all."""


def alert_message(rule: AlertRule, details: dict[str, Any], lang: str = "en") -> str:
    """Return the one-line message of an alert in a language (zh or en)."""
    zh, en = NO_DATA_MESSAGE if rule is AlertRule.STALE_DATA and details.get("since") else MESSAGES[rule]
    values = {**details}
    for name in ("reached", "planned", "drop"):
        if isinstance(details.get(name), int | float):
            values[f"{name}_pct"] = f"{details[name]:.0%}"
    if "what" not in values:
        values["what"] = details.get("project_id") or f"{details.get('metric')} ({details.get('scope')})"
    try:
        return (zh if lang == "zh" else en).format(**values)
    except (KeyError, IndexError):
        return f"{rule.value}: {details}"
