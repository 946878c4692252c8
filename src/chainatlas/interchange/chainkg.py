"""Read and clean a ChainKnowledgeGraph (产业链知识图谱) JSON Lines slice: companies, products, upstream edges.
Matching against the registry happens in `services.chainkg`. May import `domain` and the standard library only.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

COMPANIES, INDUSTRY = "companies.jsonl", "company_industry.jsonl"
PRODUCTS, UPSTREAM = "company_product.jsonl", "product_upstream.jsonl"
EXPECTED_FILES = (INDUSTRY, COMPANIES, PRODUCTS, UPSTREAM)
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
LEGAL_FORMS = ("股份有限公司", "有限责任公司", "有限公司", "股份公司", "公司")
ACCOUNTING_ITEMS = frozenset({"分部间抵销", "分部间抵消", "内部抵销", "平衡项目", "调整项目", "资金占用"})
NON_PRODUCTS = frozenset({"以自有资金", "含光伏", "新品", "总包", "节能", "劳务"})
TYPOS = {"多功能店里抢修平台": "多功能电力抢修平台"}
MAX_NAME = 200


@dataclass(frozen=True)
class Dropped:
    """A row left out, and why."""

    file: str
    row: int
    reason: str


@dataclass(frozen=True)
class Repair:
    """A defect fixed in a row that was kept."""

    file: str
    row: int
    note: str


@dataclass
class Ledger:
    """What happened to every row read: counts per file, drops and repairs."""

    read: dict[str, int] = field(default_factory=dict)
    dropped: list[Dropped] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)

    def drop(self, file: str, row: int, reason: str) -> None:
        """Leave a row out, with the reason."""
        self.dropped.append(Dropped(file, row, reason))

    def repair(self, file: str, row: int, note: str) -> None:
        """Note a defect fixed in a row."""
        self.repairs.append(Repair(file, row, note))

    def repaired_rows(self) -> set[tuple[str, int]]:
        """Return the (file, row) of every kept row that needed a repair."""
        gone = {(d.file, d.row) for d in self.dropped}
        return {(r.file, r.row) for r in self.repairs} - gone


@dataclass(frozen=True)
class SliceCompany:
    """A listed company of the slice, its code and names reconciled across files."""

    code: str
    name: str
    aliases: tuple[str, ...]
    source: str
    file: str
    row: int


@dataclass(frozen=True)
class ProductRow:
    """A cleaned 主营产品 (main product) row of a slice company."""

    row: int
    code: str
    name: str
    weight: float | None
    source: str


@dataclass(frozen=True)
class UpstreamEdge:
    """A cleaned 上游材料 row: `material` is an upstream material or part of `product`."""

    row: int
    product: str
    material: str
    source: str


@dataclass
class ChainKgSlice:
    """Everything read from a slice folder."""

    found: tuple[str, ...]
    companies: dict[str, SliceCompany]
    products: list[ProductRow]
    edges: list[UpstreamEdge]
    ledger: Ledger


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


def read_jsonl(path: Path, ledger: Ledger, on_row: Callable[[], None]) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (1-based line number, object) of each JSON object line; drop every other non-blank line."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            ledger.read[path.name] = ledger.read.get(path.name, 0) + 1
            on_row()
            try:
                value = json.loads(raw.decode("utf-8-sig"))
            except (UnicodeDecodeError, json.JSONDecodeError) as error:
                ledger.drop(path.name, number, f"malformed JSON: {error}")
                continue
            if not isinstance(value, dict):
                ledger.drop(path.name, number, "malformed JSON: not an object")
                continue
            yield number, value


def text_field(row: dict[str, Any], key: str) -> str | None:
    """Return a non-empty string field, or None."""
    value = row.get(key)
    return value if isinstance(value, str) and value.strip() else None


def _code_of(row: dict[str, Any], key: str, file: str, number: int, ledger: Ledger) -> str | None:
    raw = text_field(row, key)
    if raw is None:
        ledger.drop(file, number, f"missing field: {key}")
        return None
    try:
        code, note = normalise_listed_code(raw)
    except ValueError as error:
        ledger.drop(file, number, f"bad code: {error}")
        return None
    if note:
        ledger.repair(file, number, note)
    return code


def read_slice(folder: Path, on_rows: Callable[[str, int], None] | None = None) -> ChainKgSlice:
    """Read and clean the expected files of a slice folder; `found` is empty when it holds none of them."""
    ledger = Ledger()
    found = tuple(name for name in EXPECTED_FILES if (folder / name).is_file())

    def rows(name: str) -> Iterator[tuple[int, dict[str, Any]]]:
        if name not in found:
            return iter(())
        return read_jsonl(folder / name, ledger, lambda: on_rows(name, 1) if on_rows else None)

    industry = _industry_names(rows(INDUSTRY), ledger)
    companies = _companies(industry, rows(COMPANIES), ledger)
    products = _products(rows(PRODUCTS), companies, ledger)
    edges = [edge for number, row in rows(UPSTREAM) if (edge := _edge(row, number, ledger)) is not None]
    return ChainKgSlice(found, companies, products, edges, ledger)


def _industry_names(rows: Iterator[tuple[int, dict[str, Any]]], ledger: Ledger) -> dict[str, SliceCompany]:
    """Return the companies of company_industry (authoritative for which name goes with which code)."""
    found: dict[str, SliceCompany] = {}
    for number, row in rows:
        code = _code_of(row, "company_code", INDUSTRY, number, ledger)
        name = text_field(row, "company_name")
        if code is None:
            continue
        if name is None:
            ledger.drop(INDUSTRY, number, "missing field: company_name")
        elif code in found:
            ledger.drop(INDUSTRY, number, f"duplicate code: {code} (row {found[code].row} kept)")
        else:
            source = provenance(row.get("_src"), INDUSTRY, number)
            found[code] = SliceCompany(code, company_name(name), (name,), source, INDUSTRY, number)
    return found


def _companies(
    industry: dict[str, SliceCompany], rows: Iterator[tuple[int, dict[str, Any]]], ledger: Ledger
) -> dict[str, SliceCompany]:
    """Return the slice companies: company_industry's, completed and extended by companies.jsonl."""
    companies = dict(industry)
    for number, row in rows:
        code = _code_of(row, "code", COMPANIES, number, ledger)
        known = companies.get(code or "")
        if code is None:
            continue
        if known is not None and known.file == COMPANIES:
            ledger.drop(COMPANIES, number, f"duplicate code: {code} (row {known.row} kept)")
            continue
        names = _names_of(row, code, industry, number, ledger)
        if not names:
            ledger.drop(COMPANIES, number, "missing field: no name or fullname of its own")
            continue
        source = provenance(row.get("_src"), COMPANIES, number)
        if known is None:
            companies[code] = SliceCompany(code, company_name(names[0]), tuple(names), source, COMPANIES, number)
        else:
            aliases = known.aliases + tuple(name for name in names if name not in known.aliases)
            companies[code] = SliceCompany(code, known.name, aliases, source, COMPANIES, number)
    return companies


