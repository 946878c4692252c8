"""Import a ChainKnowledgeGraph slice (产业链知识图谱): merge its companies into the registry, map their
products to chain nodes (企业环节) or keep them as free text, and add upstream relations between nodes.

Companies are matched by listed code, then by name, and never duplicated: a match only gets its empty
fields filled. Unmatched companies become enterprises outside the cluster with ids `KG-<code>`. Every
enterprise and enterprise-node write goes through `records` (validated, in the change history).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from chainatlas.domain.chain_node import ChainNode
from chainatlas.domain.enterprise import Enterprise
from chainatlas.domain.kinds import KIND_BY_NAME
from chainatlas.interchange.chainkg import EXPECTED_FILES as EXPECTED_FILES  # the CLI names the files it looks for
from chainatlas.interchange.chainkg import (
    PRODUCTS,
    UPSTREAM,
    ChainKgSlice,
    Ledger,
    ProductRow,
    SliceCompany,
    UpstreamEdge,
    read_slice,
)
from chainatlas.interchange.chainkg_clean import load_synonyms, name_keys, normalise_listed_code, product_key
from chainatlas.services.audit import extra_entries
from chainatlas.services.context import WriteContext
from chainatlas.services.errors import Conflict, InvalidInput
from chainatlas.services.records import create_record, update_record
from chainatlas.store.chain import ChainExtrasRepository
from chainatlas.store.history import HistoryRepository
from chainatlas.store.registry import RegistryRepository

RELATION_KIND = "upstream"
IGNORED_FILES = {  # files of a slice this import does not use, and why
    "industries.jsonl": "SW industry names; the registry keeps its own chain taxonomy",
    "industry_industry.jsonl": "SW industry hierarchy, not chain nodes",
    "industry_up.jsonl": "a co-occurrence count, not a supply chain",
    "products.jsonl": "product names only; products come from company_product.jsonl",
    "product_subclass.jsonl": "产品小类 is string containment, not a taxonomy",
    "product_downstream.jsonl": "下游产品 edges are not used",
}
LISTED_TAG = "上市"
Progress = Callable[[str, int], None]
COMPANY_COUNTS = ("matched", "filled", "created")
PRODUCT_COUNTS = ("mapped", "enterprise_nodes_added", "as_text", "text_added", "dropped")
RELATION_COUNTS = ("edges_kept", "added")


def _counts(counter: Counter[str], names: tuple[str, ...]) -> dict[str, int]:
    return {name: counter[name] for name in names}


@dataclass
class ChainKgReport:
    """What an import of a slice did (or, in a dry run, would do)."""

    dry_run: bool
    found: tuple[str, ...]
    ledger: Ledger
    ignored: dict[str, str] = field(default_factory=dict)
    companies: Counter[str] = field(default_factory=Counter)
    enterprise_ids: dict[str, str] = field(default_factory=dict)
    products: Counter[str] = field(default_factory=Counter)
    relations: Counter[str] = field(default_factory=Counter)

    @property
    def read(self) -> int:
        """Return how many rows were read from the expected files."""
        return sum(self.ledger.read.values())

    @property
    def kept(self) -> int:
        """Return how many rows were used (whether or not the registry already had what they say)."""
        return self.read - len(self.ledger.dropped)

    def per_file(self) -> dict[str, dict[str, int]]:
        """Return read, kept, repaired and dropped rows per expected file found."""
        repaired = Counter(file for file, _row in self.ledger.repaired_rows())
        dropped = Counter(d.file for d in self.ledger.dropped)
        return {
            name: {
                "read": (n := self.ledger.read.get(name, 0)),
                "kept": n - dropped[name],
                "repaired": repaired[name],
                "dropped": dropped[name],
            }
            for name in self.found
        }

    def as_dict(self) -> dict[str, Any]:
        """Return the report as JSON-ready data."""
        return {
            "read": self.read,
            "kept": self.kept,
            "repaired": len(self.ledger.repaired_rows()),
            "dropped": [{"file": d.file, "row": d.row, "reason": d.reason} for d in self.ledger.dropped],
            "dry_run": self.dry_run,
            "files": self.per_file(),
            "ignored_files": self.ignored,
            "repairs": [{"file": r.file, "row": r.row, "note": r.note} for r in self.ledger.repairs],
            "companies": {**_counts(self.companies, COMPANY_COUNTS), "ids": self.enterprise_ids},
            "products": _counts(self.products, PRODUCT_COUNTS),
            "relations": _counts(self.relations, RELATION_COUNTS),
        }


@dataclass
class Known:
    """What the registry already holds that an import checks against."""

    by_code: dict[str, Enterprise]
    by_name: dict[str, list[Enterprise]]
    by_id: dict[str, Enterprise]
    nodes: dict[str, str]
    """product_key(name_zh) or synonym → chain-node code"""
    makes: set[tuple[str, str]]
    products: set[tuple[str, str]]
    relations: set[tuple[str, str, str]]

    def node_of(self, name: str) -> str | None:
        """Return the chain node a product name maps to, or None."""
        return self.nodes.get(product_key(name))


def run_chainkg_import(
    session: Session, folder: Path, ctx: WriteContext, *, dry_run: bool = False, on_rows: Progress | None = None
) -> ChainKgReport:
    """Read, clean and import a slice folder in the caller's transaction; the caller commits."""
    data = read_slice(folder, on_rows)
    report = ChainKgReport(dry_run=dry_run, found=data.found, ledger=data.ledger)
    report.ignored = {name: why for name, why in IGNORED_FILES.items() if (folder / name).is_file()}
    if not data.found:
        return report
    known = load_known(session)
    writer = Writer(session, ctx, dry_run)
    ids = place_companies(writer, data, known, report)
    place_products(writer, data, ids, known, report)
    place_relations(writer, data.edges, known, report)
    return report


