"""An alert's amounts in each language: Chinese units on Chinese pages, the English way on English ones."""

from __future__ import annotations

import pytest

from chainatlas.domain.alert import amount_text


@pytest.mark.parametrize(
    ("value", "unit", "zh", "en"),
    [
        (99.05, "亿元", "99.05 亿元", "CNY 9.91 billion"),  # 99.05 × 0.1 = 9.905, to two decimals
        (1200.0, "万元", "1,200 万元", "CNY 12 million"),
        (115, "家", "115 家", "115 firms"),
        (6, "个", "6 个", "6"),
        (41.5, "%", "41.5 %", "41.5 %"),
        (3, "台/年", "3 台/年", "3 台/年"),  # an unknown unit is data, shown as written
    ],
)
def test_amounts_read_in_the_reader_s_language(value: float, unit: str, zh: str, en: str) -> None:
    assert amount_text(value, unit, "zh") == zh
    assert amount_text(value, unit, "en") == en
