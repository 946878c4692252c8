"""The Simchi-Levi TTR/TTS linear programs (format doc) over one region of a network, on HiGHS.

A `RegionModel` builds each LP once and re-solves it after changing only bounds (the disrupted set, t):
HiGHS then starts from the previous optimal basis (dual simplex hot start).

Columns: u (production, one per region node), y (shipments, one per BOM line kept), l (lost demand, one
per region node with demand) — and, in the survival LP, t. Rows: one BOM row per material group kept
(r·u_j − Σ y ≤ 0), one flow row per node (Σ y out + d·t − l − u ≤ s), and in the survival LP one
capacity row per finite capacity (u − c·t ≤ 0).
"""

from __future__ import annotations

import os
import sys
import threading
from dataclasses import dataclass

import highspy
import numpy as np
import scipy.sparse as sp

from chainatlas.analytics.resilience.network import Bools, Floats, Ints, Network

_TOLERANCE = 1e-9
_banner_lock = threading.Lock()
_banner_done = False


class SolverError(RuntimeError):
    """HiGHS did not reach an optimal solution (should not happen: every LP here is feasible and bounded)."""


def new_highs() -> highspy.Highs:
    """Return a silent HiGHS instance (the first one in a process prints a banner on fd 1: swallow it)."""
    global _banner_done
    with _banner_lock:
        if _banner_done:
            highs = highspy.Highs()  # type: ignore[no-untyped-call]
        else:
            sys.stdout.flush()
            saved = os.dup(1)
            try:
                with open(os.devnull, "wb") as null:
                    os.dup2(null.fileno(), 1)
                    highs = highspy.Highs()  # type: ignore[no-untyped-call]
            finally:
                os.dup2(saved, 1)
                os.close(saved)
            _banner_done = True
    highs.setOptionValue("output_flag", False)
    for option in ("primal_feasibility_tolerance", "dual_feasibility_tolerance"):
        highs.setOptionValue(option, _TOLERANCE)
    highs.setOptionValue("threads", 1)
    return highs


@dataclass(frozen=True)
class Region:
    """The part of a network one LP covers: nodes, the material groups kept and their BOM lines.

    A group is left out when one of its suppliers is *unlimited* (it can always be met), and so are its lines.
    `regions.affected_region` builds regions so that this restriction is exact.
    """

    nodes: Ints  # sorted node indices
    groups: Ints  # group indices kept
    lines: Ints  # storage positions (in network.groups) of the kept groups' lines

    @staticmethod
    def of(network: Network, nodes: Bools) -> Region:
        """Return the region of `nodes`: the groups of its nodes whose suppliers all lie in it.

        A group with a supplier outside is left out: regions are built so that such a supplier is unlimited.
        """
        g = network.groups
        outside = np.add.reduceat((~nodes[g.indices]).astype(np.int64), g.indptr[:-1]) if g.nnz else np.zeros(0)
        keep = nodes[network.group_customer] & (outside == 0)
        groups = np.flatnonzero(keep).astype(np.int64)
        lengths = np.diff(g.indptr)[groups]
        starts = g.indptr[groups]
        lines = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(int(lengths.sum()))
        return Region(np.flatnonzero(nodes).astype(np.int64), groups, lines.astype(np.int64))


