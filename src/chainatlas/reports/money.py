"""Money as Chinese readers read it: 元, 万元 (10⁴ yuan) and 亿元 (10⁸ yuan); English gets million and billion."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
YUAN_PER_UNIT = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}
"""Yuan in one of the money units indicators and targets are recorded in."""
SCALES: dict[str, tuple[tuple[Decimal, str], ...]] = {
    "zh": ((Decimal(100_000_000), "{} 亿元"), (Decimal(10_000), "{} 万元"), (Decimal(1), "{} 元")),
    "en": ((Decimal(1_000_000_000), "CNY {} billion"), (Decimal(1_000_000), "CNY {} million"), (Decimal(1), "CNY {}")),
}
"""Per language, the units from largest to smallest (the last is one yuan): (yuan per unit, how it is written)."""


def _rounded(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def format_cny(amount: Decimal, lang: str = "zh") -> str:
    """Return yuan as text: 1234567.50 → "123.46 万元", 2.3e10 → "230.00 亿元", 9999 → "9,999.00 元".

    Two decimals, rounded half up, in the largest unit not above the amount; when rounding reaches
    the next unit up, that unit is used (99,999,999.99 yuan reads "1.00 亿元", not "10,000.00 万元").
    """
    sign, size = ("-" if amount < 0 else ""), abs(amount)
    scales = SCALES.get(lang, SCALES["zh"])
    index = next(i for i, (per_unit, _) in enumerate(scales) if size >= per_unit or i == len(scales) - 1)
    count = _rounded(size / scales[index][0])
    if index > 0 and count * scales[index][0] >= scales[index - 1][0]:
        index -= 1
        count = _rounded(size / scales[index][0])
    return sign + scales[index][1].format(f"{count:,}")
