"""How values read on a page: indicator values with units, shares, counts."""

from __future__ import annotations

from decimal import Decimal

from chainatlas.domain.common import SYNTHETIC
from chainatlas.reports.money import YUAN_PER_UNIT, format_cny
from chainatlas.reports.numbers import share
from chainatlas.web.i18n import UNITS, Translator

__all__ = ["is_synthetic", "measure", "money", "plain_number", "share"]


def is_synthetic(source: str | None) -> bool:
    """Return whether a record's source says it is generated demo data."""
    return (source or "").strip().lower() == SYNTHETIC


def plain_number(value: Decimal | float | int) -> str:
    """Return a number with thousands separators and without trailing zeros: 2500.000000 → 2,500."""
    number = Decimal(str(value))
    if number == number.to_integral_value():
        return f"{number.to_integral_value():,}"
    return f"{number.normalize():,f}"


def measure(value: Decimal, unit: str | None, t: Translator) -> str:
    """Return an indicator value with its unit, as precise as its source gave it (English converts 亿元 to CNY)."""
    if unit in YUAN_PER_UNIT and t.lang == "en":
        return format_cny(value * YUAN_PER_UNIT[unit], t.lang)
    if unit in YUAN_PER_UNIT:
        return f"{plain_number(value)} {unit}"
    shown_unit = t.pick(UNITS, unit) if unit else ""
    separator = "" if shown_unit in ("%", "") or t.lang == "zh" else " "
    return f"{plain_number(value)}{separator}{shown_unit}"


def money(value: Decimal | float | None, t: Translator) -> str:
    """Return yuan in the page language, or a dash when unknown (a float is taken to the cent)."""
    if value is None:
        return "—"
    return format_cny(value if isinstance(value, Decimal) else Decimal(str(round(value, 2))), t.lang)