class RegionModel:
    """The loss LP and the survival LP of one region, built lazily, re-solved warm."""

    def __init__(self, network: Network, region: Region, horizon: float) -> None:
        self.network = network
        self.region = region
        self.horizon = horizon
        n = network.size
        self.local = np.full(n, -1, dtype=np.int64)
        self.local[region.nodes] = np.arange(len(region.nodes))
        nodes = region.nodes
        self.demand = network.demand[nodes]
        self.capacity = network.capacity[nodes]
        self.inventory = network.inventory[nodes]
        self.sellers = np.flatnonzero(self.demand > 0)
        self.finite = np.flatnonzero(np.isfinite(self.capacity))
        self._blocks = self._constraint_blocks()
        self._loss: highspy.Highs | None = None
        self._survival: highspy.Highs | None = None
        self._baseline: dict[float, float] = {}

    def _constraint_blocks(self) -> tuple[sp.csr_matrix, sp.csr_matrix]:
        """Return the BOM rows and the flow rows over the columns (u, y); y is one shipment per
        (supplier, customer) pair, as the format doc writes y_ij, counted in every group the pair serves."""
        net, reg = self.network, self.region
        nu = len(reg.nodes)
        group_row = np.full(net.groups.shape[0], -1, dtype=np.int64)
        group_row[reg.groups] = np.arange(len(reg.groups))
        pairs, line_col = np.unique(line_pairs(net)[reg.lines], return_inverse=True)
        ny = len(pairs)
        pair_supplier = self.local[np.searchsorted(net.adjacency.indptr, pairs, side="right") - 1]
        if (pair_supplier < 0).any():
            raise SolverError("a kept BOM line has its supplier outside the region")
        ng = len(reg.groups)
        customer = self.local[net.group_customer[reg.groups]]
        rows = np.concatenate([np.arange(ng), group_row[net.line_group[reg.lines]]])
        cols = np.concatenate([customer, nu + line_col.reshape(-1)])
        vals = np.concatenate([net.group_ratio[reg.groups], -np.ones(len(reg.lines))])
        bom = sp.csr_matrix((vals, (rows, cols)), shape=(ng, nu + ny))
        flow = sp.csr_matrix(
            (np.concatenate([np.ones(ny), -np.ones(nu)]),
             (np.concatenate([pair_supplier, np.arange(nu)]), np.concatenate([nu + np.arange(ny), np.arange(nu)]))),
            shape=(nu, nu + ny),
        )  # fmt: skip
        self.n_shipments = ny
        return bom, flow

    # --- the loss LP: min Σ margin·l at a given t ---------------------------------------------------------

    def _build_loss(self) -> highspy.Highs:
        bom, flow = self._blocks
        nu, ny, nl = len(self.region.nodes), self.n_shipments, len(self.sellers)
        lost = sp.csr_matrix((-np.ones(nl), (self.sellers, np.arange(nl))), shape=(nu, nl))
        matrix = sp.vstack([sp.hstack([bom, sp.csr_matrix((bom.shape[0], nl))]), sp.hstack([flow, lost])]).tocsc()
        cost = np.concatenate([np.zeros(nu + ny), self.network.margin[self.region.nodes][self.sellers]])
        lower = np.zeros(nu + ny + nl)
        upper = np.full(nu + ny + nl, np.inf)
        row_lower = np.full(matrix.shape[0], -np.inf)
        row_upper = np.concatenate([np.zeros(bom.shape[0]), self.inventory])
        return _pass(matrix, cost, lower, upper, row_lower, row_upper)

    def loss(self, disrupted: Ints, t: float) -> float:
        """Return min Σ margin·lost demand over duration t with the (global) nodes `disrupted` stopped."""
        if self._loss is None:
            self._loss = self._build_loss()
        highs = self._loss
        nu, ny = len(self.region.nodes), self.n_shipments
        u_upper = self.capacity * t
        u_upper[self.local[disrupted][self.local[disrupted] >= 0]] = 0.0
        upper = np.concatenate([u_upper, self.demand[self.sellers] * t])
        cols = np.concatenate([np.arange(nu), nu + ny + np.arange(len(self.sellers))]).astype(np.int32)
        highs.changeColsBounds(len(cols), cols, np.zeros(len(cols)), upper)
        rows = (len(self.region.groups) + np.arange(nu)).astype(np.int32)
        highs.changeRowsBounds(  # type: ignore[attr-defined]  # in the C++ binding, not in the stub
            nu, rows, np.full(nu, -np.inf), self.inventory - self.demand * t
        )
        return _solve(highs)

    def baseline_loss(self, t: float) -> float:
        """Return the loss over duration t with nothing disrupted (cached per t)."""
        if t not in self._baseline:
            self._baseline[t] = self.loss(np.empty(0, dtype=np.int64), t)
        return self._baseline[t]

    # --- the survival LP: max t with no lost demand ---------------------------------------------------------

    def _build_survival(self) -> highspy.Highs:
        bom, flow = self._blocks
        nu, ny = len(self.region.nodes), self.n_shipments
        nc = len(self.finite)
        t_flow = sp.csr_matrix(self.demand.reshape(-1, 1))
        cap = sp.csr_matrix(
            (np.concatenate([np.ones(nc), -self.capacity[self.finite]]),
             (np.concatenate([np.arange(nc), np.arange(nc)]), np.concatenate([self.finite, np.full(nc, nu + ny)]))),
            shape=(nc, nu + ny + 1),
        )  # fmt: skip
        matrix = sp.vstack([
            sp.hstack([bom, sp.csr_matrix((bom.shape[0], 1))]), sp.hstack([flow, t_flow]), cap,
        ]).tocsc()  # fmt: skip
        cost = np.zeros(nu + ny + 1)
        cost[-1] = -1.0
        upper = np.full(nu + ny + 1, np.inf)
        upper[-1] = self.horizon
        row_upper = np.concatenate([np.zeros(bom.shape[0]), self.inventory, np.zeros(nc)])
        return _pass(matrix, cost, np.zeros(nu + ny + 1), upper, np.full(matrix.shape[0], -np.inf), row_upper)

    def survival(self, disrupted: Ints) -> float:
        """Return the largest t ≤ horizon for which no demand in the region is lost with `disrupted` stopped."""
        if self._survival is None:
            self._survival = self._build_survival()
        highs = self._survival
        nu = len(self.region.nodes)
        upper = np.full(nu, np.inf)
        upper[self.local[disrupted][self.local[disrupted] >= 0]] = 0.0
        highs.changeColsBounds(nu, np.arange(nu, dtype=np.int32), np.zeros(nu), upper)
        return -_solve(highs)


def line_pairs(network: Network) -> Ints:
    """Return, per BOM line, the storage position of its (supplier, customer) pair in `network.adjacency`."""
    cached = network.__dict__.get("_line_pairs")
    if cached is None:
        n = network.size
        adj = network.adjacency
        pair_keys = np.repeat(np.arange(n, dtype=np.int64), np.diff(adj.indptr)) * n + adj.indices
        line_keys = network.line_supplier * n + network.group_customer[network.line_group]
        cached = np.searchsorted(pair_keys, line_keys).astype(np.int64)
        object.__setattr__(network, "_line_pairs", cached)
    return np.asarray(cached, dtype=np.int64)


def _pass(
    matrix: sp.csc_matrix, cost: Floats, lower: Floats, upper: Floats, row_lower: Floats, row_upper: Floats
) -> highspy.Highs:
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = matrix.shape[1], matrix.shape[0]
    lp.col_cost_, lp.col_lower_, lp.col_upper_ = cost, lower, upper
    lp.row_lower_, lp.row_upper_ = row_lower, row_upper
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = matrix.indptr.astype(np.int32)
    lp.a_matrix_.index_ = matrix.indices.astype(np.int32)
    lp.a_matrix_.value_ = matrix.data.astype(np.float64)
    highs = new_highs()
    highs.passModel(lp)
    return highs


def _solve(highs: highspy.Highs) -> float:
    highs.run()
    status = highs.getModelStatus()
    if status != highspy.HighsModelStatus.kOptimal:
        raise SolverError(f"HiGHS ended with {highs.modelStatusToString(status)}")
    return float(highs.getInfo().objective_function_value)
