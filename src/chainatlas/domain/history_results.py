"""Result types of the change history (变更记录): a page of changes, one change with its fields compared, one
batch with its files, and what a revert did.

Services return them, the API uses them as response models, the pages and the CLI's `--json` read them.

May import only the standard library, pydantic and the rest of `domain`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field


class FieldDiff(BaseModel):
    """One field of a record before and after a change."""

    name: str
    before: Any = None
    after: Any = None
    changed: bool


class ChangeView(BaseModel):
    """One recorded write: who, when, through what, to which record, before and after."""

    id: int
    batch_id: int | None
    at: dt.datetime
    actor: str
    via: str = Field(description="api, web, cli or import")
    kind: str
    record_key: str
    action: str = Field(description="create, update, delete (other kinds: their own verbs)")
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    reverts_id: int | None = Field(default=None, description="the change this one reverts")
    reverted_by: int | None = Field(default=None, description="the change that reverted this one")


class ChangeDetail(ChangeView):
    """A change with its fields side by side (changed ones marked)."""

    fields: list[FieldDiff]


class HistoryPage(BaseModel):
    """One page of the change history, newest first."""

    items: list[ChangeView]
    total: int
    offset: int
    limit: int
    added_in_batches: list[int] = Field(
        default_factory=list,
        description="with `kind` and `record`: the import batches that added the record (they keep no change row per added record)",
    )


class BatchFile(BaseModel):
    """One file an import read: its kind, rows, SHA-256 and (imports since revert support) what it did."""

    file: str
    kind: str | None = None
    rows: int | None = None
    sha256: str | None = None
    added: int | None = None
    updated: int | None = None
    unchanged: int | None = None


class BatchView(BaseModel):
    """One batch (an import, an alert evaluation or a revert): its files, counts and changes."""

    id: int
    at: dt.datetime
    actor: str
    via: str
    files: list[BatchFile]
    counts: dict[str, Any]
    added: dict[str, list[str]] = Field(default_factory=dict, description="kind → keys of the records it added")
    added_known: bool = Field(description="false for imports recorded before added keys were kept")
    reverts_batch_id: int | None = None
    reverted_by: int | None = None
    changes: list[ChangeView]
    changes_total: int


class RevertResult(BaseModel):
    """What a revert wrote: the changes it recorded and, for a batch, the batch they form."""

    reverted_change_id: int | None = None
    reverted_batch_id: int | None = None
    batch_id: int | None = None
    changes: list[ChangeView]
