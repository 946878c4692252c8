"""Enterprise names as people type them (企业名称检索): a full legal name, a short name or part of either."""

from __future__ import annotations

import re
import unicodedata

LEGAL_FORMS = ("股份有限公司", "有限责任公司", "有限公司", "股份公司", "公司")
"""Chinese legal forms, longest first: 三一重工股份有限公司 is the registered name of 三一重工."""
LEGAL_FORMS_EN = re.compile(
    r"[\s,.]*\b(?:co\.?,?\s*ltd\.?|company\s+limited|limited|ltd\.?|inc\.?|incorporated|corp\.?|corporation"
    r"|llc|gmbh|s\.?a\.?|ag|plc)\s*$",
    re.IGNORECASE,
)


def search_text(typed: str) -> str:
    """Return what to look for in names: NFKC (full-width letters as ASCII), trimmed, Latin in lower case."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", typed)).strip().lower()


def name_core(typed: str) -> str:
    """Return a typed name without its legal form (三一重工股份有限公司 → 三一重工, Sany Co., Ltd. → sany).

    A name that is nothing but a legal form stays as typed, so "有限公司" still finds every 有限公司.
    """
    text = search_text(typed)
    core = text
    for form in LEGAL_FORMS:
        if core.endswith(form):
            core = core.removesuffix(form)
            break
    core = LEGAL_FORMS_EN.sub("", core).strip(" ,.")
    return core or text
