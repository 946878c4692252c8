"""Labels of the enterprise picker and the people-facing exports (issue 13's details), Chinese and English;
merged into MESSAGES."""

from __future__ import annotations

DETAILS_MESSAGES: dict[str, tuple[str, str]] = {
    "picker.placeholder": ("输入名称、简称或编号", "Type a name, short name or id"),
    "picker.placeholder_many": ("输入名称或编号，多家用逗号分隔", "Type names or ids, separated by commas"),
    "fair.download_schedule": ("下载全部洽谈日程（XLSX）", "Download the whole schedule (XLSX)"),
    "fair.download_participants": ("下载参会名单（XLSX）", "Download the participant list (XLSX)"),
}
