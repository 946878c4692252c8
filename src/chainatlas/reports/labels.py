"""What a presenter needs to say things in the reader's language: the caller passes its translator in."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol


class Labels(Protocol):
    """A translator: a label by key (with values filled in), a name in the language, a pick from a table."""

    lang: str

    def __call__(self, key: str, **values: object) -> str:
        """Return the label of a key in the reader's language."""
        ...

    def name(self, name_zh: str, name_en: str | None) -> str:
        """Return a record's name in the reader's language."""
        ...

    def pick(self, table: Mapping[str, tuple[str, str]], key: str, fallback: str | None = None) -> str:
        """Return a table's (zh, en) entry in the reader's language."""
        ...
