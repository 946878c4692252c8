"""Which part of the network a disruption can change, exactly (so each LP covers only that part).

The downstream cone alone is not enough: a disruption also moves supply between a cone node and its
suppliers' other customers (a customer of a stopped node turns to an alternative supplier and takes
output that another customer used; a customer that cannot produce frees its suppliers' output). Those
couplings run through shared *limited* suppliers. A node is *unlimited* when its capacity is unlimited
and each of its material types has an unlimited supplier (least fixpoint, so a closed cycle is not):
it can always meet every order, never loses demand, and couples nothing. Removing the unlimited nodes
outside the cone, and the material groups they can always meet, leaves a graph whose weakly connected
components are independent LPs; the *affected region* is the union of the components that meet the
cone. Outside it both the disrupted and the undisrupted LP are the same problems with the same optima.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from chainatlas.analytics.resilience.network import Bools, Ints, Network
from chainatlas.analytics.resilience.propagation import _positions, lines_by_supplier


def unlimited_nodes(network: Network, stopped: Bools | None = None) -> Bools:
    """Return the nodes that can always meet every order (least fixpoint; `stopped` nodes never can)."""
    lines = lines_by_supplier(network)
    n = network.size
    blocked = ~np.isinf(network.capacity)
    if stopped is not None:
        blocked |= stopped
    open_groups = np.diff(network.group_ptr).astype(np.int64)  # groups not yet met, per node
    met = np.zeros(len(lines.group_size), dtype=np.bool_)
    free = np.zeros(n, dtype=np.bool_)
    new = np.flatnonzero(~blocked & (open_groups == 0))
    free[new] = True
    while new.size:
        groups = np.unique(lines.group_of_line[_positions(lines.ptr, new)])
        groups = groups[~met[groups]]
        met[groups] = True
        np.subtract.at(open_groups, network.group_customer[groups], 1)
        customers = np.unique(network.group_customer[groups])
        new = customers[(open_groups[customers] == 0) & ~blocked[customers] & ~free[customers]]
        free[new] = True
    return free


def component_labels(network: Network, limited: Bools) -> Ints:
    """Return weak-component labels of the graph of `limited` nodes joined by the lines of groups whose
    suppliers are all limited (nodes outside `limited` get their own singleton labels)."""
    g = network.groups
    supplier = g.indices
    line_group = network.line_group
    bad = np.add.reduceat((~limited[supplier]).astype(np.int64), g.indptr[:-1]) if g.nnz else np.zeros(0)
    keep = (bad[line_group] == 0) & limited[network.group_customer[line_group]]
    rows, cols = supplier[keep], network.group_customer[line_group[keep]]
    graph = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(network.size, network.size))
    _, labels = connected_components(graph, directed=True, connection="weak")
    return np.asarray(labels, dtype=np.int64)


def affected_region(network: Network, cone: Bools, unlimited: Bools, base_labels: Ints | None = None) -> Bools:
    """Return the nodes whose LP can change when the nodes of `cone` (a downstream-closed set) are hit.

    `base_labels` (`component_labels(network, ~unlimited)`) saves the graph pass when the cone holds no
    unlimited node: the components are then the undisrupted ones.
    """
    if base_labels is not None and not (cone & unlimited).any():
        return np.asarray(np.isin(base_labels, np.unique(base_labels[cone])), dtype=np.bool_)
    limited = ~(unlimited & ~cone)
    labels = component_labels(network, limited)
    return np.asarray(np.isin(labels, np.unique(labels[cone])), dtype=np.bool_)
