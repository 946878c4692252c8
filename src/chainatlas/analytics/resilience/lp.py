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
        """Return the region of `nodes`: the groups of its nodes whose suppliers all lie in it (work in
        proportion to those nodes' BOM lines).

        A group with a supplier outside is left out: regions are built so that such a supplier is unlimited.
        """
        members = np.flatnonzero(nodes).astype(np.int64)
        groups = _ranges(network.group_ptr, members)
        g = network.groups
        sizes = (g.indptr[groups + 1] - g.indptr[groups]).astype(np.int64)
        lines = _ranges(g.indptr.astype(np.int64), groups)
        if lines.size:
            outside = np.add.reduceat((~nodes[g.indices[lines]]).astype(np.int64), np.cumsum(sizes) - sizes)
            keep = outside == 0
            groups, lines = groups[keep], lines[np.repeat(keep, sizes)]
        return Region(members, groups, lines)


def _ranges(indptr: Ints, rows: Ints) -> Ints:
    """Return the concatenated ranges indptr[r]:indptr[r + 1] for the rows r."""
    starts = indptr[rows]
    lengths = indptr[rows + 1] - starts
    return (np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(int(lengths.sum()))).astype(np.int64)


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
        self._baseline_survival: float | None = None
        self._survival_basis: highspy.HighsBasis | None = None
        self._rates: tuple[Floats, Floats] | None = None
        self._baseline_values = np.zeros(0)
        self.shipping = np.zeros(0)  # undisrupted daily shipments per node (with baseline_rates)
        self._last = ""

    def _constraint_blocks(self) -> tuple[Ints, Ints, Floats]:
        """Return (row, column, value) triplets of the BOM rows, then the flow rows, over the columns (u, y).

        y is one shipment per (supplier, customer) pair, as the format doc writes y_ij, counted in every
        group the pair serves. A pair that serves only sole-supplier groups is substituted out
        (y_ij = max r·u_j: shipping more only uses up the supplier), with those groups' BOM rows — an
        exact presolve step that leaves the Willems chains with production variables only.
        """
        net, reg = self.network, self.region
        nu = len(reg.nodes)
        line_pair = line_pairs(net)[reg.lines]
        line_group = net.line_group[reg.lines]
        sole = (np.diff(net.groups.indptr) == 1)[line_group]
        shared_pairs = np.unique(line_pair[~sole])
        kept_line = ~sole | np.isin(line_pair, shared_pairs)  # lines whose pair stays a variable
        groups_kept = np.unique(line_group[kept_line])
        group_row = np.full(net.groups.shape[0], -1, dtype=np.int64)
        group_row[groups_kept] = np.arange(len(groups_kept))
        pairs, line_col = np.unique(line_pair[kept_line], return_inverse=True)
        ny = len(pairs)
        supplier_of_pair = self.local[np.searchsorted(net.adjacency.indptr, pairs, side="right") - 1]
        customer = self.local[net.group_customer[groups_kept]]
        ng = len(groups_kept)
        bom_rows = np.concatenate([np.arange(ng), group_row[line_group[kept_line]]])
        bom_cols = np.concatenate([customer, nu + line_col.reshape(-1)])
        bom_vals = np.concatenate([net.group_ratio[groups_kept], -np.ones(len(line_col))])
        gone = ~kept_line  # sole-supplier lines of substituted pairs: supplier row gets r on the customer's u
        flow_rows = np.concatenate([supplier_of_pair, np.arange(nu), self.local[net.groups.indices[reg.lines[gone]]]])
        flow_cols = np.concatenate(
            [nu + np.arange(ny), np.arange(nu), self.local[net.group_customer[line_group[gone]]]]
        )
        flow_vals = np.concatenate([np.ones(ny), -np.ones(nu), net.group_ratio[line_group[gone]]])
        if (flow_rows < 0).any() or (flow_cols < 0).any():
            raise SolverError("a kept BOM line has its supplier outside the region")
        self.n_shipments = ny
        self.n_bom_rows = ng
        self.kept_pairs = pairs  # global pair (adjacency position) of each y column
        self.gone_lines = reg.lines[gone]  # lines whose pair was substituted: y = max r·u_customer
        flow_rows, flow_cols, flow_vals = _max_duplicates(flow_rows, flow_cols, flow_vals, nu + ny)
        return (
            np.concatenate([bom_rows, ng + flow_rows]),
            np.concatenate([bom_cols, flow_cols]),
            np.concatenate([bom_vals, flow_vals]),
        )

    # --- the loss LP: min Σ margin·l at a given t ---------------------------------------------------------

    def _build_loss(self) -> highspy.Highs:
        rows, cols, vals = self._blocks
        nu, ny, nl = len(self.region.nodes), self.n_shipments, len(self.sellers)
        n_rows = self.n_bom_rows + nu
        matrix = _csc(
            np.concatenate([rows, self.n_bom_rows + self.sellers]),
            np.concatenate([cols, nu + ny + np.arange(nl)]),
            np.concatenate([vals, -np.ones(nl)]),
            (n_rows, nu + ny + nl),
        )
        cost = np.concatenate([np.zeros(nu + ny), self.network.margin[self.region.nodes][self.sellers]])
        lower = np.zeros(nu + ny + nl)
        upper = np.full(nu + ny + nl, np.inf)
        row_lower = np.full(matrix.shape[0], -np.inf)
        row_upper = np.concatenate([np.zeros(self.n_bom_rows), self.inventory])
        return _pass(matrix, cost, lower, upper, row_lower, row_upper)

    def _loss_lp(self) -> highspy.Highs:
        if self._loss is None:
            self._loss = self._build_loss()
        return self._loss

    def loss(self, disrupted: Ints, t: float) -> float:
        """Return min Σ margin·lost demand over duration t with the (global) nodes `disrupted` stopped."""
        highs = self._loss_lp()
        nu, ny = len(self.region.nodes), self.n_shipments
        u_upper = self.capacity * t
        u_upper[self.local[disrupted][self.local[disrupted] >= 0]] = 0.0
        upper = np.concatenate([u_upper, self.demand[self.sellers] * t])
        cols = np.concatenate([np.arange(nu), nu + ny + np.arange(len(self.sellers))]).astype(np.int32)
        highs.changeColsBounds(len(cols), cols, np.zeros(len(cols)), upper)
        rows = (self.n_bom_rows + np.arange(nu)).astype(np.int32)
        highs.changeRowsBounds(  # type: ignore[attr-defined]  # in the C++ binding, not in the stub
            nu, rows, np.full(nu, -np.inf), self.inventory - self.demand * t
        )
        self._last = "loss"
        return _solve(highs)

    def baseline_loss(self, t: float) -> float:
        """Return the loss over duration t with nothing disrupted (cached per t; 0 without an LP while the
        undisrupted region survives t)."""
        if t <= self.baseline_survival():
            return 0.0
        if t not in self._baseline:
            self._baseline[t] = self.loss(np.empty(0, dtype=np.int64), t)
        return self._baseline[t]

    def impact(self, disrupted: Ints, t: float) -> tuple[float, float]:
        """Return (loss over t minus the undisrupted loss over t, survival time) for one disruption.

        The loss LP is skipped when the region survives t: no demand is lost, so both losses are 0.
        """
        survival = self.survival(disrupted)
        if t <= survival:
            return 0.0, survival
        return self.loss(disrupted, t) - self.baseline_loss(t), survival

    # --- the survival LP: max t with no lost demand ---------------------------------------------------------
    # Written in daily rates (u = t·ū, y = t·ȳ, τ = 1/t), which is the same LP after a change of variables:
    #   min τ  s.t.  Σ ȳ_out − ū − s·τ ≤ −d,  BOM rows,  0 ≤ ū ≤ c (0 when disrupted),  τ ≥ 1/horizon.
    # Capacities become plain bounds, so a disruption changes bounds only; TTS = 1/τ*, and an infeasible
    # LP means that no t > 0 survives (TTS = 0).

    def _build_survival(self) -> highspy.Highs:
        rows, cols, vals = self._blocks
        nu, ny = len(self.region.nodes), self.n_shipments
        stocked = np.flatnonzero(self.inventory)
        matrix = _csc(
            np.concatenate([rows, self.n_bom_rows + stocked]),
            np.concatenate([cols, np.full(len(stocked), nu + ny)]),
            np.concatenate([vals, -self.inventory[stocked]]),
            (self.n_bom_rows + nu, nu + ny + 1),
        )
        cost = np.zeros(nu + ny + 1)
        cost[-1] = 1.0
        lower = np.zeros(nu + ny + 1)
        lower[-1] = 1.0 / self.horizon
        upper = np.concatenate([self.capacity, np.full(ny + 1, np.inf)])
        row_upper = np.concatenate([np.zeros(self.n_bom_rows), -self.demand])
        return _pass(matrix, cost, lower, upper, np.full(matrix.shape[0], -np.inf), row_upper)

    def _survival_lp(self) -> highspy.Highs:
        if self._survival is None:
            self._survival = self._build_survival()
        return self._survival

    def baseline_survival(self) -> float:
        """Return the region's survival time with nothing disrupted (solved once; its basis and solution kept)."""
        if self._baseline_survival is None:
            highs = self._survival_lp()
            self._baseline_survival = self._solve_survival(np.empty(0, dtype=np.int64))
            self._survival_basis = highs.getBasis()
            self._baseline_values = np.asarray(highs.getSolution().col_value, dtype=np.float64)
        return self._baseline_survival

    def survival(self, disrupted: Ints) -> float:
        """Return the largest t ≤ horizon for which no demand in the region is lost with `disrupted` stopped,
        starting the simplex from the undisrupted optimum."""
        self.baseline_survival()
        if self._survival_basis is not None:
            self._survival_lp().setBasis(self._survival_basis)
        return self._solve_survival(disrupted)

    def solve_survival(self, disrupted: Ints) -> float:
        """Return the survival time with `disrupted` stopped, solved directly (no undisrupted solve first)."""
        return self._solve_survival(disrupted)

    def production(self) -> Floats:
        """Return u (the first columns) of the last solution, one value per region node."""
        highs = self._survival_lp() if self._last == "survival" else self._loss_lp()
        return np.asarray(highs.getSolution().col_value[: len(self.region.nodes)], dtype=np.float64)

    def baseline_rates(self) -> tuple[Floats, Floats]:
        """Return the undisrupted survival optimum as daily rates: (ū per network node, ȳ per network pair),
        with the substituted pairs' shipments restored (0 outside the region)."""
        if self._rates is None:
            self.baseline_survival()
            values = self._baseline_values
            net, nu = self.network, len(self.region.nodes)
            u = np.zeros(net.size)
            y = np.zeros(net.adjacency.nnz)
            if len(values):
                u[self.region.nodes] = values[:nu]
                y[self.kept_pairs] = values[nu : nu + self.n_shipments]
            gone = self.gone_lines
            need = net.group_ratio[net.line_group[gone]] * u[net.group_customer[net.line_group[gone]]]
            np.maximum.at(y, line_pairs(net)[gone], need)
            self._rates = (u, y)
            self.shipping = np.bincount(pair_suppliers(net), weights=y, minlength=net.size).astype(np.float64)
        return self._rates

    def _solve_survival(self, disrupted: Ints) -> float:
        highs = self._survival_lp()
        nu = len(self.region.nodes)
        upper = self.capacity.copy()
        upper[self.local[disrupted][self.local[disrupted] >= 0]] = 0.0
        highs.changeColsBounds(nu, np.arange(nu, dtype=np.int32), np.zeros(nu), upper)
        self._last = "survival"
        highs.run()
        status = highs.getModelStatus()
        if status == highspy.HighsModelStatus.kInfeasible:
            return 0.0
        return min(self.horizon, 1.0 / _objective(highs, status))


