"""Message texts of the chain chief's briefing (产业链月报)."""

from __future__ import annotations

BRIEFING_MESSAGES: dict[str, tuple[str, str]] = {
    "briefing.bad_period": (
        "报告期须写作 YYYY-MM（如 2025-12），而不是 {value}",
        "the period must be written YYYY-MM (such as 2025-12), not {value}",
    ),
    "briefing.bad_sections": (
        "未知的章节 {value}；可选：{known}",
        "unknown section(s) {value}; choose from {known}",
    ),
    "briefing.bad_formats": (
        "未知的格式 {value}；可选：{known}",
        "unknown format(s) {value}; choose from {known}",
    ),
    "briefing.template_invalid": (
        "月报模板 {file} 第 {line} 行有误：{problem}",
        "the briefing template {file}, line {line}: {problem}",
    ),
    "briefing.browser_failed": (
        "无法用 Chromium 生成 PDF：{problem}",
        "Chromium could not render the briefing: {problem}",
    ),
    "briefing.issue_not_found": ("{series} 系列没有 {period} 的月报", "the {series} series has no issue for {period}"),
    "briefing.files_not_found": (
        "{series} 系列 {period} 的月报还没有生成 {lang} 版",
        "the {series} issue for {period} has no {lang} files made yet",
    ),
    "briefing.job_not_found": ("没有编号为 {id} 的月报任务", "no briefing job {id}"),
    "briefing.frozen": (
        "{series} 系列 {period} 的月报已经印发，内容已冻结，不能再修改或重新生成",
        "the {series} issue for {period} has been issued and is frozen: it cannot be changed or made again",
    ),
    "briefing.nothing_made": (
        "{series} 系列 {period} 的月报还没有生成任何文件，不能印发",
        "the {series} issue for {period} has no files made yet and cannot be issued",
    ),
    "briefing.editorial_too_long": (
        "按语不能超过 {limit} 个字符",
        "an editorial text may hold at most {limit} characters",
    ),
}
