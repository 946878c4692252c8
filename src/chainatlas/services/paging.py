"""Keyset paging cursors: the sort key of a page's last record, as an opaque URL-safe text."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from chainatlas.domain.common import Problem
from chainatlas.services.errors import InvalidInput

SCALARS = (str, int, float, bool)


def encode_cursor(values: tuple[Any, ...] | None) -> str | None:
    """Return the cursor of a sort key (None: no next page)."""
    if values is None:
        return None
    text = json.dumps([v if v is None or isinstance(v, SCALARS) else str(v) for v in values], ensure_ascii=False)
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, width: int) -> tuple[Any, ...]:
    """Return the sort key a cursor holds; InvalidInput (`paging.cursor`) unless it is one of `width` values."""
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError):
        values = None
    if not (isinstance(values, list) and len(values) == width and all(isinstance(v, SCALARS) for v in values)):
        raise InvalidInput([Problem.coded("after", "paging.cursor", value=cursor[:200])])
    return tuple(values)
