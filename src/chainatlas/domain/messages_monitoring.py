"""Message texts of monitoring: alerts, their rules' thresholds and key projects."""

from __future__ import annotations

MONITORING_MESSAGES: dict[str, tuple[str, str]] = {
    "alert.not_found": ("没有预警 {alert}", "no alert {alert}"),
    "alert.not_open.acknowledged": (
        "预警 {alert} 已由 {by} 确认；只有未处理的预警可以确认",
        "alert {alert} is acknowledged by {by}; only an open alert can be acknowledged",
    ),
    "alert.not_open.cleared": (
        "预警 {alert} 已解除；只有未处理的预警可以确认",
        "alert {alert} is cleared; only an open alert can be acknowledged",
    ),
    "alert.choice": ("须为以下之一：{known}", "must be one of {known}"),
    "alert.threshold_order": (
        "{low}（{low_value}）不得大于 {high}（{high_value}）",
        "{low} ({low_value}) must not exceed {high} ({high_value})",
    ),
    "project.not_found": ("没有项目 {project}", "no project {project}"),
}
