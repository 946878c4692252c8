"""Build the demo dataset of the Changsha construction-machinery cluster: `python -m chainatlas.demo.build`.

One seeded `random.Random` drives every synthetic value, so two runs write identical files. Every
record is validated by its domain model and rules, and every reference is checked, before any file
is written; the script stops with the list of problems otherwise.
"""

from __future__ import annotations

import random
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

from chainatlas.demo import brands, clusters, facts, monitoring, organisations, resilience
from chainatlas.demo.fair import fair_kinds
from chainatlas.demo.firms import NODES, Firm, Registry, build_registry
from chainatlas.demo.supply import Link, Market, build_market
from chainatlas.domain.chain_node import ChainNode, tree_problems
from chainatlas.domain.common import SYNTHETIC, Record
from chainatlas.domain.enterprise import Enterprise
from chainatlas.domain.enterprise_node import EnterpriseNode
from chainatlas.domain.indicator import Indicator, Target, scope_reference
from chainatlas.domain.kinds import KINDS, KindSpec
from chainatlas.domain.project import ProjectProgress
from chainatlas.domain.supply_link import SupplyLink
from chainatlas.interchange.columns import COLUMNS
from chainatlas.interchange.write import cell_text, write_table

Row = dict[str, object]
R = TypeVar("R", bound=Record)
SEED = 20250601
DATA_DIR = Path(__file__).resolve().parent / "data"
SEGMENTS = {"U": "upstream", "M": "midstream", "D": "downstream", "S": "support"}


def money(yuan: float) -> str:
    """Return yuan as a plain decimal with two places."""
    return f"{yuan:.2f}"


def chain_node_rows() -> list[Row]:
    """Return the taxonomy: a tree whose parent is the code without its last part."""
    return [
        {
            "code": spec.code,
            "parent_code": spec.code.rpartition(".")[0] or None,
            "name_zh": spec.name_zh,
            "name_en": spec.name_en,
            "segment": SEGMENTS[spec.code[0]],
            "key_technology": spec.key_technology,
            "source": SYNTHETIC,
        }
        for spec in NODES.values()
    ]


def size_class(revenue: float, employees: int) -> str:
    """Return the size class from revenue (yuan) and staff, after the industrial thresholds."""
    if employees >= 1000 and revenue >= 4e8:
        return "large"
    if employees >= 300 and revenue >= 2e7:
        return "medium"
    return "small" if employees >= 20 and revenue >= 3e6 else "micro"


def firm_tags(rng: random.Random, firm: Firm, size: str, revenue: float) -> tuple[str, ...]:
    """Return a Chinese firm's designations (规上, 专精特新, 小巨人, 高新) at realistic rates."""
    segment = firm.nodes[0][0]
    tags = ["规上"] if revenue >= (2e7 if segment in "UM" else 5e7) else []
    if segment == "U" and size in ("small", "medium") and rng.random() < 0.22:
        tags += ["专精特新", "小巨人"] if rng.random() < 0.3 else ["专精特新"]
    if size != "micro" and rng.random() < (0.5 if segment in "UMS" else 0.1):
        tags.append("高新")
    return tuple(tags)


def enterprise_row(rng: random.Random, firm: Firm) -> Row:
    """Return a synthetic enterprise with staff and size derived from its output."""
    revenue = sum(firm.output.values())
    per_head = rng.uniform(0.4e6, 1.2e6) if firm.nodes[0][0] in "DS" else rng.uniform(0.8e6, 2.2e6)
    employees = max(3, round(revenue / per_head))
    size = size_class(revenue, employees)
    place = firm.place
    return {
        "id": firm.id,
        "name_zh": firm.name_zh,
        "name_en": firm.name_en,
        "unified_code": firm.unified_code,
        "country": firm.country,
        "province": place.province if place else None,
        "city": place.city if place else None,
        "district": place.district or None if place else None,
        "park": place.park or None if place else None,
        "in_cluster": firm.in_cluster,
        "size_class": size,
        "tags": firm_tags(rng, firm, size, revenue) if firm.country == "CN" else (),
        "founded": firm.founded,
        "employees": employees,
        "parent_id": firm.parent_id,
        "source": SYNTHETIC,
    }


