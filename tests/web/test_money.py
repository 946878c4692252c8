"""Money as Chinese readers read it: every expected string below was worked out by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from chainatlas.reports.money import format_cny


@pytest.mark.parametrize(
    ("amount", "zh", "en"),
    [
        # 1,234,567.50 / 10,000 = 123.45675 → 123.46 万; / 1,000,000 = 1.2345675 → 1.23 million
        ("1234567.50", "123.46 万元", "CNY 1.23 million"),
        # 2.3e10 / 1e8 = 230 亿; / 1e9 = 23 billion
        ("23000000000", "230.00 亿元", "CNY 23.00 billion"),
        # below 1万 stays in 元, with a thousands separator
        ("9999", "9,999.00 元", "CNY 9,999.00"),
        ("0", "0.00 元", "CNY 0.00"),
        ("0.005", "0.01 元", "CNY 0.01"),  # half up, not half even
        # exactly 1万 and 1亿 move up a unit
        ("10000", "1.00 万元", "CNY 10,000.00"),
        ("100000000", "1.00 亿元", "CNY 100.00 million"),
        # 99,999,999.99 / 10,000 = 9,999.999999 → would print 10,000.00 万; it reads 1.00 亿 instead
        ("99999999.99", "1.00 亿元", "CNY 100.00 million"),
        # the largest supply link of the demo: 1,160,474,269.93 / 1e8 = 11.6047… → 11.60 亿
        ("1160474269.93", "11.60 亿元", "CNY 1.16 billion"),
        # 12,345,678,901,234.56 / 1e8 = 123,456.789… → 123,456.79 亿
        ("12345678901234.56", "123,456.79 亿元", "CNY 12,345.68 billion"),
        ("-15000", "-1.50 万元", "-CNY 15,000.00"),
    ],
)
def test_format_cny(amount: str, zh: str, en: str) -> None:
    assert format_cny(Decimal(amount)) == zh
    assert format_cny(Decimal(amount), "en") == en


def test_an_amount_given_in_scientific_notation_reads_the_same() -> None:
    assert format_cny(Decimal("2.3E+10")) == "230.00 亿元"
