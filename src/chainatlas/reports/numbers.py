"""Shares as a page reads them, and the cell types of a table download."""

from __future__ import annotations

from decimal import Decimal

Cell = str | int | float | Decimal | bool | None
"""One value of a download row."""


def share(value: float | None) -> str:
    """Return a fraction as a percentage with one decimal, or a dash."""
    return "—" if value is None else f"{value * 100:.1f}%"
