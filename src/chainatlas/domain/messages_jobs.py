"""Message texts of heavy jobs: time limits and how many may run at once."""

from __future__ import annotations

JOB_MESSAGES: dict[str, tuple[str, str]] = {
    "job.timed_out": (
        "分析超过了 {limit} 秒的时间上限，已停止；请 {retry} 秒后再试",
        "the analysis ran past its time limit of {limit} s and was stopped; try again in {retry} s",
    ),
    "job.busy": (
        "您已有 {running} 项分析正在运行，请 {retry} 秒后再试",
        "{running} analyses of yours are already running; try again in {retry} s",
    ),
}
