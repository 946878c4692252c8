"""Message texts of national scale: paging a long list by cursor."""

from __future__ import annotations

SCALE_MESSAGES: dict[str, tuple[str, str]] = {
    "paging.cursor": (
        "不是本列表给出的翻页游标（请从第一页重新开始）",
        "is not a cursor this list gave (start again from the first page)",
    ),
    "paging.cursor_sort": (
        "按游标翻页时不能指定排序（sort）；请改用 offset",
        "a cursor pages only the default order, not a `sort`; use offset instead",
    ),
}
