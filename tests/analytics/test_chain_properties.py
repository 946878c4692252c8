"""Invariants of the chain metrics on random clusters (Hypothesis)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from chainatlas.analytics.chain import node_metrics
from chainatlas.analytics.snapshot import NO_YEAR, ChainSnapshot


@st.composite
def clusters(draw: st.DrawFn) -> ChainSnapshot:
    n_nodes, n_firms = draw(st.integers(1, 7)), draw(st.integers(2, 7))
    parent = [-1] + [draw(st.integers(-1, i - 1)) for i in range(1, n_nodes)]
    inside = draw(st.lists(st.booleans(), min_size=n_firms, max_size=n_firms))
    links = draw(
        st.lists(
            st.tuples(
                st.integers(0, n_firms - 1),
                st.integers(0, n_firms - 1),
                st.integers(0, n_nodes - 1),
                st.floats(0, 1e6, allow_nan=False),
            ),
            max_size=25,
        )
    )
    links = [link for link in links if link[0] != link[1]]
    makes = draw(
        st.lists(st.tuples(st.integers(0, n_firms - 1), st.integers(0, n_nodes - 1)), max_size=10, unique=True)
    )
    return ChainSnapshot(
        node_codes=tuple(f"N{i}" for i in range(n_nodes)),
        node_parent=np.array(parent, dtype=np.int64),
        node_key_technology=np.zeros(n_nodes, dtype=bool),
        firm_ids=tuple(f"F{i}" for i in range(n_firms)),
        firm_in_cluster=np.array(inside),
        firm_foreign=np.array([not x for x in inside]),
        makes_firm=np.array([a for a, _ in makes], dtype=np.int64),
        makes_node=np.array([b for _, b in makes], dtype=np.int64),
        makes_output=np.ones(len(makes)),
        link_supplier=np.array([s for s, *_ in links], dtype=np.int64),
        link_customer=np.array([c for _, c, *_ in links], dtype=np.int64),
        link_node=np.array([n for _, _, n, _ in links], dtype=np.int64),
        link_value=np.array([v for *_, v in links], dtype=np.float64),
        link_since=np.full(len(links), NO_YEAR, dtype=np.int64),
        link_until=np.full(len(links), NO_YEAR, dtype=np.int64),
    )


@settings(max_examples=150, deadline=None)
@given(clusters())
def test_rates_are_fractions(snapshot: ChainSnapshot) -> None:
    m = node_metrics(snapshot)
    for rate in (m.local_rate_value, m.local_rate_count, m.hhi, m.customer_hhi, m.foreign_share):
        defined = rate[~np.isnan(rate)]
        assert ((defined >= -1e-12) & (defined <= 1 + 1e-12)).all()


@settings(max_examples=150, deadline=None)
@given(clusters(), st.data())
def test_a_new_local_supplier_never_lowers_the_local_rate(snapshot: ChainSnapshot, data: st.DataObject) -> None:
    inside = np.flatnonzero(snapshot.firm_in_cluster)
    if len(inside) < 2:
        return
    supplier, customer = data.draw(st.sampled_from([(a, b) for a in inside for b in inside if a != b]))
    node = data.draw(st.integers(0, len(snapshot.node_codes) - 1))
    value = data.draw(st.floats(0, 1e6, allow_nan=False))
    grown = snapshot.with_changes(
        link_supplier=np.append(snapshot.link_supplier, supplier),
        link_customer=np.append(snapshot.link_customer, customer),
        link_node=np.append(snapshot.link_node, node),
        link_value=np.append(snapshot.link_value, value),
        link_since=np.append(snapshot.link_since, NO_YEAR),
        link_until=np.append(snapshot.link_until, NO_YEAR),
    )
    before, after = node_metrics(snapshot), node_metrics(grown)
    for old, new in (
        (before.local_rate_value, after.local_rate_value),
        (before.local_rate_count, after.local_rate_count),
    ):
        both = ~np.isnan(old) & ~np.isnan(new)
        assert (new[both] >= old[both] - 1e-9).all()


@settings(max_examples=100, deadline=None)
@given(clusters())
def test_roll_ups_equal_the_sum_of_their_parts(snapshot: ChainSnapshot) -> None:
    m = node_metrics(snapshot)
    take = snapshot.firm_in_cluster[snapshot.link_customer]
    direct = np.bincount(
        snapshot.link_node[take], weights=snapshot.link_value[take], minlength=len(snapshot.node_codes)
    )
    for i in range(len(snapshot.node_codes)):
        children = np.flatnonzero(snapshot.node_parent == i)
        parts = direct[i] + m.purchases[children].sum()
        assert abs(m.purchases[i] - parts) <= 1e-9 * max(1.0, parts)


@given(st.integers(1, 12), st.floats(1, 1e6, allow_nan=False))
def test_hhi_is_one_over_n_for_n_equal_sources(n: int, value: float) -> None:
    firms = n + 1  # firm 0 is the in-cluster customer, firms 1..n its suppliers
    snapshot = ChainSnapshot(
        node_codes=("X",),
        node_parent=np.array([-1], dtype=np.int64),
        node_key_technology=np.zeros(1, dtype=bool),
        firm_ids=tuple(f"F{i}" for i in range(firms)),
        firm_in_cluster=np.array([True] + [False] * n),
        firm_foreign=np.zeros(firms, dtype=bool),
        makes_firm=np.zeros(0, dtype=np.int64),
        makes_node=np.zeros(0, dtype=np.int64),
        makes_output=np.zeros(0),
        link_supplier=np.arange(1, firms, dtype=np.int64),
        link_customer=np.zeros(n, dtype=np.int64),
        link_node=np.zeros(n, dtype=np.int64),
        link_value=np.full(n, value),
        link_since=np.full(n, NO_YEAR, dtype=np.int64),
        link_until=np.full(n, NO_YEAR, dtype=np.int64),
    )
    m = node_metrics(snapshot)
    assert abs(m.hhi[0] - 1 / n) < 1e-12 and abs(m.customer_hhi[0] - 1 / n) < 1e-12
    assert m.single_source_links[0] == (1 if n == 1 else 0)
