"""The language of an API answer: Chinese (zh-CN) unless `Accept-Language` prefers English."""

from __future__ import annotations

from fastapi import Request

from chainatlas.domain.messages import Lang

DEFAULT: Lang = "zh"


def accepted_lang(header: str | None) -> Lang:
    """Return the language an `Accept-Language` header prefers among Chinese and English (Chinese when it
    names neither, or is absent); a tie goes to the one listed first."""
    best: tuple[float, Lang] | None = None
    for part in (header or "").split(","):
        tag, _, rest = part.strip().partition(";")
        lang = _lang_of(tag.strip().lower())
        quality = _quality(rest)
        if lang is not None and quality > 0 and (best is None or quality > best[0]):
            best = (quality, lang)
    return DEFAULT if best is None else best[1]


def _lang_of(tag: str) -> Lang | None:
    if tag == "zh" or tag.startswith("zh-"):
        return "zh"
    if tag == "en" or tag.startswith("en-"):
        return "en"
    return None


def _quality(params: str) -> float:
    for param in params.split(";"):
        name, _, value = param.strip().partition("=")
        if name.strip() == "q":
            try:
                return float(value)
            except ValueError:
                return 0.0
    return 1.0


def request_lang(request: Request) -> Lang:
    """Return the language of the answer to an API request."""
    return accepted_lang(request.headers.get("accept-language"))