def _names_of(
    row: dict[str, Any], code: str, industry: dict[str, SliceCompany], number: int, ledger: Ledger
) -> list[str]:
    """Return the row's names that do not belong to another code (a misaligned row is resolved by its code)."""
    names: list[str] = []
    for key in ("name", "fullname"):
        name = text_field(row, key)
        if name is None:
            continue
        owners = [c for c in industry.values() if name_keys(name) & name_keys(c.name)]
        if owners and all(owner.code != code for owner in owners):
            owner = owners[0]
            ledger.repair(
                COMPANIES,
                number,
                f"{key} {name} is {owner.name} ({owner.code}) in {INDUSTRY}, "
                f"not {code}: kept the code, ignored the {key}",
            )
            continue
        names.append(name)
    return names


def _products(
    rows: Iterator[tuple[int, dict[str, Any]]], companies: dict[str, SliceCompany], ledger: Ledger
) -> list[ProductRow]:
    """Return the cleaned 主营产品 rows; drop exact duplicates, line items, fragments, unknown companies."""
    kept: list[ProductRow] = []
    first: dict[str, int] = {}
    for number, row in rows:
        signature = json.dumps({k: v for k, v in row.items() if k != "_src"}, sort_keys=True, ensure_ascii=False)
        if signature in first:
            ledger.drop(PRODUCTS, number, f"duplicate row: same as row {first[signature]}")
            continue
        first[signature] = number
        product = _product(row, number, companies, ledger)
        if product is not None:
            kept.append(product)
    return kept


def _product(row: dict[str, Any], number: int, companies: dict[str, SliceCompany], ledger: Ledger) -> ProductRow | None:
    code = _code_of(row, "company_code", PRODUCTS, number, ledger)
    raw = text_field(row, "product_name")
    if code is None:
        return None
    name, notes = clean_product_name(raw or "")
    if code not in companies:
        reason: str | None = f"unknown company: {code} is in neither {COMPANIES} nor {INDUSTRY}"
    else:
        reason = "missing field: product_name" if raw is None else not_a_product(name)
    if reason is not None:
        ledger.drop(PRODUCTS, number, reason)
        return None
    weight, note = clean_weight(row.get("rel_weight"))
    for text in [*notes, note] if note else notes:
        ledger.repair(PRODUCTS, number, text)
    return ProductRow(number, code, name, weight, provenance(row.get("_src"), PRODUCTS, number))


def _edge(row: dict[str, Any], number: int, ledger: Ledger) -> UpstreamEdge | None:
    product, material, relation = text_field(row, "from_entity"), text_field(row, "to_entity"), row.get("rel")
    if product is None or material is None:
        ledger.drop(UPSTREAM, number, "missing field: from_entity or to_entity")
        return None
    if relation not in (None, "上游材料"):
        ledger.drop(UPSTREAM, number, f"not an upstream edge: rel {relation!r} is not 上游材料")
        return None
    (product, product_notes), (material, material_notes) = clean_product_name(product), clean_product_name(material)
    if product_key(product) == product_key(material):
        ledger.drop(UPSTREAM, number, f"self-loop: {product} → {material}")
        return None
    for text in product_notes + material_notes:
        ledger.repair(UPSTREAM, number, text)
    return UpstreamEdge(number, product, material, provenance(row.get("_src"), UPSTREAM, number))