def enterprise_rows(reg: Registry) -> list[Row]:
    """Return the real makers (sourced fields only) and every synthetic enterprise."""
    synthetic = [enterprise_row(reg.rng, firm) for firm in reg.firms if not firm.real]
    add_export_shares(synthetic)
    return facts.real_enterprises() + synthetic


def add_export_shares(rows: list[Row]) -> None:
    """Give most Chinese synthetic enterprises an export share: OEMs export more than their suppliers.

    A generator of its own, so the values drawn before these stay as they were.
    """
    rng = random.Random(f"{SEED}:export_share")  # noqa: S311 - a reproducible demo, not a secret
    for row in rows:
        if row["country"] == "CN" and rng.random() < 0.7:
            oem = row["size_class"] in ("large", "medium") and row["in_cluster"]
            row["export_share"] = round(rng.uniform(0.05, 0.45) if oem else rng.uniform(0.0, 0.2), 2)


def capacity(rng: random.Random, firm: Firm, node: str, output: float) -> tuple[str | None, str | None]:
    """Return a synthetic capacity (output at 65–90 % utilisation) and its unit, where the node is countable."""
    spec = NODES[node]
    if firm.real or not spec.unit_price_wan or not spec.capacity_unit:
        return None, None
    made = output / (spec.unit_price_wan * 1e4)
    return str(max(1, round(made / rng.uniform(0.65, 0.9)))), spec.capacity_unit


def enterprise_node_rows(rng: random.Random, firms: list[Firm]) -> list[Row]:
    """Return what each enterprise makes, with synthetic output and capacity."""
    rows: list[Row] = []
    for firm in firms:
        for node in firm.nodes:
            amount, unit = capacity(rng, firm, node, firm.output[node])
            rows.append(
                {
                    "enterprise_id": firm.id,
                    "node_code": node,
                    "annual_output_cny": money(firm.output[node]),
                    "capacity": amount,
                    "capacity_unit": unit,
                    "source": SYNTHETIC,
                }
            )
    return rows


def link_rows(links: list[Link]) -> list[Row]:
    """Return every synthetic supply link."""
    return [
        {
            "supplier_id": link.supplier.id,
            "customer_id": link.customer.id,
            "node_code": link.node,
            "annual_value_cny": money(link.value),
            "share": link.basis_points / 10000,
            "since": link.since,
            "until": link.until,
            "confidence": link.confidence,
            "confidential": link.confidential,
            "evidence": link.evidence,
            "source": SYNTHETIC,
        }
        for link in links
    ]


def generate(seed: int = SEED) -> dict[str, list[Row]]:
    """Return the rows of every kind, generated from one seed."""
    rng = random.Random(seed)  # noqa: S311 - a reproducible demo, not a secret
    reg = build_registry(rng)
    market = build_market(reg)
    enterprises = enterprise_rows(reg)
    memberships = explicit_memberships(reg, market, enterprises)
    indicators = monitoring.indicator_rows(market.links, enterprises)
    projects = monitoring.project_rows(reg)
    rows: dict[str, list[Row]] = {
        "chain_nodes": chain_node_rows(),
        "enterprises": enterprises,
        "enterprise_nodes": enterprise_node_rows(reg.rng, reg.firms),
        "supply_links": link_rows(market.links),
        "indicators": indicators,
        "targets": monitoring.target_rows(indicators),
        "projects": projects,
        "milestones": monitoring.milestone_rows(rng, projects),
        "project_progress": monitoring.progress_rows(rng, projects),
    }
    rows["resilience_profiles"], rows["bom_lines"] = resilience.resilience_rows(
        enterprises, rows["enterprise_nodes"], rows["supply_links"]
    )
    brands.add_brands_and_platforms(rows, reg, enterprises)
    # the fair (issue 7) has its own random generator, so the rows above do not change with it
    rows.update(fair_kinds(rows["enterprises"], rows["enterprise_nodes"], rows["supply_links"], rows["chain_nodes"]))
    add_clusters(rows, reg, market, memberships)
    rows["organisations"] = organisations.organisation_rows()
    return rows


