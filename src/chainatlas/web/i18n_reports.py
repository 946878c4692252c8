"""The briefing page's labels (产业链月报), Chinese and English; merged into MESSAGES."""

from __future__ import annotations

REPORT_PAGE_MESSAGES: dict[str, tuple[str, str]] = {
    "nav.briefing": ("产业链月报", "Briefing"),
    "briefing.title": ("产业链月报", "The chain chief's briefing"),
    "briefing.lead": (
        "每月给链长和产业主管部门的简报：主要指标、目标、重点项目、补链招商、韧性、预警、新闻和展会成果。生成的文件与参数、校验和一起保存，印发后冻结。",
        "The monthly briefing for the chain chief and the industry bureau: headline figures, targets, key projects, gaps and attraction targets, resilience, alerts, news and fair results. Files are kept with their parameters and checksums; an issued briefing is frozen.",
    ),
    "briefing.make": ("生成月报", "Make a briefing"),
    "briefing.as_of": ("数据截至", "As of"),
    "briefing.period": ("报告期（YYYY-MM，默认为截至日期所在月）", "Period (YYYY-MM; default the as-of month)"),
    "briefing.lang": ("语言", "Language"),
    "briefing.lang_zh": ("中文", "Chinese"),
    "briefing.lang_en": ("英文", "English"),
    "briefing.audience": ("读者", "Audience"),
    "briefing.audience.viewer": ("公开版（遵守披露规则）", "Public (disclosure rules hold)"),
    "briefing.audience.analyst": ("内部版（含单个企业数据）", "Internal (per-site figures)"),
    "briefing.sections": ("章节", "Sections"),
    "briefing.formats": ("格式", "Formats"),
    "briefing.submit": ("生成", "Make"),
    "briefing.job": ("任务 {id}：{state}", "Job {id}: {state}"),
    "briefing.job_running": ("正在生成…（{elapsed} 秒，{note}）", "Making… ({elapsed} s, {note})"),
    "briefing.job_failed": ("生成失败：{error}", "Failed: {error}"),
    "briefing.issues": ("各期月报", "Issues"),
    "briefing.issue_title": ("{series} · {year}年第{number}期 · {period}", "{series} · {year} No. {number} · {period}"),
    "briefing.state.draft": ("草稿", "draft"),
    "briefing.state.issued": ("已印发", "issued"),
    "briefing.files": ("文件", "Files"),
    "briefing.preview": ("预览（可打印）", "Preview (printable)"),
    "briefing.none": ("还没有生成过月报。", "No briefing has been made yet."),
    "briefing.editorial": ("按语", "Editorial text"),
    "briefing.section": ("章节", "Section"),
    "briefing.save_note": ("保存按语", "Save the text"),
    "briefing.issue": ("印发（冻结）", "Issue (freeze)"),
    "briefing.issued_by": ("{by} 于 {at} 印发", "issued by {by} on {at}"),
}
