"""Message texts of the registry: records, references, filters and the rules of each record kind."""

from __future__ import annotations

REGISTRY_MESSAGES: dict[str, tuple[str, str]] = {
    "kind.unknown": ("没有“{kind}”这类记录；已知的类别：{known}", "unknown kind {kind}; known kinds: {known}"),
    "record.key_parts": (
        "{kind}的键由 {parts} 个部分组成（{names}），收到的是 {given}",
        "a {kind} key has {parts} parts ({names}), got {given}",
    ),
    "record.key_not_number": (
        "没有{kind}记录 {given}：{name} 须为整数",
        "no {kind} record {given}: {name} is a whole number",
    ),
    "record.key_out_of_range": (
        "没有{kind}记录 {given}：{name} 超出范围",
        "no {kind} record {given}: {name} is out of range",
    ),
    "record.still_referred": ("{kind} {key} 仍被引用：{users}", "{kind} {key} is still referred to by {users}"),
    "reference.unknown": (
        "未知的{noun} {ref}（本次导入和登记库中都没有）",
        "unknown {noun} {ref} (not in this import nor in the registry)",
    ),
    "filter.not_a_field": ("不是{kind}的字段", "is not a field of {kind}"),
    "filter.bad_value": ("无法按这个值筛选：{reason}", "cannot filter on this value: {reason}"),
    "sort.not_a_field": ("{name} 不是{kind}的字段", "{name} is not a field of {kind}"),
    "paging.limit": ("须在 1 到 {max} 之间", "must be 1–{max}"),
    "paging.offset": ("须在 0 到 {max} 之间", "must be 0 to {max}"),
    "enterprise.pattern": ("格式应如 {example}", "must look like {example}"),
    "enterprise.export_share": ("出口占比是 0 到 1 之间的小数", "must be a fraction of output between 0 and 1"),
    "enterprise.export_share_percent": (
        "出口占比是 0 到 1 之间的小数（{percent} % 写作 {fraction}）",
        "must be a fraction of output between 0 and 1 ({percent} % is {fraction})",
    ),
    "enterprise.own_group": ("企业不能是自己的上级集团", "an enterprise cannot be its own group"),
    "enterprise.tag_twice": ("同一标签列了两次", "a tag is listed twice"),
    "enterprise.cluster_in_cn": ("集群内的企业必须在中国（CN）", "an enterprise in the cluster must be in CN"),
    "credit_code.length": ("须为 {length} 个字符，实为 {got} 个", "must be {length} characters, got {got}"),
    "credit_code.characters": (
        "含有 GB 32100-2015 不允许的字符：{bad}",
        "contains characters not allowed by GB 32100-2015: {bad}",
    ),
    "credit_code.division": (
        "第 3–8 位须为行政区划代码（数字）",
        "characters 3-8 must be the administrative division code (digits)",
    ),
    "credit_code.check": (
        "校验码 {got} 不正确（应为 {expected}）",
        "has a wrong check character {got} (expected {expected})",
    ),
    "chain_node.own_parent": ("环节不能是自己的上级", "a node cannot be its own parent"),
    "chain_node.loop": ("上级链条经 {through} 回到自身", "parent chain loops back on itself through {through}"),
    "supply_link.self": ("企业不能向自己供货", "an enterprise cannot supply itself"),
    "supply_link.until_before_since": ("结束早于开始（{since}）", "ends before it starts ({since})"),
    "capacity.unit_missing": ("产能需要注明单位", "a capacity needs its unit"),
    "indicator.node_scope": ("环节范围写作 node:<环节代码>", "a node scope is written node:<code>"),
    "target.baseline_pair": ("基期和基期值须同时填写", "a baseline needs both its period and its value"),
    "target.baseline_after": ("基期晚于目标期", "the baseline comes after the target period"),
    "project.finish_before_start": ("早于开工日期 {start}", "is before the start {start}"),
    "project.capacity_unit": ("计划产能需要注明单位", "a planned capacity needs its unit"),
    "milestone.date_missing": ("里程碑需要计划日期或实际日期", "a milestone needs a planned or an actual date"),
    "progress.empty": ("进度需要填写完成投资或已达产能", "progress needs investment completed or capacity reached"),
    "brand.rank_range": ("{ranking} 的名次为 1–{size}", "{ranking} ranks 1–{size}"),
}
REFERENCE_NOUNS = {
    "chain_nodes": ("产业链环节", "chain node"),
    "enterprises": ("企业", "enterprise"),
    "projects": ("项目", "project"),
    "brands": ("品牌", "brand"),
    "fairs": ("展会", "fair"),
    "fair_participants": ("展会参会方", "fair participant"),
    "clusters": ("产业集群", "cluster"),
    "organisations": ("组织机构", "organisation"),
}
"""The kinds a record refers to, named in each language (a reference problem of each has its own code)."""
KIND_NOUNS = {
    **REFERENCE_NOUNS,
    "enterprise_nodes": ("企业环节", "enterprise node"),
    "supply_links": ("供应关系", "supply link"),
    "indicators": ("指标观测", "indicator"),
    "targets": ("目标", "target"),
    "milestones": ("里程碑", "milestone"),
    "project_progress": ("项目进度", "project progress"),
    "brand_rankings": ("品牌排名", "brand ranking"),
    "innovation_platforms": ("创新平台", "innovation platform"),
    "fair_preferences": ("洽谈意向", "fair preference"),
    "fair_meetings": ("洽谈安排", "fair meeting"),
    "fair_attendance": ("到场反馈", "fair attendance"),
    "resilience_profiles": ("韧性参数", "resilience profile"),
    "bom_lines": ("物料清单行", "bill-of-materials line"),
}
"""Every registry kind named in each language: record messages of a known kind have a code per kind."""
RECORD_TEXTS = {
    "record.not_found": ("没有{zh}记录 {{key}}", "no {en} record {{key}}"),
    "record.exists": ("{zh}记录 {{key}} 已存在", "{en} record {{key}} already exists"),
    "record.still_referred": ("{zh} {{key}} 仍被引用：{{users}}", "{en} {{key}} is still referred to by {{users}}"),
}
REGISTRY_MESSAGES.update(
    {
        f"reference.unknown_{kind}": (
            f"未知的{zh} {{ref}}（本次导入和登记库中都没有）",
            f"unknown {en} {{ref}} (not in this import nor in the registry)",
        )
        for kind, (zh, en) in REFERENCE_NOUNS.items()
    }
)
REGISTRY_MESSAGES.update(
    {
        f"{code}.{kind}": (zh_text.format(zh=zh), en_text.format(en=en))
        for code, (zh_text, en_text) in RECORD_TEXTS.items()
        for kind, (zh, en) in KIND_NOUNS.items()
    }
)


def kind_code(code: str, kind: str) -> str:
    """Return the code of a record message for a kind (the kind's own when it is known, naming it in each
    language; else the generic one, which takes the kind as a parameter)."""
    return f"{code}.{kind}" if kind in KIND_NOUNS else code
