"""Deterministic synthetic registry of any size as interchange CSV files, for scale tests.

The generator fills columns by name; the columns written and their order come from the kinds'
interchange columns (`columns.py`, derived from the record models), so a new optional field
needs nothing here and is written empty until the generator draws values for it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from chainatlas.interchange.columns import COLUMNS
from chainatlas.interchange.synth_clusters import MAX_CLUSTERS
from chainatlas.interchange.synth_clusters import clusters as synth_clusters
from chainatlas.interchange.synth_firms import Table, firms, making, taxonomy
from chainatlas.interchange.synth_links import link_keys, table_lines, write_links

MAX_ENTERPRISES = 10_000_000


@dataclass(frozen=True)
class SynthSummary:
    """What `write_synthetic` wrote: file name -> data rows written."""

    files: dict[str, int]


def write_synthetic(
    out_dir: Path,
    *,
    enterprises: int,
    links: int,
    seed: int,
    on_progress: Callable[[int], None] | None = None,
    clusters: int = 0,
) -> SynthSummary:
    """Write a deterministic synthetic registry of any size as interchange CSV files; with `clusters`, also that
    many clusters (clusters.csv), half the enterprises spread over their places (without, as before)."""
    _check_arguments(enterprises, links, seed)
    if not 0 <= clusters <= MAX_CLUSTERS:
        raise ValueError(f"clusters must be 0 to {MAX_CLUSTERS}, got {clusters}")
    streams = [np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(4)]
    nodes = taxonomy()
    drawn = synth_clusters(clusters)
    firm_rows = firms(streams[0], enterprises, drawn.places)
    made = making(streams[1], firm_rows, nodes)
    _check_capacity(links, len(made.firm), enterprises)
    keys = link_keys(streams[2], firm_rows, made, len(nodes.codes), links)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tables = [("chain_nodes", nodes.table), ("enterprises", firm_rows.table), ("enterprise_nodes", made.table)]
    tables += [("clusters", drawn.table)] if clusters else []
    files = {f"{kind}.csv": write_table(out / f"{kind}.csv", kind, table) for kind, table in tables}
    files["supply_links.csv"] = write_links(out / "supply_links.csv", streams[3], keys, firm_rows, nodes, on_progress)
    return SynthSummary(files=files)


def _check_arguments(enterprises: int, links: int, seed: int) -> None:
    """Raise ValueError naming the first impossible argument."""
    if enterprises < 2:
        raise ValueError(f"enterprises must be at least 2 (a supplier and a customer), got {enterprises}")
    if enterprises > MAX_ENTERPRISES:
        raise ValueError(f"enterprises must be at most {MAX_ENTERPRISES}, got {enterprises}")
    if links < 0:
        raise ValueError(f"links must be zero or more, got {links}")
    if seed < 0:
        raise ValueError(f"seed must be zero or more, got {seed}")


def _check_capacity(links: int, made: int, enterprises: int) -> None:
    """Raise ValueError when more links are asked for than distinct keys exist."""
    capacity = made * (enterprises - 1)
    if links > capacity:
        raise ValueError(
            f"links={links} is more than the {capacity} distinct (supplier, customer, node) links possible "
            f"with enterprises={enterprises} ({made} enterprise-node pairs x {enterprises - 1} customers)"
        )


def write_table(path: Path, kind: str, table: Table) -> int:
    """Write one kind's table (rows already sorted by key) as UTF-8 CSV with BOM; return its row count."""
    header = ",".join(column.name for column in COLUMNS[kind])
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        handle.write(header + "\r\n")
        handle.write(table_lines(kind, table))
    return len(next(iter(table.values())))
