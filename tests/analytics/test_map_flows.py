"""The map's chain figures on a hand-made snapshot: flows by supplier origin and local supporting rates by the
district of the buying members, worked out by hand."""

from __future__ import annotations

import numpy as np
import pytest

from chainatlas.analytics.map_flows import FlowTotal, district_local_rates, flow_totals, purchases
from chainatlas.analytics.snapshot import NO_YEAR, ChainSnapshot

# nodes: ROOT, A and B under it; firms: C1, C2 (buying members in districts X and Y), S1 (member in X), S2 (in
# province P, outside), S3 (abroad, DE). Links: S1→C1 A 100, S2→C1 A 300, S3→C2 B 50, S1→C2 A 20.
FIRMS = ("C1", "C2", "S1", "S2", "S3")
ORIGINS = [("cluster", "X"), ("cluster", "Y"), ("cluster", "X"), ("china", "P"), ("abroad", "DE")]
SNAPSHOT = ChainSnapshot(
    node_codes=("ROOT", "A", "B"),
    node_parent=np.array([-1, 0, 0]),
    node_key_technology=np.zeros(3, dtype=bool),
    firm_ids=FIRMS,
    firm_in_cluster=np.array([True, True, True, False, False]),
    firm_foreign=np.array([False, False, False, False, True]),
    makes_firm=np.array([], dtype=np.int64),
    makes_node=np.array([], dtype=np.int64),
    makes_output=np.array([], dtype=np.float64),
    link_supplier=np.array([2, 3, 4, 2]),
    link_customer=np.array([0, 0, 1, 1]),
    link_node=np.array([1, 1, 2, 1]),
    link_value=np.array([100.0, 300.0, 50.0, 20.0]),
    link_since=np.full(4, NO_YEAR),
    link_until=np.full(4, NO_YEAR),
    firm_district=("X", "Y", "X", None, None),
    firm_province=("湖南省", "湖南省", "湖南省", "P", None),
)


def test_flows_of_a_node_are_gathered_by_the_suppliers_origin() -> None:
    take = purchases(SNAPSHOT, node="A", customer=None, year=None)
    assert flow_totals(SNAPSHOT, take, ORIGINS) == [
        FlowTotal(("china", "P"), suppliers=1, links=1, value=300.0),
        FlowTotal(("cluster", "X"), suppliers=1, links=2, value=120.0),
    ]


def test_flows_of_one_firm_and_of_the_whole_taxonomy() -> None:
    take = purchases(SNAPSHOT, node=None, customer="C2", year=None)
    assert flow_totals(SNAPSHOT, take, ORIGINS) == [
        FlowTotal(("abroad", "DE"), suppliers=1, links=1, value=50.0),
        FlowTotal(("cluster", "X"), suppliers=1, links=1, value=20.0),
    ]


def test_local_supporting_rate_by_district_of_the_buyers() -> None:
    by_a = {r.district: r.rate for r in district_local_rates(SNAPSHOT, node="A", year=None)}
    assert by_a == {"X": pytest.approx(100 / 400), "Y": pytest.approx(1.0)}
    every = {r.district: r.rate for r in district_local_rates(SNAPSHOT, node=None, year=None)}
    assert every == {"X": pytest.approx(100 / 400), "Y": pytest.approx(20 / 70)}
