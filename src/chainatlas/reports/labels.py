"""What a report needs to word itself in one language: labels by key, names, metric and unit labels.

The web's translator (`web.i18n.Translator`) is one; the briefing will bring its own. Reports never import
a catalogue of labels, they are handed one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol


class Labels(Protocol):
    """Labels in one language (`zh` or `en`)."""

    lang: str

    def __call__(self, key: str, **values: object) -> str:
        """Return the label of a key, with {placeholders} filled in."""
        ...

    def name(self, name_zh: str, name_en: str | None) -> str:
        """Return a record's name in the language (English falls back to the Chinese name)."""
        ...

    def metric(self, metric: str) -> str:
        """Return the label of a metric (its name when none is known)."""
        ...

    def unit(self, unit: str) -> str:
        """Return the label of a unit (the unit itself when none is known)."""
        ...

    def pick(self, table: Mapping[str, tuple[str, str]], key: str, fallback: str | None = None) -> str:
        """Return a table's (zh, en) entry in the language."""
        ...
