"""The resilience network (AND over a node's material types, OR over each type's suppliers) held in
CSR arrays: build it from node and bill-of-materials records, checking every value.

Layout: BOM lines are sorted by (customer, material); a *group* is one (customer, material) pair.
`groups` is a CSR matrix (groups × nodes) whose row g lists the suppliers of group g, so its
nonzeros, in storage order, are the BOM lines (the LP's shipment variables y).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]
Bools = NDArray[np.bool_]


class NetworkError(ValueError):
    """A node or BOM record that cannot be part of a network; the message names it."""


@dataclass(frozen=True)
class NodeSpec:
    """One node: a site or an enterprise's plant making one product."""

    id: str
    location: str = ""
    demand_per_day: float = 0.0
    capacity_per_day: float | None = None  # None = unlimited
    inventory: float = 0.0
    margin: float = 0.0
    ttr_days: float = 0.0


@dataclass(frozen=True)
class BomLine:
    """One bill-of-materials line: `supplier` can supply `material` to `customer`."""

    customer: str
    material: str
    supplier: str
    units_per_unit: float


@dataclass(frozen=True, eq=False)
class Network:
    """A supply network in arrays; node i is `ids[i]`, every array is indexed by node."""

    ids: tuple[str, ...]
    index: dict[str, int]
    location: tuple[str, ...]
    demand: Floats
    capacity: Floats  # np.inf = unlimited
    inventory: Floats
    margin: Floats
    ttr: Floats
    groups: sp.csr_matrix  # (group, supplier) = 1: the BOM lines, in storage order
    group_customer: Ints
    group_material: tuple[str, ...]
    group_ratio: Floats  # units of the group's material per unit of the customer's product
    group_ptr: Ints  # groups of node j: group_ptr[j]:group_ptr[j + 1]
    adjacency: sp.csr_matrix  # (supplier, customer) = 1, one entry per distinct pair
    source: str = ""  # where the data come from (a citation, or `synthetic`)
    _reverse: sp.csr_matrix = field(default=None, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_reverse", self.adjacency.T.tocsr())

    @property
    def size(self) -> int:
        """Return the number of nodes."""
        return len(self.ids)

    @property
    def line_supplier(self) -> Ints:
        """Return the supplier of every BOM line (storage order)."""
        return np.asarray(self.groups.indices, dtype=np.int64)

    @property
    def line_group(self) -> Ints:
        """Return the group of every BOM line (storage order)."""
        return np.repeat(np.arange(self.groups.shape[0], dtype=np.int64), np.diff(self.groups.indptr))

    def suppliers_of(self, i: int) -> Ints:
        """Return the distinct nodes that supply node i (sorted indices)."""
        return np.asarray(self._reverse.indices[self._reverse.indptr[i] : self._reverse.indptr[i + 1]], dtype=np.int64)

    def customers_of(self, i: int) -> Ints:
        """Return the distinct nodes that node i supplies (sorted indices)."""
        return np.asarray(
            self.adjacency.indices[self.adjacency.indptr[i] : self.adjacency.indptr[i + 1]], dtype=np.int64
        )

    def node_specs(self) -> list[NodeSpec]:
        """Return the nodes as records (for editing and rebuilding)."""
        return [
            NodeSpec(
                self.ids[i],
                self.location[i],
                float(self.demand[i]),
                None if math.isinf(self.capacity[i]) else float(self.capacity[i]),
                float(self.inventory[i]),
                float(self.margin[i]),
                float(self.ttr[i]),
            )
            for i in range(self.size)
        ]

    def bom_lines(self) -> list[BomLine]:
        """Return the BOM lines as records, in storage order."""
        groups, suppliers = self.line_group, self.line_supplier
        return [
            BomLine(self.ids[self.group_customer[g]], self.group_material[g], self.ids[s], float(self.group_ratio[g]))
            for g, s in zip(groups.tolist(), suppliers.tolist(), strict=True)
        ]


def build_network(nodes: Sequence[NodeSpec], bom: Sequence[BomLine], source: str = "") -> Network:
    """Return the network of these nodes and BOM lines; raise NetworkError naming a bad record."""
    index = _check_nodes(nodes)
    lines = _check_bom(bom, index)
    n = len(nodes)
    keyed = sorted((index[b.customer], b.material, index[b.supplier], b.units_per_unit) for b in lines)
    group_keys: dict[tuple[int, str], int] = {}
    line_group: list[int] = []
    line_supplier: list[int] = []
    ratios: list[float] = []
    customers: list[int] = []
    materials: list[str] = []
    for customer, material, supplier, ratio in keyed:
        g = group_keys.setdefault((customer, material), len(group_keys))
        if g == len(customers):
            customers.append(customer)
            materials.append(material)
            ratios.append(ratio)
        line_group.append(g)
        line_supplier.append(supplier)
    n_groups = len(customers)
    group_customer = np.asarray(customers, dtype=np.int64)
    groups = sp.csr_matrix(
        (np.ones(len(line_group)), (np.asarray(line_group, dtype=np.int64), np.asarray(line_supplier, dtype=np.int64))),
        shape=(n_groups, n),
    )
    groups.sort_indices()
    pairs = sp.csr_matrix((np.ones(len(line_group)), (line_supplier, group_customer[line_group])), shape=(n, n))
    pairs.data[:] = 1.0
    pairs.sort_indices()
    return Network(
        ids=tuple(x.id for x in nodes),
        index=index,
        location=tuple(x.location for x in nodes),
        demand=_floats([x.demand_per_day for x in nodes]),
        capacity=_floats([math.inf if x.capacity_per_day is None else x.capacity_per_day for x in nodes]),
        inventory=_floats([x.inventory for x in nodes]),
        margin=_floats([x.margin for x in nodes]),
        ttr=_floats([x.ttr_days for x in nodes]),
        groups=groups,
        group_customer=group_customer,
        group_material=tuple(materials),
        group_ratio=_floats(ratios),
        group_ptr=np.searchsorted(group_customer, np.arange(n + 1)).astype(np.int64),
        adjacency=pairs,
        source=source,
    )


def _floats(values: Sequence[float]) -> Floats:
    return np.asarray(values, dtype=np.float64).reshape(len(values))


_NODE_FIELDS = ("demand_per_day", "inventory", "margin", "ttr_days")


def _check_nodes(nodes: Sequence[NodeSpec]) -> dict[str, int]:
    index: dict[str, int] = {}
    for i, node in enumerate(nodes):
        if not node.id or node.id != node.id.strip():
            raise NetworkError(f"node {i + 1}: the id {node.id!r} is empty or has surrounding spaces")
        if node.id in index:
            raise NetworkError(f"node {node.id!r}: duplicate id (also node {index[node.id] + 1})")
        for name in _NODE_FIELDS:
            _check_value(f"node {node.id!r}", name, getattr(node, name))
        if node.capacity_per_day is not None:
            _check_value(f"node {node.id!r}", "capacity_per_day", node.capacity_per_day)
        index[node.id] = i
    return index


def _check_value(where: str, name: str, value: float) -> None:
    if not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
        raise NetworkError(f"{where}, field `{name}`: {value!r} is not a finite number ≥ 0")


def _check_bom(bom: Sequence[BomLine], index: dict[str, int]) -> list[BomLine]:
    ratio: dict[tuple[str, str], float] = {}
    seen: set[tuple[str, str, str]] = set()
    for row, line in enumerate(bom, start=1):
        where = f"BOM line {row} ({line.customer} ← {line.supplier}, {line.material})"
        for name in ("customer", "supplier"):
            if getattr(line, name) not in index:
                raise NetworkError(f"{where}, field `{name}`: unknown node {getattr(line, name)!r}")
        if not line.material:
            raise NetworkError(f"{where}, field `material`: empty")
        _check_value(where, "units_per_unit", line.units_per_unit)
        if line.units_per_unit <= 0:
            raise NetworkError(f"{where}, field `units_per_unit`: must be > 0")
        if line.customer == line.supplier:
            raise NetworkError(f"{where}: a node cannot supply itself")
        key = (line.customer, line.material, line.supplier)
        if key in seen:
            raise NetworkError(f"{where}: duplicate line")
        seen.add(key)
        first = ratio.setdefault((line.customer, line.material), line.units_per_unit)
        if first != line.units_per_unit:
            raise NetworkError(
                f"{where}, field `units_per_unit`: {line.units_per_unit} differs from {first} on another line "
                f"of the same (customer, material)"
            )
    return list(bom)
