"""Read and clean a ChainKnowledgeGraph (产业链知识图谱) JSON Lines slice: companies, products, upstream edges.
Cleaning the values is `chainkg_clean`; matching against the registry happens in `services.chainkg`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chainatlas.interchange.chainkg_clean import (
    clean_product_name,
    clean_weight,
    company_name,
    name_keys,
    normalise_listed_code,
    not_a_product,
    product_key,
    provenance,
)

COMPANIES, INDUSTRY = "companies.jsonl", "company_industry.jsonl"
PRODUCTS, UPSTREAM = "company_product.jsonl", "product_upstream.jsonl"
EXPECTED_FILES = (INDUSTRY, COMPANIES, PRODUCTS, UPSTREAM)


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
