"""What a presenter needs from the caller's language: labels by key and record names (the web's Translator)."""

from __future__ import annotations

from typing import Protocol


class Labels(Protocol):
    """Labels in one language, handed to presenters by the page or report that renders them."""

    lang: str

    def __call__(self, key: str, **values: object) -> str:
        """Return the label of a key, with {placeholders} filled in."""

    def name(self, name_zh: str, name_en: str | None) -> str:
        """Return a record's name in this language."""
