"""Message texts of national scale: paging a long list by cursor, counting only up to a cap."""

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
    "paging.total_capped": (
        "超过 {n} 条（只数到 {n} 条为止）",
        "more than {n} (counted up to {n} only)",
    ),
    "paging.not_counted": (
        "游标之后的页不计总数",
        "a page after a cursor is not counted",
    ),
}
