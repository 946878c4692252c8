"""Message texts of chain analytics: nodes, what-if changes and saved scenarios."""

from __future__ import annotations

CHAIN_MESSAGES: dict[str, tuple[str, str]] = {
    "chain.node_not_found": ("没有产业链环节 {code}", "no chain node {code}"),
    "chain.scenario_not_found": ("没有已保存的情景 {scenario}", "no saved scenario {scenario}"),
    "chain.changes_empty": ("至少给出一项变化", "give at least one change"),
    "chain.action": ("动作须为以下之一：{known}，收到的是 {given}", "action must be one of {known}, got {given}"),
    "chain.change_required": ("{action} 需要 {key}", "{key} is required for {action}"),
    "chain.change_extra": ("{key} 不是 {action} 的字段", "{key} is not a field of {action}"),
    "chain.unknown_enterprise": ("{key}：未知的企业 {given}", "{key}: unknown enterprise {given}"),
    "chain.unknown_node": ("node：未知的产业链环节 {given}", "node: unknown chain node {given}"),
    "chain.change_value": (
        "value 须为不小于 0 的元数，收到的是 {given}",
        "value must be a number of yuan ≥ 0, got {given}",
    ),
}
