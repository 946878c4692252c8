"""Message texts of record fields: a value the field's type refuses (pydantic's error types as codes), an
unknown reference, a record that others still refer to.

The English texts of the `field.*` codes are the ones import reports always used, so logs and tests read
as before; `services/field_problems.py` maps pydantic's error types to these codes.
"""

from __future__ import annotations

RECORD_MESSAGES: dict[str, tuple[str, str]] = {
    "field.not_a_column": ("不是这类记录的字段", "is not a column of this kind"),
    "field.number": ("必须是数字", "must be a number"),
    "field.whole_number": ("必须是整数", "must be a whole number"),
    "field.date": ("必须是日期（YYYY-MM-DD）", "must be a date (YYYY-MM-DD)"),
    "field.bad_character": (
        "含有此处不允许的字符（控制字符；编码中的空格、`;` 或 `/`；标签中的分隔符）",
        "contains a character not allowed here (control characters; spaces, `;` or `/` in codes; separators in tags)",
    ),
    "field.too_long": ("最多 {max_length} 个字符", "must have at most {max_length} characters"),
    "field.too_many": ("最多 {max_length} 项", "must have at most {max_length} items"),
    "field.at_least": ("不能小于 {limit}", "input should be greater than or equal to {limit}"),
    "field.above": ("必须大于 {limit}", "input should be greater than {limit}"),
    "field.at_most": ("不能大于 {limit}", "input should be less than or equal to {limit}"),
    "field.below": ("必须小于 {limit}", "input should be less than {limit}"),
    "field.max_digits": ("最多 {max_digits} 位数字", "must have at most {max_digits} digits"),
    "field.max_places": ("小数最多 {decimal_places} 位", "must have at most {decimal_places} decimal places"),
    "field.one_of": ("必须是以下之一：{expected}", "must be one of {expected}"),
    "field.yes_no": ("必须是“是”或“否”", "must be yes or no (true/false, 1/0)"),
    "field.period": ("期间格式应为 YYYY、YYYY-Qn 或 YYYY-MM", "period must be YYYY, YYYY-Qn or YYYY-MM"),
    "field.looks_like": ("格式应如 {example}", "must look like {example}"),
    "field.fraction": (
        "必须是 0 到 1 之间的小数（35% 写作 0.35）",
        "must be a fraction between 0 and 1 (35 % is 0.35)",
    ),
    "field.too_large": ("数值太大", "is too large"),
    "field.finite": ("必须是有限的数", "must be a finite number"),
    "field.time_of_day": ("必须是 24 小时制时间 HH:MM，如 09:00", "must be a time of day HH:MM (24-hour), e.g. 09:00"),
    "field.invalid": ("取值不符合要求", "is not a valid value"),
    "record.no_form": ("没有这类记录的表单：{kind}", "no record form for {kind}"),
    "record.key_fixed": ("属于记录的编号，不能修改", "is part of the key and cannot change"),
    "record.duplicate": ("记录 {key} 已存在", "record {key} already exists"),
    "record.referred": (
        "{key} 仍被 {count} 条其他记录引用，不能删除",
        "{key} is still referred to by {count} other records and cannot be deleted",
    ),
    **{
        f"record.unknown.{kind}": (
            f"没有{zh} {{key}}（既不在本次导入中，也不在登记库中）",
            f"unknown {en} {{key}} (not in this import nor in the registry)",
        )
        for kind, zh, en in (
            ("chain_nodes", "产业链环节", "chain node"),
            ("enterprises", "企业", "enterprise"),
            ("projects", "项目", "project"),
            ("brands", "品牌", "brand"),
            ("fairs", "展会", "fair"),
            ("fair_participants", "参展参会方", "fair participant"),
        )
    },
}

RULE_MESSAGES: dict[str, tuple[str, str]] = {
    "rule.own_group": ("企业不能是自己的所属集团", "an enterprise cannot be its own group"),
    "rule.tag_twice": ("同一标签填了两次", "a tag is listed twice"),
    "rule.cluster_in_cn": ("集群内企业的国家必须是 CN", "an enterprise in the cluster must be in CN"),
    "rule.supplies_itself": ("企业不能向自己供货", "an enterprise cannot supply itself"),
    "rule.ends_before_start": ("终止早于起始（{since}）", "ends before it starts ({since})"),
    "rule.own_parent": ("环节不能是自己的上级", "a node cannot be its own parent"),
    "rule.parent_loop": ("上级编码经 {through} 绕回自身", "parent chain loops back on itself through {through}"),
    "rule.node_scope": ("环节范围写作 node:<编码>", "a node scope is written node:<code>"),
    "rule.baseline_pair": ("基期和基期值须同时填写", "a baseline needs both its period and its value"),
    "rule.baseline_after_target": ("基期晚于目标期间", "the baseline comes after the target period"),
    "rule.finish_before_start": ("早于开工日期 {start}", "is before the start {start}"),
    "rule.capacity_unit": ("填写产能时须填写产能单位", "a planned capacity needs its unit"),
    "rule.enterprise_capacity_unit": ("填写产能时须填写产能单位", "a capacity needs its unit"),
    "rule.milestone_date": ("里程碑须有计划日期或实际日期", "a milestone needs a planned or an actual date"),
    "rule.progress_figure": (
        "进度须填写累计完成投资或已达产能",
        "progress needs investment completed or capacity reached",
    ),
    "rule.rank_range": ("{ranking} 的名次在 1–{size} 之间", "{ranking} ranks 1–{size}"),
    "credit_code.characters": (
        "含有 GB 32100-2015 不允许的字符：{bad}",
        "contains characters not allowed by GB 32100-2015: {bad}",
    ),
    "credit_code.division": (
        "第 3–8 位须为行政区划代码（数字）",
        "characters 3-8 must be the administrative division code (digits)",
    ),
}
"""The rules of the record kinds (`*_problems` in each kind's domain module)."""
RECORD_MESSAGES |= RULE_MESSAGES