def load_known(session: Session) -> Known:
    """Return the enterprises (by listed code, name key and id), chain nodes and existing links."""
    enterprises = [
        e for e in RegistryRepository(session, KIND_BY_NAME["enterprises"]).all() if isinstance(e, Enterprise)
    ]
    by_code: dict[str, Enterprise] = {}
    by_name: dict[str, list[Enterprise]] = {}
    for enterprise in enterprises:
        if enterprise.listed_code:
            by_code.setdefault(_code_or_none(enterprise.listed_code) or enterprise.listed_code, enterprise)
        for key in name_keys(enterprise.name_zh):
            by_name.setdefault(key, []).append(enterprise)
    extras = ChainExtrasRepository(session)
    makes = {(str(k[0]), str(k[1])) for k in RegistryRepository(session, KIND_BY_NAME["enterprise_nodes"]).all_keys()}
    return Known(
        by_code,
        by_name,
        {e.id: e for e in enterprises},
        node_names(session),
        makes,
        extras.product_names(),
        extras.relations(),
    )


def node_names(session: Session) -> dict[str, str]:
    """Return product key → node code: the synonym table (for nodes that exist), then exact names over it."""
    nodes = [n for n in RegistryRepository(session, KIND_BY_NAME["chain_nodes"]).all() if isinstance(n, ChainNode)]
    codes = {node.code for node in nodes}
    mapping = {key: code for key, code in load_synonyms().items() if code in codes}
    for node in reversed(nodes):
        mapping[product_key(node.name_zh)] = node.code
    return mapping


def _code_or_none(raw: str) -> str | None:
    try:
        return normalise_listed_code(raw)[0]
    except ValueError:
        return None


@dataclass
class Writer:
    """Writes through the audited record services, or only counts in a dry run."""

    session: Session
    ctx: WriteContext
    dry_run: bool

    def create(self, kind: str, data: dict[str, Any]) -> None:
        """Create a record (validated and recorded in the change history)."""
        if not self.dry_run:
            create_record(self.session, self.ctx, kind=kind, data=data)

    def fill(self, enterprise_id: str, changes: dict[str, Any]) -> None:
        """Fill empty fields of an existing enterprise (recorded in the change history)."""
        if not self.dry_run and changes:
            update_record(self.session, self.ctx, kind="enterprises", key=(enterprise_id,), changes=changes)

    def extras(self) -> ChainExtrasRepository | None:
        """Return the repository for free-text products and relations, or None in a dry run."""
        return None if self.dry_run else ChainExtrasRepository(self.session)

    def record(self, kind: str, rows: list[dict[str, Any]], key_fields: tuple[str, ...]) -> None:
        """Record added products or relations in the change history."""
        if not self.dry_run and rows:
            HistoryRepository(self.session).add_changes(extra_entries(self.ctx, kind, rows, key_fields))


def place_companies(writer: Writer, data: ChainKgSlice, known: Known, report: ChainKgReport) -> dict[str, str]:
    """Merge each slice company into its enterprise or create one; return listed code → enterprise id."""
    ids: dict[str, str] = {}
    for company in data.companies.values():
        match = match_enterprise(company, known)
        try:
            if match is None:
                record = new_enterprise(company)
                Enterprise.model_validate(record)
                writer.create("enterprises", record)
                ids[company.code] = record["id"]
                report.companies["created"] += 1
            else:
                changes = fills(match, company)
                writer.fill(match.id, changes)
                ids[company.code] = match.id
                report.companies["matched"] += 1
                report.companies["filled"] += bool(changes)
        except (ValueError, InvalidInput, Conflict) as error:
            data.ledger.drop(company.file, company.row, f"invalid company: {error}")
    report.enterprise_ids = ids
    return ids


