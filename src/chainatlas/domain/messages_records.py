"""Message texts of the record forms' own refusals (the field, rule and record texts they show are the registry's,
in `messages_fields.py` and `messages_registry.py`)."""

from __future__ import annotations

RECORD_MESSAGES: dict[str, tuple[str, str]] = {
    "record.no_form": ("没有这类记录的表单：{kind}", "no record form for {kind}"),
}
