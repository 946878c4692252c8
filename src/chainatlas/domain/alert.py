"""Monitoring alerts (预警): the rules, their thresholds, a raised condition and a stored alert.

An alert is identified by its condition key (rule + subject, e.g. `milestone_late:projects/P07/竣工投产`), which
is unique in the store: evaluating again updates the alert instead of adding a second one.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from chainatlas.domain.messages import Lang, message_text


class AlertRule(StrEnum):
    """What raised an alert."""

    TARGET_OFF_TRACK = "target_off_track"
    MILESTONE_LATE = "milestone_late"
    CAPACITY_BEHIND = "capacity_behind"
    INDICATOR_DROP = "indicator_drop"
    STALE_DATA = "stale_data"
    NEWS_DISRUPTION = "news_disruption"
    """A news article reports a disruption at an enterprise of the supply graph (raised on ingest, see
    services.news_alerts); it stays live until acknowledged or until its event is `event_days` old."""


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
    event_days: int = Field(default=30, ge=1, le=3650)
    """A `news_disruption` alert whose event is more than this many days old is cleared by the evaluation."""

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


CODES = {
    AlertRule.MILESTONE_LATE: "alert.milestone_late",
    AlertRule.CAPACITY_BEHIND: "alert.capacity_behind",
    AlertRule.INDICATOR_DROP: "alert.indicator_drop",
    AlertRule.NEWS_DISRUPTION: "alert.news_disruption",
}
"""The message code of the rules that have one case (see domain.messages_alerts)."""
SHARES = ("reached", "planned", "drop", "progress")
"""Details that are fractions, said as percentages."""


def alert_code(rule: AlertRule, details: dict[str, Any]) -> str:
    """Return the message code of an alert: by its rule and, for targets and stale data, by its case."""
    if rule is AlertRule.TARGET_OFF_TRACK:
        if details.get("progress") is None or details.get("target") is None:
            return "alert.target_off_track"
        return "alert.target_missed" if details.get("reason") == "target_missed" else "alert.target_behind"
    if rule is AlertRule.STALE_DATA:
        if details.get("project_id") is None:
            return "alert.stale_series"
        return "alert.no_progress" if details.get("since") else "alert.stale_project"
    return CODES[rule]


def day_text(value: object, lang: str) -> str:
    """Return a date written YYYY-MM-DD the reader's way (2025年12月31日 in Chinese); anything else as it is."""
    try:
        day = dt.date.fromisoformat(str(value))
    except ValueError:
        return "" if value is None else str(value)
    return f"{day.year}年{day.month}月{day.day}日" if lang == "zh" else day.isoformat()


ENGLISH_UNITS: dict[str, tuple[float, str, str]] = {
    "亿元": (0.1, "CNY ", " billion"),
    "十亿元": (1.0, "CNY ", " billion"),
    "万元": (0.01, "CNY ", " million"),
    "元": (1.0, "CNY ", ""),
    "家": (1.0, "", " firms"),
    "个": (1.0, "", ""),
    "项": (1.0, "", ""),
}
"""How a Chinese unit of an indicator reads in English: a factor, then what goes before and after the number."""


def amount_text(value: object, unit: object, lang: str = "zh") -> str:
    """Return a number with at most two decimals and thousands separators, then its unit (in English, a Chinese
    unit said the English way: 99.05 亿元 is CNY 9.91 billion)."""
    if not isinstance(value, int | float):
        return ""
    if lang != "zh" and isinstance(unit, str) and unit in ENGLISH_UNITS:
        factor, before, after = ENGLISH_UNITS[unit]
        return f"{before}{_number(value * factor)}{after}"
    return f"{_number(value)} {unit}" if unit else _number(value)


def _number(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def alert_params(details: dict[str, Any], lang: str) -> dict[str, str | int | float | None]:
    """Return an alert's details as its message's parameters: shares as percentages, dates and names for people."""
    params: dict[str, str | int | float | None] = {k: v for k, v in details.items() if isinstance(v, str | int | float)}
    for name in SHARES:
        if isinstance(details.get(name), int | float):
            params[name] = f"{details[name]:.0%}"
    for name in ("planned_date", "since"):
        if name in details:
            params[name] = day_text(details[name], lang)
    names = (details.get("project_name_zh"), details.get("project_name_en"))
    chosen = names[0] if lang == "zh" else names[1] or names[0]
    params["project"] = chosen or details.get("project_id")
    params["projected"] = amount_text(details.get("projected"), details.get("unit"), lang)
    params["target"] = amount_text(details.get("target"), details.get("unit"), lang)
    if "disruption" in details:
        params.update(news_params(details, lang))
    return params


def news_params(details: dict[str, Any], lang: str) -> dict[str, str | int | float | None]:
    """Return the parameters of a news disruption alert: the day, the enterprise and the kind the reader's way."""
    names = (details.get("enterprise_name_zh"), details.get("enterprise_name_en"))
    language: Lang = "zh" if lang == "zh" else "en"
    exposure = details.get("exposure_days")
    return {
        "day": day_text(details.get("event_on"), lang),
        "enterprise": (names[0] if lang == "zh" else names[1] or names[0]) or details.get("enterprise_id"),
        "kind": message_text(f"disruption.{details.get('disruption')}", {}, language),
        "pi": amount_text(details.get("pi"), "元", lang) or "—",
        "exposure": "—" if not isinstance(exposure, int | float) else _number(exposure),
    }


def alert_message(rule: AlertRule, details: dict[str, Any], lang: str = "en") -> str:
    """Return the one-line message of an alert in a language (zh or en)."""
    code = alert_code(rule, details)
    try:
        return message_text(code, alert_params(details, lang), "zh" if lang == "zh" else "en")
    except (KeyError, IndexError, ValueError):
        return message_text("alert.unreadable", {"rule": rule.value}, "zh" if lang == "zh" else "en")
