"""Labels of the page frame (the phone menu, the 405 page), the notes of source citations and the fair schedule's
outcome, in Chinese and English."""

from __future__ import annotations

PAGE_MESSAGES: dict[str, tuple[str, str]] = {
    "nav.menu": ("菜单", "Menu"),
    "error.title_405": ("不支持的操作", "Not supported"),
    "error.text_405": ("这个页面不接受这种请求。", "This page does not take this kind of request."),
    "source.via": ("经", "via"),
    "source.note": ("（{note}）", "({note})"),
    "source.note_sep": ("；", "; "),
    "source.quote": ("：", ": "),
    "fair.seconds": ("{n} 秒", "{n} s"),
    "fair.done_best": (
        "已完成：排出 {meetings} 场洽谈，已证明没有更好的安排；用时 {seconds} 秒。",
        "Done: {meetings} meetings scheduled; no better schedule is possible. Took {seconds} s.",
    ),
    "fair.done_near": (
        "已完成：排出 {meetings} 场洽谈，与理论上限相差 {gap}%；用时 {seconds} 秒。",
        "Done: {meetings} meetings scheduled, within {gap}% of the best possible. Took {seconds} s.",
    ),
}

SOURCE_NOTES: dict[str, tuple[str, str]] = {
    "approx.": ("约数", "approx."),
    "lower bound": ("下限", "lower bound"),
    "repost": ("转载", "repost"),
    "January–June": ("1–6月", "January–June"),
    "key chain enterprises": ("重点链上企业", "key chain enterprises"),
    "edition and dates": ("届次与日期", "edition and dates"),
    "the meeting grid is synthetic": ("洽谈网格为合成数据", "the meeting grid is synthetic"),
    "phase 1": ("一期", "phase 1"),
}
"""The notes that sources carry in brackets (written in English in the data), as each language says them."""

COUNTED: dict[str, tuple[str, str]] = {
    "台": ("台", "units"),
    "套": ("套", "sets"),
    "吨": ("吨", "t"),
    "件": ("件", "pieces"),
    "只": ("只", "pieces"),
    "颗": ("颗", "pieces"),
    "根": ("根", "pieces"),
    "条": ("条", "pieces"),
    "年": ("年", "year"),
    "月": ("月", "month"),
    "万元产值": ("万元产值", "CNY 10,000 of output"),
}
"""The parts of the capacity units the registry uses (台/年 → units/year); other parts are shown as written."""