def match_enterprise(company: SliceCompany, known: Known) -> Enterprise | None:
    """Return the enterprise a slice company is: same listed code, else its one same-named enterprise
    whose listed code is empty (a listed code that differs says it is another company)."""
    if company.code in known.by_code:
        return known.by_code[company.code]
    if f"KG-{company.code}" in known.by_id:
        return known.by_id[f"KG-{company.code}"]
    candidates = {
        e.id: e
        for alias in company.aliases
        for key in name_keys(alias)
        for e in known.by_name.get(key, [])
        if e.listed_code is None
    }
    return next(iter(candidates.values())) if len(candidates) == 1 else None


def new_enterprise(company: SliceCompany) -> dict[str, Any]:
    """Return a new enterprise outside the cluster for a listed company the registry does not know."""
    return {
        "id": f"KG-{company.code}",
        "name_zh": company.name,
        "country": "CN",
        "in_cluster": False,
        "tags": (LISTED_TAG,),
        "listed_code": company.code,
        "source": company.source,
    }


def fills(enterprise: Enterprise, company: SliceCompany) -> dict[str, Any]:
    """Return the empty fields of an enterprise the slice can fill; sourced data is never overwritten."""
    changes: dict[str, Any] = {}
    if enterprise.listed_code is None:
        changes["listed_code"] = company.code
    if not enterprise.tags:
        changes["tags"] = (LISTED_TAG,)
    return changes


def place_products(
    writer: Writer, data: ChainKgSlice, ids: dict[str, str], known: Known, report: ChainKgReport
) -> None:
    """Map each product row to a chain node (an enterprise-node record) or keep it as free text."""
    texts: list[dict[str, Any]] = []
    for product in data.products:
        enterprise_id = ids.get(product.code)
        node = known.node_of(product.name)
        if enterprise_id is None:
            data.ledger.drop(PRODUCTS, product.row, f"unknown company: {product.code} was not imported")
        elif node is not None:
            report.products["mapped"] += 1
            report.products["enterprise_nodes_added"] += add_make(writer, enterprise_id, node, product, known)
        else:
            report.products["as_text"] += 1
            if (enterprise_id, product.name) not in known.products:
                known.products.add((enterprise_id, product.name))
                texts.append(
                    {
                        "enterprise_id": enterprise_id,
                        "name": product.name,
                        "weight": product.weight,
                        "source": product.source,
                    }
                )
    report.products["text_added"] += len(texts)
    report.products["dropped"] = sum(d.file == PRODUCTS for d in data.ledger.dropped)
    if (extras := writer.extras()) is not None:
        extras.add_products(texts)
        writer.record("enterprise_products", texts, ("enterprise_id", "name"))


def add_make(writer: Writer, enterprise_id: str, node: str, product: ProductRow, known: Known) -> bool:
    """Record that an enterprise makes a node (no output: the weights are revenue shares); False if known."""
    if (enterprise_id, node) in known.makes:
        return False
    known.makes.add((enterprise_id, node))
    writer.create("enterprise_nodes", {"enterprise_id": enterprise_id, "node_code": node, "source": product.source})
    return True


def place_relations(writer: Writer, edges: list[UpstreamEdge], known: Known, report: ChainKgReport) -> None:
    """Add an upstream relation material node → product node for each edge whose two ends map to nodes."""
    new: list[dict[str, Any]] = []
    for edge in edges:
        product, material = known.node_of(edge.product), known.node_of(edge.material)
        if product is None or material is None:
            unmapped = [name for name, node in ((edge.product, product), (edge.material, material)) if node is None]
            reason = f"unmapped: no chain node for {' or '.join(unmapped)} ({edge.product} → {edge.material})"
            report.ledger.drop(UPSTREAM, edge.row, reason)
        elif product == material:
            report.ledger.drop(UPSTREAM, edge.row, f"self-loop: {edge.product} and {edge.material} are both {product}")
        else:
            report.relations["edges_kept"] += 1
            if (material, product, RELATION_KIND) not in known.relations:
                known.relations.add((material, product, RELATION_KIND))
                new.append({"from_code": material, "to_code": product, "kind": RELATION_KIND, "source": edge.source})
    report.relations["added"] += len(new)
    if (extras := writer.extras()) is not None:
        extras.add_relations(new)
        writer.record("node_relations", new, ("from_code", "to_code", "kind"))
