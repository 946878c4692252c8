"""The synthetic registry's supply links: distinct keys drawn by size and popularity, written in chunks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np

from chainatlas.interchange.columns import COLUMNS
from chainatlas.interchange.synth_firms import (
    BOOL_TEXT,
    BUDGET_YUAN,
    F64,
    I64,
    SIZE_PULL,
    SOURCE,
    Firms,
    Making,
    Table,
    Taxonomy,
    ints,
    money_text,
)

PRESENT_YEAR = 2025
CHUNK = 50_000
DENSE_LIMIT = 5_000_000  # up to this many (pair, customer) cells a dense request enumerates them
_EVIDENCE = np.array(["", "海关数据", "企业年报", "实地调研", "招标公告", "企业问卷"], dtype=object)
_YEAR_TEXT = np.array([str(y) for y in range(1800, 2101)] + [""], dtype=object)
# Fractions are written as `str(float)`, as the exporter writes them, so synth -> import -> export is identical.
_SHARE_TEXT = np.array([str(u / 10000) for u in range(10001)] + [""], dtype=object)
_CONFIDENCE_TEXT = np.array([str(c / 100) for c in range(101)], dtype=object)


def link_keys(rng: np.random.Generator, firms: Firms, making: Making, n_nodes: int, links: int) -> I64:
    """Draw `links` distinct link keys (supplier, customer, node encoded as int64), sorted."""
    count = len(firms.size)
    supplier_p = SIZE_PULL[firms.size[making.firm]]
    supplier_p /= supplier_p.sum()
    rank = rng.permutation(count) + 1.0
    zipf = np.sqrt(SIZE_PULL[firms.size]) / rank**0.75
    customer_p = 0.85 * zipf / zipf.sum() + 0.15 / count
    customer_p /= customer_p.sum()
    weights = (supplier_p, customer_p)
    capacity = len(making.firm) * (count - 1)
    if links * 4 > capacity and len(making.firm) * count <= DENSE_LIMIT:
        return _dense_keys(rng, making, weights, n_nodes, links)
    if links * 2 > capacity:
        raise ValueError(
            f"links={links} is more than half of the {capacity} possible links; "
            f"for enterprises={count} this generator allows at most {capacity // 2}"
        )
    return _sparse_keys(rng, making, weights, n_nodes, links)


def _dense_keys(rng: np.random.Generator, making: Making, weights: tuple[F64, F64], n_nodes: int, links: int) -> I64:
    """Pick keys from every possible link, weighted, without replacement (Gumbel top-k)."""
    supplier_p, customer_p = weights
    count = len(customer_p)
    row = np.repeat(np.arange(len(making.firm), dtype=np.int64), count)
    customer = np.tile(np.arange(count, dtype=np.int64), len(making.firm))
    possible = customer != making.firm[row]
    row, customer = row[possible], customer[possible]
    score = np.log(supplier_p[row] * customer_p[customer]) + rng.gumbel(size=len(row))
    top = np.argpartition(-score, links - 1)[:links] if links else np.zeros(0, dtype=np.int64)
    return np.sort(_encode(making.firm[row[top]], customer[top], making.node[row[top]], count, n_nodes))


def _sparse_keys(rng: np.random.Generator, making: Making, weights: tuple[F64, F64], n_nodes: int, links: int) -> I64:
    """Draw keys in rounds, dropping self-supply and duplicates, then keep exactly `links`."""
    supplier_p, customer_p = weights
    count = len(customer_p)
    keys = np.zeros(0, dtype=np.int64)
    while len(keys) < links:
        draw = max(1024, int((links - len(keys)) * 1.3))
        row = ints(rng.choice(len(supplier_p), size=draw, p=supplier_p))
        customer = ints(rng.choice(count, size=draw, p=customer_p))
        other = customer != making.firm[row]
        row, customer = row[other], customer[other]
        keys = np.union1d(keys, _encode(making.firm[row], customer, making.node[row], count, n_nodes))
    if len(keys) > links:
        keys = keys[np.sort(rng.choice(len(keys), size=links, replace=False))]
    return keys


def _encode(supplier: I64, customer: I64, node: I64, count: int, n_nodes: int) -> I64:
    """Encode link keys so that numeric order is the string order of (supplier, customer, node)."""
    return (supplier * count + customer) * n_nodes + node


def _shares(rng: np.random.Generator, keys: I64, firms: Firms, n_nodes: int) -> tuple[I64, I64]:
    """Return each link's share (1/10000, -1 missing) and value (fen, -1 missing)."""
    # The shares of one (customer, node) split a coverage below 1 and are rounded down: sum <= 1.
    groups, inverse = np.unique(keys % (len(firms.size) * n_nodes), return_inverse=True)
    weight = rng.pareto(1.16, len(keys)) + 0.05
    coverage = rng.uniform(0.55, 1.0, len(groups))
    share = weight / np.bincount(inverse, weights=weight, minlength=len(groups))[inverse] * coverage[inverse]
    budget = BUDGET_YUAN[firms.size[groups // n_nodes]] * rng.lognormal(0.0, 0.8, len(groups))
    value = ints(np.rint(budget[inverse] * share * 100))
    units = ints(np.floor(share * 10_000))
    units[rng.random(len(keys)) < 0.04] = -1
    value[rng.random(len(keys)) < 0.04] = -1
    return units, value


def write_links(
    path: Path,
    rng: np.random.Generator,
    keys: I64,
    firms: Firms,
    taxonomy: Taxonomy,
    on_progress: Callable[[int], None] | None,
) -> int:
    """Write supply_links.csv in chunks, reporting each chunk's row count."""
    share, value = _shares(rng, keys, firms, len(taxonomy.codes))
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        handle.write(",".join(column.name for column in COLUMNS["supply_links"]) + "\r\n")
        for start in range(0, len(keys), CHUNK):
            part = slice(start, start + CHUNK)
            handle.write(_link_text(rng, keys[part], share[part], value[part], firms, taxonomy))
            if on_progress is not None:
                on_progress(len(keys[part]))
    return len(keys)


def _link_text(rng: np.random.Generator, keys: I64, share: I64, value: I64, firms: Firms, taxonomy: Taxonomy) -> str:
    """Draw the remaining link attributes for one chunk and format its CSV lines."""
    count, n_nodes, n = len(firms.size), len(taxonomy.codes), len(keys)
    supplier, customer, node = keys // (count * n_nodes), keys // n_nodes % count, keys % n_nodes
    lower = np.maximum(np.maximum(firms.founded[supplier], firms.founded[customer]), 1990)
    since = lower + ints(rng.random(n) * (PRESENT_YEAR + 1 - lower))
    ended = since + ints(rng.random(n) * (PRESENT_YEAR + 1 - since))
    until = np.where(rng.random(n) < 0.1, ended - 1800, -1)
    confidence = ints(np.rint(rng.beta(5.0, 2.0, n) * 100))
    table: Table = {
        "supplier_id": firms.ids[supplier].tolist(),
        "customer_id": firms.ids[customer].tolist(),
        "node_code": taxonomy.codes[node].tolist(),
        "annual_value_cny": [money_text(c) for c in value.tolist()],
        "share": _SHARE_TEXT[share].tolist(),
        "since": _YEAR_TEXT[since - 1800].tolist(),
        "until": _YEAR_TEXT[until].tolist(),
        "confidence": _CONFIDENCE_TEXT[confidence].tolist(),
        "confidential": BOOL_TEXT[ints(rng.random(n) < 0.08)].tolist(),
        "evidence": _EVIDENCE[rng.choice(len(_EVIDENCE), size=n, p=(0.5, 0.1, 0.1, 0.1, 0.1, 0.1))].tolist(),
        "source": [SOURCE] * n,
    }
    return table_lines("supply_links", table)


def table_lines(kind: str, table: Table) -> str:
    """Return a table's rows as CSV lines (cells never need quoting) in the kind's column order."""
    names = [column.name for column in COLUMNS[kind]]
    unknown = table.keys() - set(names)
    if unknown:
        raise ValueError(f"{kind} has no column {sorted(unknown)}")
    width = len(next(iter(table.values())))
    blank = [""] * width
    return "".join(line + "\r\n" for line in map(",".join, zip(*(table.get(n, blank) for n in names), strict=True)))
