"""Amounts of money in Chinese news text (金额): `99.93亿元`, `3000亿` (yuan), `230多亿元`, `一千亿元`, `9.79港元`.

An amount is a number with a currency (元, 美元, 港元 …) or with 亿 and no counter after it (`3000亿`, `超百亿` are
yuan; `1.5亿人` is a count, `千亿级` and `千亿项目` are descriptions, `数百亿` is vague). `value_yuan` is set for yuan only; other currencies keep their
ISO 4217 code and no yuan value (no exchange rate is assumed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

CURRENCIES = {
    "元": "CNY",
    "人民币": "CNY",
    "元人民币": "CNY",
    "美元": "USD",
    "港元": "HKD",
    "港币": "HKD",
    "欧元": "EUR",
    "日元": "JPY",
    "英镑": "GBP",
}
UNITS = {
    "万亿": Decimal(10) ** 12,
    "千亿": Decimal(10) ** 11,
    "百亿": Decimal(10) ** 10,
    "亿": Decimal(10) ** 8,
    "千万": Decimal(10) ** 7,
    "百万": Decimal(10) ** 6,
    "万": Decimal(10) ** 4,
}
COUNTERS = "人台吨件辆套个次户家只头条部份张颗片株千瓦度级倍平立公米亩名项座所批园产工企集城"
"""Characters after `N亿` (without 元) that make it a count or a description (`千亿级`, `千亿项目`, `百亿产业`), not
money."""
VAGUE_BEFORE = "数几"
"""Characters before a Chinese numeral that make it vague (`数百亿`): not an amount."""
CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_TENS = {"十": 10, "百": 100, "千": 1000}

_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CURRENCY = "|".join(sorted(CURRENCIES, key=len, reverse=True))
_UNIT = "|".join(sorted(UNITS, key=len, reverse=True))
AMOUNT = re.compile(
    rf"(?<![\d.,])(?:(?P<arabic>{_ARABIC})|(?P<chinese>[零〇一二两三四五六七八九十百千]+))"
    rf"(?P<more>多|余)?(?P<unit>{_UNIT})?(?P<currency>{_CURRENCY})?"
)


@dataclass(frozen=True)
class FoundAmount:
    """An amount in a normalised text: [start, end), its yuan value (None for another currency), currency."""

    start: int
    end: int
    value_yuan: float | None
    currency: str


def chinese_number(text: str) -> Decimal | None:
    """Return the value of a Chinese numeral below ten thousand (`一千` 1000, `千` 1000, `二十五` 25), or None."""
    total, digit = 0, None
    for char in text:
        if char in CN_DIGITS:
            if digit is not None:
                return None
            digit = CN_DIGITS[char]
        else:
            total += (1 if digit is None else digit) * CN_TENS[char]
            digit = None
    return Decimal(total + (digit or 0)) if total or digit else None


def _value(match: re.Match[str]) -> Decimal | None:
    if match["arabic"]:
        return Decimal(match["arabic"].replace(",", ""))
    return chinese_number(match["chinese"])


NOT_YUAN_AFTER = "件素器年旦宵首老"
"""Characters after 元 that make a word (元件, 元素, 元年), not the currency."""


def _is_money(match: re.Match[str], text: str) -> bool:
    """Return whether a numeric match is money: a currency, or (Arabic digits only) 亿 not followed by a counter."""
    after = text[match.end() : match.end() + 1]
    if match["chinese"] and not match["unit"] and len(match["chinese"]) < 2:
        return False
    if match["chinese"] and match.start() > 0 and text[match.start() - 1] in VAGUE_BEFORE:
        return False
    if match["currency"]:
        return not (match["currency"] == "元" and after and after in NOT_YUAN_AFTER)
    if not (match["unit"] and "亿" in match["unit"]):
        return False
    return not after or after not in COUNTERS


def find_amounts(text: str) -> list[FoundAmount]:
    """Return every amount of money in a normalised text, in order."""
    found: list[FoundAmount] = []
    for match in AMOUNT.finditer(text):
        value = _value(match)
        if value is None or not _is_money(match, text):
            continue
        currency = CURRENCIES.get(match["currency"] or "元", "CNY")
        yuan = value * UNITS.get(match["unit"] or "", Decimal(1))
        found.append(FoundAmount(match.start(), match.end(), float(yuan) if currency == "CNY" else None, currency))
    return found
