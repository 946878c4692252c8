"""The (Chinese, English) texts of the alert messages (预警): one code per rule and case, worded for people.

Parameters arrive formatted for the reader (names, not keys; shares as percentages; dates in the reader's way).
"""

from __future__ import annotations

ALERT_MESSAGES: dict[str, tuple[str, str]] = {
    "alert.unreadable": ("一条「{rule}」预警（内容无法显示）", "An alert of rule {rule} (its details cannot be shown)"),
    "alert.target_behind": (
        "目标「{metric}」（{scope}，{target_period}）进度落后：已完成 {progress}，按当前趋势到期预计 {projected}，目标 {target}",
        "Target “{metric}” ({scope}, {target_period}) is behind: {progress} done; on the current trend "
        "{projected} by then, against a target of {target}",
    ),
    "alert.target_missed": (
        "目标「{metric}」（{scope}，{target_period}）未如期完成：完成 {progress}，目标 {target}",
        "Target “{metric}” ({scope}, {target_period}) was missed: {progress} done, against a target of {target}",
    ),
    "alert.target_off_track": (
        "目标「{metric}」（{scope}，{target_period}）偏离进度",
        "Target “{metric}” ({scope}, {target_period}) is off track",
    ),
    "alert.milestone_late": (
        "项目「{project}」的里程碑「{milestone}」已逾期 {days_late} 天（计划 {planned_date}）",
        "Project “{project}”: milestone “{milestone}” is {days_late} days overdue (planned {planned_date})",
    ),
    "alert.capacity_behind": (
        "项目「{project}」达产率 {reached}，低于计划的 {planned}",
        "Project “{project}” has reached {reached} of its capacity, behind the planned {planned}",
    ),
    "alert.indicator_drop": (
        "{metric}（{scope}）{period} 比 {compared_period} 下降 {drop}",
        "{metric} ({scope}) fell {drop} in {period} against {compared_period}",
    ),
    "alert.stale_series": (
        "{metric}（{scope}）最新数据为 {latest_period}，已超过 {months} 个月未更新",
        "{metric} ({scope}): the newest data is for {latest_period}, more than {months} months old",
    ),
    "alert.stale_project": (
        "项目「{project}」最新进度数据为 {latest_period}，已超过 {months} 个月未更新",
        "Project “{project}”: the newest progress data is for {latest_period}, more than {months} months old",
    ),
    "alert.no_progress": (
        "项目「{project}」自 {since} 起没有任何进度数据，已超过 {months} 个月",
        "Project “{project}” has had no progress data at all since {since}, more than {months} months",
    ),
}
