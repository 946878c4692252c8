"""Gap ranking, attraction targets and what-if on the hand-built cluster; values worked out by hand."""

from __future__ import annotations

import numpy as np
import pytest
from tests.analytics.chain_cases import NODES, snapshot

from chainatlas.analytics.chain import node_metrics
from chainatlas.analytics.gaps import gap_ranking, proximity, relatedness_density
from chainatlas.analytics.targets import attraction_targets
from chainatlas.analytics.whatif import evaluate
from chainatlas.domain.chain_results import AddSupplierChange, AttractChange, ChainMetric

# Firm output (sum of what each makes): A 1000, B 500, L 20+50 = 70, D 300, S 80. In the cluster: 1570.
IN_CLUSTER_OUTPUT = 1000 + 500 + 70


def test_proximity_and_density() -> None:
    # Makers: M.E {A, B}; U.H.P {L, D}; U.S {S, L}. Only L makes two nodes: φ(U.H.P, U.S) = 1 / max(2, 2).
    phi = proximity(snapshot()).toarray()
    pump, steel = NODES.index("U.H.P"), NODES.index("U.S")
    assert phi[pump, steel] == phi[steel, pump] == 0.5
    assert phi.sum() == 1.0
    # The cluster makes U.S (through L), so the pump's only neighbour is present: density 0.5 / 0.5 = 1.
    density = relatedness_density(snapshot())
    assert density[pump] == density[steel] == 1.0 and density[NODES.index("M.E")] == 0.0


def test_gap_ranking() -> None:
    rows = gap_ranking(snapshot(), node_metrics(snapshot(), year=2024))
    assert [r.code for r in rows] == ["U.H.P", "U.S"]
    pump, steel = rows
    # Pump: bought 200, 20 % locally → gap 160; A and B buy it and make 1500 of 1570; below U.H (key technology).
    assert pump.gap == pytest.approx(160)
    assert pump.criticality == pytest.approx(1500 / IN_CLUSTER_OUTPUT)
    assert pump.key_technology is True
    assert pump.strategic_value == pytest.approx((1 + 1500 / 1570) * 1.5)
    assert pump.score == pytest.approx(160 * (1 + 1500 / 1570) * 1.5 * 1.0, abs=0.005)  # money to the fen
    # Steel: bought 40, 25 % locally → gap 30; not a key technology.
    assert steel.gap == pytest.approx(30) and steel.strategic_value == pytest.approx(1 + 1500 / 1570)
    # Medians of the two: the pump is above both cuts, the steel below on attractiveness only.
    assert (pump.quadrant, steel.quadrant) == ("attract_now", "quick_win")
    assert "20% from local suppliers" in pump.reason_en and "卡脖子" in pump.reason_zh


def test_attraction_targets_for_the_pump() -> None:
    rows = attraction_targets(snapshot(), "U.H.P")
    # Outside makers of U.H.P: only D (S makes steel). D: match 1, scale log(301)/log(301) = 1,
    # no tags, 2 links to cluster firms (D→A, D→B; it is the most linked: 1.0), abroad (0.3).
    assert [r.firm_id for r in rows] == ["D"]
    assert rows[0].factors == {"match": 1.0, "scale": 1.0, "tags": 0.0, "links": 1.0, "region": 0.3}
    assert rows[0].score == pytest.approx(0.35 + 0.20 + 0.0 + 0.20 + 0.10 * 0.3)
    assert rows[0].reasons["links"] == "already sells to cluster enterprises through 2 link(s)"


def test_parent_category_makers_are_weaker_matches() -> None:
    rows = attraction_targets(snapshot(), "U.S")
    assert [(r.firm_id, r.factors["match"]) for r in rows] == [("S", 1.0)]
    assert attraction_targets(snapshot(), "M.E") == []  # only cluster firms make excavators


def test_what_if_attracting_the_german_pump_maker() -> None:
    before, after, diff = evaluate(
        snapshot(), [AttractChange(action="attract", firm="D", district="长沙县")], year=2024
    )
    pump = NODES.index("U.H.P")
    # D's 160 of the 200 becomes local: (40 + 160) / 200 = 1; foreign share 0.
    assert (before.local_rate_value[pump], after.local_rate_value[pump]) == (pytest.approx(0.2), pytest.approx(1.0))
    assert after.foreign_share[pump] == 0.0
    changed = {d.code for d in diff}
    assert changed == {"U", "U.H", "U.H.P"}
    assert np.isclose(before.local_rate_value[NODES.index("U.S")], after.local_rate_value[NODES.index("U.S")])


def test_what_if_adding_a_local_supplier() -> None:
    change = AddSupplierChange(action="add_supplier", firm="L", node="U.H.P", customer="B", value=100.0)
    _, after, diff = evaluate(snapshot(), [change], year=2024)
    pump = NODES.index("U.H.P")
    # 300 bought, 40 + 100 local → 140 / 300; (B, pump) no longer single-sourced.
    assert after.local_rate_value[pump] == pytest.approx(140 / 300)
    assert after.single_source_links[pump] == 0
    move = next(d for d in diff if d.code == "U.H.P").changes[ChainMetric.SINGLE_SOURCE_LINKS]
    assert (move.before, move.after) == (1, 0)
