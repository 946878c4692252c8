"""Unified social credit code (统一社会信用代码) per GB 32100-2015."""

from __future__ import annotations

from chainatlas.domain.messages import message_text

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
LENGTH = 18


def expected_check_character(first17: str) -> str:
    """Return the check character for the first 17 characters of a code."""
    total = sum(ALPHABET.index(ch) * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def credit_code_issues(code: str) -> list[tuple[str, dict[str, str | int | float | None]]]:
    """Return every reason a unified social credit code is invalid, as message codes with their parameters."""
    if len(code) != LENGTH:
        return [("credit_code.length", {"length": LENGTH, "got": len(code)})]
    bad = sorted({ch for ch in code if ch not in ALPHABET})
    if bad:
        return [("credit_code.characters", {"bad": "".join(bad)})]
    if not code[2:8].isdigit():
        return [("credit_code.division", {})]
    expected = expected_check_character(code[:17])
    if code[17] != expected:
        return [("credit_code.check", {"got": code[17], "expected": expected})]
    return []


def credit_code_problems(code: str) -> list[str]:
    """Return every reason a unified social credit code is invalid (empty when valid), in English."""
    return [message_text(name, params, "en") for name, params in credit_code_issues(code)]
