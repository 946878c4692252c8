"""How values read on a page: sources with their links, indicator values with units, shares, counts."""

from __future__ import annotations

import re
from decimal import Decimal

from markupsafe import Markup, escape

from chainatlas.domain.common import SYNTHETIC
from chainatlas.reports.money import YUAN_PER_UNIT, format_cny
from chainatlas.reports.numbers import share
from chainatlas.web.i18n import UNITS, Translator

URL = re.compile(r"https?://[^\s<>\"'，。；、）]+")
TRAILING = ".,;:)"
__all__ = ["linked_source", "is_synthetic", "measure", "money", "plain_number", "share"]


def is_synthetic(source: str | None) -> bool:
    """Return whether a record's source says it is generated demo data."""
    return (source or "").strip().lower() == SYNTHETIC


def linked_source(source: str | None) -> Markup:
    """Return a source citation as HTML, every web address in it a link that opens in a new tab."""
    text = source or ""
    parts: list[str] = []
    last = 0
    for match in URL.finditer(text):
        url = match.group(0).rstrip(TRAILING)
        parts.append(str(escape(text[last : match.start()])))
        parts.append(f'<a href="{escape(url)}" rel="noopener noreferrer nofollow" target="_blank">{escape(url)}</a>')
        last = match.start() + len(url)
    parts.append(str(escape(text[last:])))
    return Markup("".join(parts))  # noqa: S704  # every piece above is escaped


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
