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
    "briefing.not_found": ("没有编号为 {id} 的月报记录", "no briefing record {id}"),
}
