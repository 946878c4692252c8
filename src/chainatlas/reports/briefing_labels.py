"""The briefing's labels in one language, from its template (they satisfy `reports.labels.Labels`), and how its
figures read: values with their units as the scorecard page writes them, shares, days and money."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from chainatlas.reports.briefing_template import BriefingTemplate
from chainatlas.reports.money import YUAN_PER_UNIT, format_cny
from chainatlas.reports.numbers import share

UNITS_EN = {"家": "firms", "个": "", "台": "units", "%": "%"}
"""English unit labels of the counted units (Chinese keeps the unit as recorded)."""
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
__all__ = ["BriefingLabels", "day_text", "figure_text", "month_text", "plain_number", "share"]


class BriefingLabels:
    """Look a briefing's labels up in its template."""

    def __init__(self, template: BriefingTemplate) -> None:
        self.lang = template.lang
        self.template = template

    def __call__(self, key: str, **values: object) -> str:
        """Return the label of a key, with {placeholders} filled in."""
        text = self.template.labels.get(key, key)
        return text.format(**values) if values else text

    def name(self, name_zh: str, name_en: str | None) -> str:
        """Return a record's name in the language (English falls back to the Chinese name)."""
        return name_en if self.lang == "en" and name_en else name_zh

    def metric(self, metric: str) -> str:
        """Return the template's name of a metric (its code when the template has none)."""
        return self.template.metrics.get(metric, metric)

    def unit(self, unit: str) -> str:
        """Return the label of a unit."""
        return UNITS_EN.get(unit, unit) if self.lang == "en" else unit

    def pick(self, table: Mapping[str, tuple[str, str]], key: str, fallback: str | None = None) -> str:
        """Return a table's (zh, en) entry in the language."""
        pair = table.get(key)
        return pair[0 if self.lang == "zh" else 1] if pair else (key if fallback is None else fallback)


def plain_number(value: Decimal | float | int) -> str:
    """Return a number with thousands separators and without trailing zeros: 2500.000000 → 2,500."""
    number = Decimal(str(value))
    if number == number.to_integral_value():
        return f"{number.to_integral_value():,}"
    return f"{number.normalize():,f}"


def figure_text(value: float | None, unit: str | None, lang: str) -> str:
    """Return an observed value with its unit as the scorecard page writes it (English converts 亿元 to CNY)."""
    if value is None:
        return "—"
    number = Decimal(str(value))
    if unit in YUAN_PER_UNIT:
        return format_cny(number * YUAN_PER_UNIT[unit], lang) if lang == "en" else f"{plain_number(number)} {unit}"
    shown = (UNITS_EN.get(unit, unit) if lang == "en" else unit) if unit else ""
    separator = "" if shown in ("%", "") or lang == "zh" else " "
    return f"{plain_number(number)}{separator}{shown}"


def day_text(day: object, lang: str) -> str:
    """Return a date as a reader writes it: 2025年12月31日, or 31 Dec 2025."""
    year, month, dd = getattr(day, "year", 0), getattr(day, "month", 1), getattr(day, "day", 1)
    return f"{dd} {MONTHS_EN[month - 1]} {year}" if lang == "en" else f"{year}年{month}月{dd}日"


def month_text(period: str, lang: str) -> str:
    """Return a YYYY-MM period as a reader writes it: 2025年12月, or Dec 2025."""
    year, month = int(period[:4]), int(period[5:7])
    return f"{MONTHS_EN[month - 1]} {year}" if lang == "en" else f"{year}年{month}月"