def _max_duplicates(rows: Ints, cols: Ints, vals: Floats, width: int) -> tuple[Ints, Ints, Floats]:
    """Return the triplets with duplicate (row, column) entries merged by their maximum (a pair serving several
    sole-supplier groups ships the largest requirement: y_ij = max r·u_j)."""
    keys = rows.astype(np.int64) * width + cols
    order = np.lexsort((vals, keys))
    keys, data = keys[order], vals[order]
    last = np.append(keys[1:] != keys[:-1], True)
    merged_rows, merged_cols = np.divmod(keys[last], width)
    return merged_rows, merged_cols, data[last]


def _csc(rows: Ints, cols: Ints, vals: Floats, shape: tuple[int, int]) -> sp.csc_matrix:
    return sp.csc_matrix((vals, (rows, cols)), shape=shape)


def pair_suppliers(network: Network) -> Ints:
    """Return the supplier of every (supplier, customer) pair, in `network.adjacency` storage order."""
    cached = network.__dict__.get("_pair_suppliers")
    if cached is None:
        adj = network.adjacency
        cached = np.repeat(np.arange(network.size, dtype=np.int64), np.diff(adj.indptr))
        object.__setattr__(network, "_pair_suppliers", cached)
    return np.asarray(cached, dtype=np.int64)


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
    return _objective(highs, highs.getModelStatus())


def _objective(highs: highspy.Highs, status: highspy.HighsModelStatus) -> float:
    if status != highspy.HighsModelStatus.kOptimal:
        raise SolverError(f"HiGHS ended with {highs.modelStatusToString(status)}")
    return float(highs.getInfo().objective_function_value)
