"""Message texts of the change history (变更记录) and of reverting changes and import batches."""

from __future__ import annotations

HISTORY_MESSAGES: dict[str, tuple[str, str]] = {
    "history.change_not_found": ("没有编号为 {id} 的变更记录", "no change {id}"),
    "history.batch_not_found": ("没有编号为 {id} 的批次", "no batch {id}"),
    "history.bad_date_range": ("起始日期晚于截止日期", "the start date is after the end date"),
    "history.bad_number": ("须为 {low}–{high} 的整数", "must be a whole number from {low} to {high}"),
    "history.bad_source": ("来源须为 api、web、cli 或 import", "the source must be api, web, cli or import"),
    "history.revert.not_revertible_kind": (
        "只有登记数据的变更可以撤销（用户、预警等的变更不能撤销）",
        "only changes to registry records can be reverted (not those to users, alerts and the like)",
    ),
    "history.revert.not_import": (
        "批次 {id} 不是导入批次，不能整批撤销",
        "batch {id} is not an import and cannot be reverted as a whole",
    ),
    "history.revert.already_reverted": ("已被变更 {by} 撤销过", "already reverted by change {by}"),
    "history.revert.batch_already_reverted": ("已被批次 {by} 撤销过", "already reverted by batch {by}"),
    "history.revert.later_change": (
        "之后还有变更 {later} 修改了记录 {key}，请先撤销后来的变更",
        "change {later} changed the record {key} later; revert the later change first",
    ),
    "history.revert.key_reused": (
        "记录 {key} 删除后其编号已被重新使用，不能恢复",
        "the record {key} was deleted and its key used again; it cannot be restored",
    ),
    "history.revert.not_as_left": (
        "记录 {key} 已不是这次变更之后的样子，不能撤销",
        "the record {key} is no longer as this change left it; it cannot be reverted",
    ),
    "history.revert.referred": (
        "记录 {key} 是新建的，但现在仍被 {count} 条其他记录或用户引用，不能删除",
        "the record {key} was created here and is still referred to by {count} other records or users; "
        "it cannot be deleted",
    ),
    "history.revert.added_unknown": (
        "这个导入批次记录于保存新增记录之前，无法得知它新增了哪些记录，不能整批撤销",
        "this import was recorded before added records were kept, so what it added is unknown; it cannot be reverted",
    ),
}
