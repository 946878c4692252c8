"""Periods of indicators and targets (YYYY, YYYY-Qn, YYYY-MM) as points in time.

A sub-year value is year-to-date cumulative (1–N月累计): YYYY-06 covers January–June, YYYY-Q2 the same.
"""

from __future__ import annotations

import calendar
import datetime as dt


def period_end_month(period: str) -> int:
    """Return the month a period ends in, counted from year 0 (YYYY ends in December, YYYY-Qn in month 3n)."""
    year = int(period[:4])
    if len(period) == 4:
        return year * 12 + 12
    if period[5] == "Q":
        return year * 12 + 3 * int(period[6])
    return year * 12 + int(period[5:7])


def period_end(period: str) -> dt.date:
    """Return the last day of a period."""
    months = period_end_month(period) - 1
    year, month = divmod(months, 12)
    return dt.date(year, month + 1, calendar.monthrange(year, month + 1)[1])


def months_covered(period: str) -> int:
    """Return how many months of its year a period's year-to-date value covers (12 for a year)."""
    return period_end_month(period) - int(period[:4]) * 12


def comparable(period: str, target_period: str) -> bool:
    """Return whether an observation's period compares with a target period: same kind, same part of the year."""
    return period[4:] == target_period[4:]


def ytd_label(period: str) -> str:
    """Return how Chinese statistics name a year-to-date period: 2025年1–6月 (a year is just 2025年)."""
    months = months_covered(period)
    if months == 12 and len(period) == 4:
        return f"{period[:4]}年"
    return f"{period[:4]}年1月" if months == 1 else f"{period[:4]}年1–{months}月"


def same_period_last_year(period: str) -> str:
    """Return the period a year earlier (the base of 同比)."""
    return f"{int(period[:4]) - 1}{period[4:]}"


def years_between(start: str, end: str) -> float:
    """Return the years from the end of one period to the end of another."""
    return (period_end_month(end) - period_end_month(start)) / 12
