"""The language and script of a document: Chinese (simplified or traditional) or another language in Latin script."""

from __future__ import annotations

import re

import opencc

_HAN = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_T2S = opencc.OpenCC("t2s")
TRADITIONAL_SHARE = 0.05
"""A Chinese text is traditional when converting it to simplified changes more than this share of its characters
(a simplified text has next to none that t2s changes; a traditional one has one in five or more)."""


def language_and_script(text: str) -> tuple[str, str]:
    """Return (language, script): ("zh", "simplified" | "traditional") or ("en", "latin"); ("und", "none") if neither."""
    han = _HAN.findall(text)
    latin = len(_LATIN.findall(text))
    if not han and not latin:
        return "und", "none"
    if len(han) * 2 < latin:
        return "en", "latin"
    joined = "".join(han)
    converted = _T2S.convert(joined)
    changed = sum(1 for a, b in zip(joined, converted, strict=False) if a != b)
    return "zh", "traditional" if changed > TRADITIONAL_SHARE * len(joined) else "simplified"
