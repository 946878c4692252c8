"""Clean the values of a ChainKnowledgeGraph (产业链知识图谱) slice: listed codes, company and product names,
revenue weights, citations; and the shipped product → chain-node synonyms. Reading the files is `chainkg`.
"""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
from importlib.resources import files
from typing import Any

from chainatlas.domain.names import LEGAL_FORMS

REPOSITORIES = {"data.sql": "SOVLOOKUP/ChainKnowledgeGraph-sql@9587d88"}
DEFAULT_REPOSITORY = "liuhuanyong/ChainKnowledgeGraph@4ea9154"
PLACEHOLDER_WEIGHT = 0.001  # the dump's weight for products from the business-scope text: not a revenue share
EXCHANGE_BY_PREFIX = (
    ("60", "SH"),
    ("68", "SH"),
    ("90", "SH"),
    ("00", "SZ"),
    ("30", "SZ"),
    ("20", "SZ"),
    ("92", "BJ"),
    ("8", "BJ"),
    ("4", "BJ"),
)
_CODE = re.compile(r"^(\d{6})(?:\.?(SH|SZ|BJ))?$", re.IGNORECASE)
_ST_PREFIX = re.compile(r"^(?:[*＊]?S?[*＊]?ST)(?![A-Za-z])")
ACCOUNTING_ITEMS = frozenset({"分部间抵销", "分部间抵消", "内部抵销", "平衡项目", "调整项目", "资金占用"})
NON_PRODUCTS = frozenset({"以自有资金", "含光伏", "新品", "总包", "节能", "劳务"})
TYPOS = {"多功能店里抢修平台": "多功能电力抢修平台"}
MAX_NAME = 200


def normalise_listed_code(raw: str) -> tuple[str, str | None]:
    """Return `600031.SH` for `600031.SH`, `600031SH`, `600031.sh` or a bare `600031` (exchange from the prefix),
    with a note when the input needed more than the dump's form; raise ValueError if it is no listed code."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", raw))
    match = _CODE.match(text)
    if match is None:
        raise ValueError(f"{raw!r} is not a listed code like 600031.SH")
    digits, exchange = match.group(1), match.group(2)
    if exchange is None:
        inferred = next((ex for prefix, ex in EXCHANGE_BY_PREFIX if digits.startswith(prefix)), None)
        if inferred is None:
            raise ValueError(f"{raw!r} has no exchange and its prefix names none")
        return f"{digits}.{inferred}", f"code {raw} had no exchange; {inferred} inferred from its prefix"
    note = f"code {raw} written in lower case" if exchange != exchange.upper() else None
    return f"{digits}.{exchange.upper()}", note


def tidy_spaces(raw: str) -> str:
    """Return text with control characters and line breaks gone: one space between Latin words, none by CJK."""
    spaced = re.sub(r"[\s\x00-\x1f\x7f]+", " ", raw).strip()
    return re.sub(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])", "", spaced)


def company_name(raw: str) -> str:
    """Return a company name for display: spaces tidied, *ST/ST prefix stripped."""
    return _ST_PREFIX.sub("", tidy_spaces(raw))


def name_keys(raw: str) -> frozenset[str]:
    """Return the keys two names of one company share: NFKC, no whitespace or *ST, with and without legal form."""
    base = re.sub(r"\s+", "", company_name(unicodedata.normalize("NFKC", raw))).casefold()
    keys = {base}
    for form in LEGAL_FORMS:
        if base.endswith(form):
            keys.add(base.removesuffix(form))
            break
    return frozenset(key for key in keys if len(key) >= 2)


def _kept_at_edge(char: str, brackets: tuple[str, str]) -> bool:
    category = unicodedata.category(char)
    return not category.startswith("P") or category in brackets


def _without_edge_punctuation(text: str) -> str:
    """Return text without punctuation at its ends (an opening bracket may lead, a closing one may end)."""
    start = next((i for i, c in enumerate(text) if _kept_at_edge(c, ("Ps", "Pi"))), len(text))
    end = next((i for i in range(len(text), start, -1) if _kept_at_edge(text[i - 1], ("Pe", "Pf"))), start)
    return text[start:end]


def clean_product_name(raw: str) -> tuple[str, list[str]]:
    """Return a product name cleaned (line breaks, edge punctuation, known typos) and what was fixed."""
    notes: list[str] = []
    joined = tidy_spaces(raw)
    if joined != raw.strip():
        notes.append("line breaks or spaces inside the name removed")
    cleaned = _without_edge_punctuation(joined)
    if cleaned != joined:
        notes.append(f"punctuation stripped from {joined!r}")
    if cleaned in TYPOS:
        notes.append(f"typo {cleaned} corrected")
        cleaned = TYPOS[cleaned]
    return cleaned, notes


def product_key(name: str) -> str:
    """Return the key product and chain-node names are compared by."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name)).casefold()


def not_a_product(name: str) -> str | None:
    """Return why a cleaned name is not a product (an accounting line item or a fragment), or None."""
    if name in ACCOUNTING_ITEMS or name.endswith("分部"):
        return f"accounting line item: {name}"
    if name in NON_PRODUCTS or name.endswith(("等", "等产品")) or not 2 <= len(name) <= MAX_NAME:
        return f"fragment, not a product: {name[:MAX_NAME]!r}"
    return None


def clean_weight(raw: Any) -> tuple[float | None, str | None]:
    """Return a revenue share (or None) and a note when it was not usable as given."""
    if raw is None:
        return None, None
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
        return None, f"weight {raw!r} is not a number; set to none"
    if math.isclose(raw, PLACEHOLDER_WEIGHT, rel_tol=0, abs_tol=1e-12):
        return None, "weight 0.001 is a placeholder, not a measured share; set to none"
    if raw <= 0 or raw > 1:
        return None, f"weight {raw} is not a revenue share in (0, 1]; set to none"
    return float(raw), None


def provenance(src: Any, file: str, row: int) -> str:
    """Return the citation of a row: upstream repository, commit and line (from `_src`)."""
    if not isinstance(src, str) or not src.strip():
        return f"ChainKnowledgeGraph slice ({file}:{row})"
    repository = REPOSITORIES.get(src.split(":", 1)[0], DEFAULT_REPOSITORY)
    return f"ChainKnowledgeGraph ({repository}, {src.strip()})"


def load_synonyms() -> dict[str, str]:
    """Return the shipped product → chain-node synonym table, keyed by `product_key`."""
    text = (files("chainatlas.interchange") / "chainkg_synonyms.csv").read_text(encoding="utf-8-sig")
    return {product_key(r["product"]): r["node_code"].strip() for r in csv.DictReader(io.StringIO(text))}
