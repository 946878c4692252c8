"""The chain snapshot: the registry as plain arrays, the only input of chain analytics."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
import numpy.typing as npt

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]
NO_YEAR = -1


@dataclass(frozen=True)
class ChainSnapshot:
    """Chain nodes, enterprises, what they make and who supplies whom, as index arrays.

    Nodes are indexed 0..N-1 (`node_parent` is -1 for a root), enterprises 0..E-1. Money is yuan
    as float (ratios only; the registry keeps exact Decimals). Years are NO_YEAR when unknown.
    """

    node_codes: tuple[str, ...]
    node_parent: Ints
    node_key_technology: Bools
    firm_ids: tuple[str, ...]
    firm_in_cluster: Bools
    firm_foreign: Bools
    makes_firm: Ints
    makes_node: Ints
    makes_output: Floats
    link_supplier: Ints
    link_customer: Ints
    link_node: Ints
    link_value: Floats
    link_since: Ints
    link_until: Ints
    related_pairs: tuple[tuple[int, int], ...] = ()
    """Extra node pairs known to be related (e.g. product upstream edges), used by relatedness."""
    firm_tags: tuple[tuple[str, ...], ...] = ()
    firm_province: tuple[str | None, ...] = ()
    firm_district: tuple[str | None, ...] = ()
    firm_names: tuple[str, ...] = ()
    node_names: tuple[str, ...] = ()
    _index: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def node_index(self, code: str) -> int:
        """Return the index of a node code (raises KeyError for an unknown code)."""
        if not self._index:
            self._index.update({c: i for i, c in enumerate(self.node_codes)})
        return self._index[code]

    def firm_index(self, firm_id: str) -> int:
        """Return the index of an enterprise id (raises KeyError for an unknown id)."""
        return self.firm_ids.index(firm_id)

    def with_changes(self, **changes: object) -> ChainSnapshot:
        """Return a copy with some arrays replaced (the original is never modified)."""
        return replace(self, _index={}, **changes)  # type: ignore[arg-type]


def active_links(snapshot: ChainSnapshot, year: int | None) -> Bools:
    """Return which links are active in a year (all of them when the year is None)."""
    if year is None:
        return np.ones(len(snapshot.link_node), dtype=bool)
    started = (snapshot.link_since == NO_YEAR) | (snapshot.link_since <= year)
    not_ended = (snapshot.link_until == NO_YEAR) | (snapshot.link_until >= year)
    active: Bools = started & not_ended
    return active


def latest_year(snapshot: ChainSnapshot) -> int | None:
    """Return the latest year any link mentions (its start or end), or None when none does."""
    years = np.concatenate([snapshot.link_since, snapshot.link_until])
    years = years[years != NO_YEAR]
    return int(years.max()) if len(years) else None


def ancestors_table(parent: Ints) -> Ints:
    """Return a (nodes × depth) table: row n lists n, its parent, grandparent, …, padded with -1."""
    n = len(parent)
    columns = [np.arange(n, dtype=np.int64)]
    current = parent.astype(np.int64)
    while (current >= 0).any():
        columns.append(current.copy())
        current = np.where(current >= 0, parent[np.maximum(current, 0)], -1)
        if len(columns) > n + 1:
            raise ValueError("the chain taxonomy has a parent loop")
    return np.stack(columns, axis=1)


def expand_to_ancestors(ancestors: Ints, node_of_item: Ints) -> tuple[Ints, Ints]:
    """Return (item index, ancestor node) for every item and every node at or above its node."""
    table = ancestors[node_of_item]
    items = np.repeat(np.arange(len(node_of_item), dtype=np.int64), table.shape[1])
    nodes = table.reshape(-1)
    keep = nodes >= 0
    return items[keep], nodes[keep]
