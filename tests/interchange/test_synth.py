"""The synthetic registry generator: valid rows, sound references, exact counts, determinism.

Everything is checked by reading the files back with the csv module and the domain models,
never with the generator's own helpers.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest

from chainatlas.domain.kinds import KIND_BY_NAME
from chainatlas.interchange.synth import SynthSummary, write_synthetic

ENTERPRISES, LINKS, SEED = 200, 2_000, 7
BOM = b"\xef\xbb\xbf"
FORMAT_COLUMNS = {
    "chain_nodes": ["code", "parent_code", "name_zh", "name_en", "segment", "key_technology", "source"],
    "enterprises": [
        "id",
        "name_zh",
        "name_en",
        "unified_code",
        "country",
        "province",
        "city",
        "district",
        "park",
        "in_cluster",
        "size_class",
        "tags",
        "founded",
        "employees",
        "parent_id",
        "listed_code",
        "source",
    ],
    "enterprise_nodes": ["enterprise_id", "node_code", "annual_output_cny", "capacity", "capacity_unit", "source"],
    "supply_links": [
        "supplier_id",
        "customer_id",
        "node_code",
        "annual_value_cny",
        "share",
        "since",
        "until",
        "confidence",
        "confidential",
        "evidence",
        "source",
    ],
}
"""The columns of the shared interchange format, in its order (fixed: they never change)."""
HEADERS = {kind: list(KIND_BY_NAME[kind].model.model_fields) for kind in FORMAT_COLUMNS}
"""What the generator writes: the kind's fields in the model's order (a new optional field is among them)."""
BOOLEANS = {"key_technology", "in_cluster", "confidential"}


def read(folder: Path, kind: str) -> list[dict[str, str]]:
    """Read one kind's CSV back as text rows, checking the BOM and the header order."""
    path = folder / f"{kind}.csv"
    assert path.read_bytes().startswith(BOM)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == HEADERS[kind]
        return list(reader)


def model_input(row: dict[str, str]) -> dict[str, Any]:
    """Turn a text row into model input: empty cells missing, booleans and tag lists parsed."""
    data: dict[str, Any] = {}
    for name, text in row.items():
        if name in BOOLEANS:
            assert text in {"true", "false"}, (name, text)
            data[name] = text == "true"
        elif name in ("tags", "aliases"):
            data[name] = tuple(text.split(";")) if text else ()
        else:
            data[name] = text or None
    return data


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SynthSummary, list[int]]:
    """Generate the small registry once for the whole module."""
    folder = tmp_path_factory.mktemp("synth") / "out"
    progress: list[int] = []
    summary = write_synthetic(folder, enterprises=ENTERPRISES, links=LINKS, seed=SEED, on_progress=progress.append)
    return folder, summary, progress


@pytest.fixture(scope="module")
def tables(registry: tuple[Path, SynthSummary, list[int]]) -> dict[str, list[dict[str, str]]]:
    """Read every kind's file of the small registry."""
    return {kind: read(registry[0], kind) for kind in HEADERS}


@pytest.mark.parametrize("kind", list(FORMAT_COLUMNS))
def test_the_format_columns_keep_their_order(kind: str) -> None:
    shared = [name for name in HEADERS[kind] if name in FORMAT_COLUMNS[kind]]
    assert shared == FORMAT_COLUMNS[kind]


@pytest.mark.parametrize("kind", list(HEADERS))
def test_every_row_validates_and_breaks_no_rule(tables: dict[str, list[dict[str, str]]], kind: str) -> None:
    spec = KIND_BY_NAME[kind]
    for row in tables[kind]:
        assert row["source"] == "synthetic"
        record = spec.model.model_validate(model_input(row))
        assert spec.rules(record) == [], row


@pytest.mark.parametrize("kind", list(HEADERS))
def test_keys_are_unique_and_rows_sorted_by_key(tables: dict[str, list[dict[str, str]]], kind: str) -> None:
    keys = [tuple(row[name] for name in KIND_BY_NAME[kind].key) for row in tables[kind]]
    assert len(set(keys)) == len(keys)
    assert keys == sorted(keys)


def test_counts_are_exact_and_reported(
    registry: tuple[Path, SynthSummary, list[int]], tables: dict[str, list[dict[str, str]]]
) -> None:
    _, summary, progress = registry
    assert len(tables["enterprises"]) == ENTERPRISES
    assert len(tables["supply_links"]) == LINKS
    assert summary.files == {f"{kind}.csv": len(rows) for kind, rows in tables.items()}
    assert sum(progress) == LINKS


