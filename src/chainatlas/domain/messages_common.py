"""Message texts shared by every capability: records, keys, references."""

from __future__ import annotations

COMMON_MESSAGES: dict[str, tuple[str, str]] = {
    "record.not_found": ("没有{kind}记录 {key}", "no {kind} record {key}"),
    "record.exists": ("{kind}记录 {key} 已存在", "{kind} record {key} already exists"),
    "field.required": ("必填", "is required"),
    "page.not_found": ("没有这个页面：{page}", "no such page: {page}"),
    "input.invalid": ("输入不符合规则，见各项错误", "the input breaks rules; see errors"),
    "input.request_shape": ("请求与 API 不符，见各项错误", "the request does not match the API; see errors"),
}
