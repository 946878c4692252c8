"""Change records: who changed which record, when, through what door, from what to what."""

from __future__ import annotations

from typing import Any

from chainatlas.domain.common import Record
from chainatlas.domain.kinds import Key, KindSpec
from chainatlas.services.context import WriteContext


def key_text(key: Key) -> str:
    """Return a natural key as one readable string (parts joined by `/`)."""
    return "/".join(str(part) for part in key)


def snapshot(record: Record | None) -> dict[str, Any] | None:
    """Return a record as the JSON the change history stores."""
    return None if record is None else record.model_dump(mode="json")


def change_entry(
    ctx: WriteContext, spec: KindSpec, action: str, before: Record | None, after: Record | None
) -> dict[str, Any]:
    """Return the change-history row for one write."""
    record = after if after is not None else before
    if record is None:
        raise ValueError("a change needs a before or an after")
    return {
        "batch_id": None,
        "at": ctx.at,
        "actor": ctx.actor,
        "via": ctx.via.value,
        "kind": spec.name,
        "record_key": key_text(spec.key_of(record)),
        "action": action,
        "before": snapshot(before),
        "after": snapshot(after),
    }


def extra_entries(
    ctx: WriteContext, kind: str, rows: list[dict[str, Any]], key_fields: tuple[str, ...]
) -> list[dict[str, Any]]:
    """Return change-history rows for records added outside the registry kinds (products, relations, scenarios)."""
    return [
        {
            "batch_id": None,
            "at": ctx.at,
            "actor": ctx.actor,
            "via": ctx.via.value,
            "kind": kind,
            "record_key": "/".join(str(row[f]) for f in key_fields),
            "action": "create",
            "before": None,
            "after": row,
        }
        for row in rows
    ]