def test_references_exist(tables: dict[str, list[dict[str, str]]]) -> None:
    codes = {row["code"] for row in tables["chain_nodes"]}
    ids = {row["id"] for row in tables["enterprises"]}
    assert {row["parent_code"] for row in tables["chain_nodes"]} - {""} <= codes
    assert {row["parent_id"] for row in tables["enterprises"]} - {""} <= ids
    assert {row["enterprise_id"] for row in tables["enterprise_nodes"]} == ids
    assert {row["node_code"] for row in tables["enterprise_nodes"]} <= codes
    made = {(row["enterprise_id"], row["node_code"]) for row in tables["enterprise_nodes"]}
    for link in tables["supply_links"]:
        assert (link["supplier_id"], link["node_code"]) in made
        assert link["customer_id"] in ids


def test_taxonomy_is_four_segment_trees(tables: dict[str, list[dict[str, str]]]) -> None:
    nodes = {row["code"]: row for row in tables["chain_nodes"]}
    roots = {code: row["segment"] for code, row in nodes.items() if not row["parent_code"]}
    assert sorted(roots.values()) == ["downstream", "midstream", "support", "upstream"]
    assert 60 <= len(nodes) <= 150
    assert any(row["key_technology"] == "true" for row in nodes.values())
    for code, row in nodes.items():
        top, depth = code, 1
        while nodes[top]["parent_code"]:
            top, depth = nodes[top]["parent_code"], depth + 1
        assert row["segment"] == roots[top]
        assert depth <= 4


def test_enterprises_are_plausible(tables: dict[str, list[dict[str, str]]]) -> None:
    rows = tables["enterprises"]
    credit_codes = [row["unified_code"] for row in rows if row["unified_code"]]
    assert len(set(credit_codes)) == len(credit_codes) > ENTERPRISES // 2
    assert sum(row["country"] == "CN" for row in rows) > ENTERPRISES * 0.7
    assert 0.2 < sum(row["in_cluster"] == "true" for row in rows) / ENTERPRISES < 0.5
    for row in rows:
        if row["in_cluster"] == "true":
            assert (row["country"], row["province"], row["city"]) == ("CN", "湖南省", "长沙市") and row["district"]
    made = Counter(row["enterprise_id"] for row in tables["enterprise_nodes"])
    assert set(made.values()) <= {1, 2, 3}


def test_shares_of_a_customer_node_sum_to_at_most_one(tables: dict[str, list[dict[str, str]]]) -> None:
    total: dict[tuple[str, str], float] = defaultdict(float)
    for link in tables["supply_links"]:
        if link["share"]:
            total[link["customer_id"], link["node_code"]] += float(link["share"])
    assert total and max(total.values()) <= 1 + 1e-9


def test_links_are_plausible(tables: dict[str, list[dict[str, str]]]) -> None:
    links = tables["supply_links"]
    for link in links:
        assert link["supplier_id"] != link["customer_id"]
        if link["until"]:
            assert int(link["since"]) <= int(link["until"])
    assert any(link["confidential"] == "true" for link in links)
    assert any(link["until"] for link in links)
    per_customer = sorted(Counter(link["customer_id"] for link in links).values())
    assert per_customer[-1] >= 4 * per_customer[len(per_customer) // 2]  # heavy-tailed popularity


def test_same_seed_same_bytes_other_seed_other_bytes(
    registry: tuple[Path, SynthSummary, list[int]], tmp_path: Path
) -> None:
    write_synthetic(tmp_path / "same", enterprises=ENTERPRISES, links=LINKS, seed=SEED)
    write_synthetic(tmp_path / "other", enterprises=ENTERPRISES, links=LINKS, seed=SEED + 1)
    for kind in HEADERS:
        original = (registry[0] / f"{kind}.csv").read_bytes()
        assert (tmp_path / "same" / f"{kind}.csv").read_bytes() == original
        if kind != "chain_nodes":  # the taxonomy is fixed
            assert (tmp_path / "other" / f"{kind}.csv").read_bytes() != original


def test_every_possible_link_can_be_asked_for(tmp_path: Path) -> None:
    write_synthetic(tmp_path / "none", enterprises=6, links=0, seed=3)
    made = read(tmp_path / "none", "enterprise_nodes")
    possible = len(made) * 5
    write_synthetic(tmp_path / "all", enterprises=6, links=possible, seed=3)
    assert len(read(tmp_path / "all", "supply_links")) == possible
    assert read(tmp_path / "all", "enterprise_nodes") == made
    with pytest.raises(ValueError, match="links"):
        write_synthetic(tmp_path / "more", enterprises=6, links=possible + 1, seed=3)


@pytest.mark.parametrize(
    ("enterprises", "links", "seed", "named"),
    [(1, 0, 1, "enterprises"), (10, -1, 1, "links"), (2, 100, 1, "links"), (10, 5, -1, "seed")],
)
def test_impossible_arguments_are_refused(tmp_path: Path, enterprises: int, links: int, seed: int, named: str) -> None:
    with pytest.raises(ValueError, match=named):
        write_synthetic(tmp_path / "out", enterprises=enterprises, links=links, seed=seed)
    assert not (tmp_path / "out").exists()