def explicit_memberships(reg: Registry, market: Market, enterprises: list[Row]) -> list[Row]:
    """Return the explicit memberships of Changsha's cluster and apply them to the firms and their rows, so that
    everything generated after the market (series, projects, brands, the fair) sees the cluster's members."""
    makes: list[Row] = [{"enterprise_id": firm.id, "node_code": node} for firm in reg.firms for node in firm.nodes]
    memberships = clusters.membership_rows(enterprises, makes, link_rows(market.links))
    said = {str(row["enterprise_id"]): bool(row["included"]) for row in memberships}
    for firm in reg.firms:
        firm.member = said.get(firm.id)
    for row in enterprises:
        row["in_cluster"] = said.get(str(row["id"]), row["in_cluster"])
    return memberships


def add_clusters(rows: dict[str, list[Row]], reg: Registry, market: Market, memberships: list[Row]) -> None:
    """Add the clusters (issue 14): the second cluster's own firms and purchases, explicit memberships, its
    series and targets; `in_cluster` becomes the membership of Changsha's cluster (the default).

    A generator of its own, so the rows generated before do not change.
    """
    reg.rng = random.Random(f"{SEED}:clusters")  # noqa: S311 - a reproducible demo, not a secret
    firms = clusters.new_makers(reg)
    local = {str(row["id"]) for row in rows["enterprises"] if row["in_cluster"]}
    rows["enterprises"] += [enterprise_row(reg.rng, firm) for firm in firms]
    rows["enterprise_nodes"] += enterprise_node_rows(reg.rng, firms)
    rows["supply_links"] += link_rows(clusters.shared_purchases(reg.rng, firms, market.links, local))
    rows["clusters"] = clusters.cluster_rows()
    rows["cluster_members"] = memberships
    rows.setdefault("organisations", [])
    changsha, second = (
        clusters.members(c, rows["enterprises"], rows["enterprise_nodes"], rows["cluster_members"])
        for c in rows["clusters"]
    )
    for row in rows["enterprises"]:
        row["in_cluster"] = row["id"] in changsha
    series = clusters.indicator_rows(second, rows["enterprise_nodes"], rows["supply_links"])
    rows["indicators"] += series
    rows["targets"] += clusters.target_rows(series)


def of_type(records: list[Record], model: type[R]) -> list[R]:
    """Return the records of one model, typed as that model."""
    return [record for record in records if isinstance(record, model)]


def records_of(spec: KindSpec, rows: list[Row]) -> tuple[list[Record], list[str]]:
    """Validate rows into records by the kind's model and rules; return them and every problem."""
    records: list[Record] = []
    problems: list[str] = []
    keys: set[tuple[object, ...]] = set()
    if {c.name for c in COLUMNS[spec.name]} != set(spec.model.model_fields):
        problems.append(f"{spec.name}: columns differ from the model's fields")
    for number, row in enumerate(rows, start=1):
        try:
            record = spec.model.model_validate(row)
        except ValueError as error:  # pydantic's ValidationError is a ValueError
            problems.append(f"{spec.name} record {number}: {error}")
            continue
        problems += [f"{spec.name} record {number}, {p.field}: {p.message} ({p.value})" for p in spec.rules(record)]
        if spec.key_of(record) in keys:
            problems.append(f"{spec.name}: duplicate key {spec.key_of(record)}")
        keys.add(spec.key_of(record))
        records.append(record)
    return records, problems


def reference_problems(records: dict[str, list[Record]]) -> list[str]:
    """Return every reference (field or scope) that names a record which does not exist."""
    known = {spec.name: {spec.key_of(r)[0] for r in records[spec.name]} for spec in KINDS if len(spec.key) == 1}
    problems: list[str] = []
    for spec in KINDS:
        for record in records[spec.name]:
            targets = [(known[kind], getattr(record, name)) for name, kind in spec.references.items()]
            reference = scope_reference(record.scope) if isinstance(record, Indicator | Target) else None
            targets += [(known[reference[0]], reference[1])] if reference else []
            targets = [(ks, item) for ks, v in targets for item in (v if isinstance(v, tuple) else (v,))]
            problems += [f"{spec.name} {spec.key_of(record)}: unknown {v}" for ks, v in targets if v and v not in ks]
    return problems


