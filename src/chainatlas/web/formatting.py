"""How values read on a page: indicator values with units, shares, counts."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Protocol
from zoneinfo import ZoneInfo

from jinja2 import pass_context
from jinja2.runtime import Context

from chainatlas.domain.common import SYNTHETIC
from chainatlas.domain.messages import Lang
from chainatlas.reports.money import YUAN_PER_UNIT, format_cny
from chainatlas.reports.numbers import share
from chainatlas.web.i18n import SERVICE_MESSAGES, UNITS, Translator

URL = re.compile(r"https?://[^\s<>\"'，。；、）]+")
TRAILING = ".,;:)"
__all__ = [
    "is_synthetic",
    "measure",
    "money",
    "plain_number",
    "said",
    "say",
    "share",
    "when",
    "when_text",
]


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


MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_text(value: dt.date, lang: str) -> str:
    """Return a date as a reader writes it: 2025年12月31日 in Chinese, 31 Dec 2025 in English."""
    if lang == "en":
        return f"{value.day} {MONTHS_EN[value.month - 1]} {value.year}"
    return f"{value.year}年{value.month}月{value.day}日"


def _offset(value: dt.datetime) -> str:
    """Return the UTC offset of an aware time as UTC+8, UTC−3:30 or UTC."""
    offset = value.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    if minutes == 0:
        return "UTC"
    sign, minutes = ("+" if minutes > 0 else "−"), abs(minutes)
    return f"UTC{sign}{minutes // 60}" + (f":{minutes % 60:02d}" if minutes % 60 else "")


def when_text(value: dt.date | dt.datetime | None, lang: str, zone: dt.tzinfo | str | None = None) -> str:
    """Return a date, or a time with its zone, for a page: an aware time is shown in `zone` (the cluster's, or
    a fair's) with its UTC offset (2025年12月31日 14:05 UTC+8); a naive time is already local and shown as it is;
    nothing is a dash."""
    if value is None:
        return "—"
    if not isinstance(value, dt.datetime):
        return day_text(value, lang)
    if value.tzinfo is None:
        return f"{day_text(value.date(), lang)} {value:%H:%M}"
    local = value.astimezone(ZoneInfo(zone) if isinstance(zone, str) else zone or dt.UTC)
    return f"{day_text(local.date(), lang)} {local:%H:%M} {_offset(local)}"


@pass_context
def when(context: Context, value: dt.date | dt.datetime | None, zone: dt.tzinfo | str | None = None) -> str:
    """Return a date or a time in the page's language, a time in the cluster's time zone unless another zone is
    given (a Jinja filter: `{{ record.at|when }}`, `{{ item.start|when(fair.timezone) }}`)."""
    return when_text(value, str(context.get("lang", "zh")), zone or context.get("clock_zone"))


class Said(Protocol):
    """Anything that says a message in a language: a problem, a row problem, a service error."""

    def text(self, lang: Lang) -> str:
        """Return the message in `lang`."""
        ...


def said(item: Said | str, lang: str) -> str:
    """Return a service's message in the page language (a message without a code, in the one text it has,
    translated when the page catalogue knows it)."""
    chosen: Lang = "en" if lang == "en" else "zh"
    if isinstance(item, str):
        pair = SERVICE_MESSAGES.get(item)
        return item if pair is None else pair[0 if chosen == "zh" else 1]
    code = getattr(item, "code", "")
    return item.text(chosen) if code else said(item.text(chosen), lang)


@pass_context
def say(context: Context, item: Said | str) -> str:
    """Return a service's message in the language of the page being rendered (a Jinja filter)."""
    return said(item, str(context.get("lang", "zh")))


def money(value: Decimal | float | None, t: Translator) -> str:
    """Return yuan in the page language, or a dash when unknown (a float is taken to the cent)."""
    if value is None:
        return "—"
    return format_cny(value if isinstance(value, Decimal) else Decimal(str(round(value, 2))), t.lang)
