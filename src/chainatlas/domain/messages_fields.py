"""Message texts of field checks: a value of the wrong type, out of range, too long, not one of the choices."""

from __future__ import annotations

FIELD_MESSAGES: dict[str, tuple[str, str]] = {
    "field.not_a_column": ("不是这类记录的字段", "is not a column of this kind"),
    "field.number": ("须为数字", "must be a number"),
    "field.whole_number": ("须为整数", "must be a whole number"),
    "field.date": ("须为日期（YYYY-MM-DD）", "must be a date (YYYY-MM-DD)"),
    "field.datetime": ("须为日期时间（YYYY-MM-DDTHH:MM）", "must be a date and time (YYYY-MM-DDTHH:MM)"),
    "field.boolean": ("须为是/否（true/false）", "must be true or false"),
    "field.text": ("须为文字", "must be text"),
    "field.list": ("须为列表", "must be a list"),
    "field.object": ("须为对象（JSON 对象）", "must be an object"),
    "field.bad_character": (
        "含有此处不允许的字符（控制字符；代码中的空格、`;` 或 `/`；标签中的分隔符）",
        "contains a character not allowed here (control characters; spaces, `;` or `/` in codes; separators in tags)",
    ),
    "field.too_long": ("最多 {max_length} 个字符", "must have at most {max_length} characters"),
    "field.too_few_items": ("至少需要 {min_length} 项", "must have at least {min_length} items"),
    "field.too_many_items": ("最多 {max_length} 项", "must have at most {max_length} items"),
    "field.at_least": ("须不小于 {limit}", "must be at least {limit}"),
    "field.at_most": ("须不大于 {limit}", "must be at most {limit}"),
    "field.above": ("须大于 {limit}", "must be greater than {limit}"),
    "field.below": ("须小于 {limit}", "must be less than {limit}"),
    "field.digits": ("最多 {max_digits} 位数字", "must have at most {max_digits} digits"),
    "field.decimals": ("最多 {decimal_places} 位小数", "must have at most {decimal_places} decimal places"),
    "field.choice": ("须为以下之一：{expected}", "must be one of: {expected}"),
    "field.invalid": ("值不符合要求：{reason}", "is not valid: {reason}"),
    "field.json": (
        "请求体不是有效的 JSON（第 {position} 个字符）：{reason}",
        "the body is not valid JSON (at character {position}): {reason}",
    ),
    "field.period": ("期间须写作 YYYY、YYYY-Qn 或 YYYY-MM", "period must be YYYY, YYYY-Qn or YYYY-MM"),
    "field.too_short": ("至少 {min_length} 个字符", "must have at least {min_length} characters"),
    "field.key_fixed": ("是记录键的一部分，不能修改", "is part of the key and cannot change"),
}