def chain_problems(records: dict[str, list[Record]]) -> list[str]:
    """Return taxonomy cycles, links of nodes the supplier does not make, and shares adding up above 1."""
    parents = {node.code: node.parent_code for node in of_type(records["chain_nodes"], ChainNode)}
    problems = [f"chain_nodes {code}: {p.message}" for code, p in tree_problems(parents, parents).items()]
    made = {(item.enterprise_id, item.node_code) for item in of_type(records["enterprise_nodes"], EnterpriseNode)}
    shares: dict[tuple[str, str], float] = defaultdict(float)
    for link in of_type(records["supply_links"], SupplyLink):
        if (link.supplier_id, link.node_code) not in made:
            problems.append(
                f"supply_links {link.supplier_id}->{link.customer_id}: supplier does not make {link.node_code}"
            )
        shares[(link.customer_id, link.node_code)] += link.share or 0.0
    problems += [f"supply_links {key}: shares add up to {total:.4f}" for key, total in shares.items() if total > 1]
    return problems


def sales_problems(records: dict[str, list[Record]]) -> list[str]:
    """Return (supplier, node) pairs whose active links sell more than the supplier's output of the node."""
    output = {
        (i.enterprise_id, i.node_code): i.annual_output_cny
        for i in of_type(records["enterprise_nodes"], EnterpriseNode)
    }
    sold: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for link in of_type(records["supply_links"], SupplyLink):
        if link.until is None and link.annual_value_cny is not None:
            sold[(link.supplier_id, link.node_code)] += link.annual_value_cny
    return [
        f"enterprise_nodes {key}: sells {value} > output {output[key]}"
        for key, value in sold.items()
        if (output[key] or 0) < value
    ]


def progress_problems(records: dict[str, list[Record]]) -> list[str]:
    """Return project periods whose cumulative investment or capacity is below the period before."""
    last: dict[str, tuple[Decimal, Decimal]] = {}
    problems: list[str] = []
    for row in sorted(of_type(records["project_progress"], ProjectProgress), key=lambda r: (r.project_id, r.period)):
        now = (row.investment_completed_cny or Decimal(0), row.capacity_reached or Decimal(0))
        before = last.get(row.project_id, (Decimal(0), Decimal(0)))
        if now[0] < before[0] or now[1] < before[1]:
            problems.append(f"project_progress {row.project_id} {row.period}: cumulative progress goes down")
        last[row.project_id] = now
    return problems


def validate(rows: dict[str, list[Row]]) -> dict[str, list[Record]]:
    """Return every kind's records, or stop with every problem found."""
    records: dict[str, list[Record]] = {}
    problems: list[str] = []
    for spec in KINDS:
        records[spec.name], found = records_of(spec, rows[spec.name])
        problems += found
    if not problems:
        problems = reference_problems(records) + chain_problems(records) + sales_problems(records)
        problems += progress_problems(records)
    if problems:
        sys.exit("the demo dataset is invalid:\n" + "\n".join(problems[:200]))
    return records


def write_kind(folder: Path, spec: KindSpec, records: list[Record]) -> None:
    """Write one kind as the exporter does (UTF-8 CSV with BOM, format column order), rows sorted by key."""
    ordered = sorted(records, key=lambda r: [cell_text(part) for part in spec.key_of(r)])
    write_table(folder / f"{spec.name}.csv", spec.name, ordered, "csv")


def summary(records: dict[str, list[Record]]) -> str:
    """Return the counts a reviewer checks: records per kind, links from cluster suppliers, foreign suppliers."""
    firms = {firm.id: firm for firm in of_type(records["enterprises"], Enterprise)}
    suppliers = [firms[link.supplier_id] for link in of_type(records["supply_links"], SupplyLink)]
    local = sum(1 for firm in suppliers if firm.in_cluster)
    foreign = {firm.id for firm in suppliers if firm.country != "CN"}
    counts = ", ".join(f"{name} {len(items)}" for name, items in records.items())
    return f"{counts}; links from cluster suppliers {local / len(suppliers):.1%}; foreign suppliers {len(foreign)}"


def main() -> None:
    """Generate, validate and write the demo dataset."""
    records = validate(generate())
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    for spec in KINDS:
        write_kind(DATA_DIR, spec, records[spec.name])
    print(summary(records))


if __name__ == "__main__":
    main()
