"""The alerts page's labels for the schedule (定时预警评估) and the history's source `schedule`, Chinese and English;
merged into MESSAGES."""

from __future__ import annotations

ALERT_PAGE_MESSAGES: dict[str, tuple[str, str]] = {
    "alerts.schedule": ("定时评估：每天 {at}（{zone}）。", "Scheduled evaluation: every day at {at} ({zone})."),
    "alerts.schedule_off": (
        "定时评估已关闭：预警只在有人点击“评估”时更新（管理员可在服务器设置中开启）。",
        "Scheduled evaluation is off: alerts change only when someone presses “Evaluate” (an administrator can turn it on in the server settings).",
    ),
    "alerts.schedule_last": (
        "上次定时评估：{at}（截至 {as_of}）。",
        "Last scheduled evaluation: {at} (as of {as_of}).",
    ),
    "alerts.schedule_never": ("尚未定时评估过。", "No scheduled evaluation has run yet."),
    "alerts.schedule_next": ("下次：{at}。", "Next: {at}."),
    "alerts.schedule_now": ("下次：正在进行或即将进行。", "Next: under way or about to start."),
    "alerts.schedule_after_import": ("每次导入后也会重新评估。", "The rules also run again after each import."),
    "alerts.by_schedule": ("定时任务", "the schedule"),
    "alerts.open_cause": ("查看原因", "See the cause"),
    "via.schedule": ("定时任务", "schedule"),
}
