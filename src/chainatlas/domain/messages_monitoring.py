"""Message texts of monitoring: alerts, their rules' thresholds and key projects."""

from __future__ import annotations

MONITORING_MESSAGES: dict[str, tuple[str, str]] = {
    "alert.not_found": ("没有预警 {alert}", "no alert {alert}"),
    "alert.not_open": (
        "预警 {alert} 的状态是 {state}{by}；只有未处理的预警可以确认",
        "alert {alert} is {state}{by}; only an open alert can be acknowledged",
    ),
    "alert.choice": ("须为以下之一：{known}", "must be one of {known}"),
    "alert.threshold_order": (
        "{low}（{low_value}）不得大于 {high}（{high_value}）",
        "{low} ({low_value}) must not exceed {high} ({high_value})",
    ),
    "project.not_found": ("没有项目 {project}", "no project {project}"),
}
