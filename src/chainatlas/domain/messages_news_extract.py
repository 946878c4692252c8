"""Message texts of news extraction (`chainatlas news extract`)."""

from __future__ import annotations

NEWS_EXTRACT_MESSAGES: dict[str, tuple[str, str]] = {
    "news.line_not_json": ("第 {line} 行不是 JSON 对象：{detail}", "line {line} is not a JSON object: {detail}"),
    "news.line_field": (
        "第 {line} 行：字段 {name} 须为非空文本",
        "line {line}: the field {name} must be a non-empty string",
    ),
    "news.id_twice": ("第 {line} 行：编号 {id} 已在前面出现", "line {line}: the id {id} appears earlier too"),
    "news.file_unreadable": ("无法读取文件 {path}：{detail}", "cannot read the file {path}: {detail}"),
}
