"""Dates in Chinese news text (日期) with `iso` only as precise as the text makes certain.

`2020年12月31日` → 2020-12-31; `2018年4月` → 2018-04; `2025年第一季度`, `2021年底`, `2020年度` → the year;
`2019年8月底`, `11月中旬` → the month; `1~5月` → the year. A date without a year gets one only when the text fixes it:
今年/去年/明年 counted from the page's dateline; 同年/当年/次年 from the last year named; a month-day on or
before the dateline's takes the dateline's year; with no dateline, the year of a date named on the same or the
previous line. Otherwise `iso` is None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_Y = r"(?P<y>(?:19|20)\d{2})"
_PART_OF_YEAR = r"(?P<py>度|底|初|末|上半年|下半年|前三季度|第[一二三四]季度|[一二三四]季度)"
_PART_OF_MONTH = r"(?P<pm>上旬|中旬|下旬|底|初|末|份)"
DATE_SOURCE = "|".join(
    [
        rf"(?<!\d){_Y}年(?P<m>\d{{1,2}})月(?P<d>\d{{1,2}})[日号]",
        rf"(?<![\d.-]){_Y}-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}})(?![\d-])",
        rf"(?<![\d.]){_Y}/(?P<m>\d{{1,2}})/(?P<d>\d{{1,2}})(?![\d/])",
        rf"(?<!\d){_Y}年(?P<m>\d{{1,2}})月{_PART_OF_MONTH}?",
        rf"(?<!\d){_Y}年{_PART_OF_YEAR}?",
        r"(?<![\d.])(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号]",
        r"(?<![\d.])(?P<mfrom>\d{1,2})[~～至到-](?P<m>\d{1,2})月(?!\d)",
        rf"(?<![\d.~～至到-])(?P<m>\d{{1,2}})月(?![\d日]){_PART_OF_MONTH}?",
        r"(?<![\d.月~～至到-])(?P<d>\d{1,2})日(?!\d)",
    ]
)
"""The date patterns, longest first (group names repeat; `_compiled` numbers them)."""
RELATIVE = {"今年": 0, "去年": -1, "前年": -2, "明年": 1}
CHAINED = {"同年": 0, "当年": 0, "次年": 1}
DATELINE_LINES = 5
DATELINE_LINE_LENGTH = 60


@dataclass(frozen=True)
class FoundDate:
    """A date in a normalised text: [start, end) and its `iso` (None when the year is not certain)."""

    start: int
    end: int
    iso: str | None


@dataclass
class _Parts:
    year: int | None
    month: int | None
    day: int | None
    month_range: bool = False
    """A range of months (`1~5月`): iso gives the year."""
    part_of_month: bool = False
    """Part of a month (`中旬`, `底`): iso gives the month."""


def _compiled() -> re.Pattern[str]:
    """Return DATE with its repeated group names made unique (`y1`, `y2`, …)."""
    source = DATE_SOURCE
    for name in ("y", "m", "d", "py", "pm", "mfrom"):
        parts = source.split(f"(?P<{name}>")
        source = parts[0] + "".join(f"(?P<{name}{i}>{part}" for i, part in enumerate(parts[1:], start=1))
    return re.compile(source)


_DATE = _compiled()


def _group(match: re.Match[str], name: str) -> str | None:
    """Return the first group of a base name (`y`, `m`, …) that took part in the match."""
    for key, value in match.groupdict().items():
        if value is not None and key.rstrip("0123456789") == name:
            return value
    return None


def _parts(match: re.Match[str]) -> _Parts | None:
    year, month, day = (_group(match, n) for n in ("y", "m", "d"))
    part = _group(match, "pm")
    parts = _Parts(
        int(year) if year else None,
        int(month) if month else None,
        int(day) if day else None,
        month_range=_group(match, "mfrom") is not None,
        part_of_month=part is not None and part != "份",
    )
    if (parts.month is not None and not 1 <= parts.month <= 12) or (parts.day is not None and not 1 <= parts.day <= 31):
        return None
    return parts


def _iso(year: int, parts: _Parts) -> str:
    """Return the iso date at the precision the parts give."""
    if parts.month is None or parts.month_range:
        return f"{year:04d}"
    if parts.day is None or parts.part_of_month:
        return f"{year:04d}-{parts.month:02d}"
    return f"{year:04d}-{parts.month:02d}-{parts.day:02d}"


@dataclass
class _Context:
    """What fixes the year of a date without one: the page's dateline and the dates named so far."""

    dateline: tuple[int, int, int] | None
    last_year: int | None = None
    last_line: int = -10


def dateline(text: str) -> tuple[int, int, int] | None:
    """Return the page's own date: a full date on a short line among the first non-empty lines, or None."""
    lines = [line.strip() for line in text.split("\n") if line.strip()][:DATELINE_LINES]
    for line in lines:
        if len(line) > DATELINE_LINE_LENGTH:
            continue
        for match in _DATE.finditer(line):
            parts = _parts(match)
            if parts and parts.year and parts.month and parts.day:
                return parts.year, parts.month, parts.day
    return None


def _year_for(parts: _Parts, text: str, start: int, line: int, context: _Context) -> int | None:
    """Return the year a date without one refers to, when the text fixes it."""
    before = text[max(0, start - 2) : start]
    if before in RELATIVE:
        return context.dateline[0] + RELATIVE[before] if context.dateline else None
    if before in CHAINED:
        return context.last_year + CHAINED[before] if context.last_year else None
    if context.dateline:
        year, month, day = context.dateline
        month_of = parts.month or month
        if (month_of, parts.day or 0) <= (month, day if parts.month else 31):
            return year
        return None
    if context.last_year is not None and line - context.last_line <= 1:
        return context.last_year
    return None


def _bare_day(parts: _Parts, context: _Context) -> _Parts:
    """Return a bare day (`16日`) placed in the dateline's month, or as it was."""
    if parts.month is None and parts.day is not None and context.dateline:
        return _Parts(None, context.dateline[1], parts.day)
    return parts


def find_dates(text: str) -> list[FoundDate]:
    """Return every date in a normalised text, in order, each with the `iso` the text makes certain."""
    context = _Context(dateline(text))
    found: list[FoundDate] = []
    for match in _DATE.finditer(text):
        parts = _parts(match)
        if parts is None:
            continue
        line = text.count("\n", 0, match.start())
        if parts.month is None and parts.year is None:
            parts = _bare_day(parts, context)
        year = parts.year if parts.year is not None else _year_for(parts, text, match.start(), line, context)
        if parts.month is None and parts.year is None:
            found.append(FoundDate(match.start(), match.end(), None))
            continue
        if year is not None:
            context.last_year, context.last_line = year, line
        found.append(FoundDate(match.start(), match.end(), None if year is None else _iso(year, parts)))
    return found
