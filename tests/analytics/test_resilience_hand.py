"""PI, TTS and single points of failure on small networks worked out by hand, each also checked against the
brute-force LPs of resilience_oracle (dense linprog over the whole network)."""

from __future__ import annotations

import pytest
from tests.analytics.resilience_oracle import Plain, close, is_spof, performance_impact, time_to_survive

from chainatlas.analytics.resilience import (
    BomLine,
    NodeSpec,
    Scenario,
    SerialExecutor,
    analyze,
    build_network,
    evaluate_scenario,
)

N, B = NodeSpec, BomLine


def _check(nodes: list[NodeSpec], bom: list[BomLine], expected: dict[str, tuple[float, float, bool]]) -> None:
    """Engine and oracle both give the hand values (PI, TTS, SPOF) for every node's single disruption."""
    network = build_network(nodes, bom)
    results = {r.id: r for r in analyze(network, executor=SerialExecutor()).nodes}
    plain = Plain(nodes, bom)
    for node, (pi, tts, spof) in expected.items():
        assert close(performance_impact(plain, {node}), pi), node
        assert close(time_to_survive(plain, {node}), tts), node
        assert is_spof(plain, node) is spof, node
        got = results[node]
        assert close(got.pi, pi), (node, got)
        assert close(got.tts_days, tts), (node, got)
        assert got.spof is spof, (node, got)
        assert close(got.exposure_days, max(0.0, got.ttr_days - tts)), node


def test_two_tier_chain_with_a_sole_source() -> None:
    # A sells 5/day and needs 2 parts from S per unit; A holds 20 units.
    # S down 10 days: A sells its 20, loses 50 - 20 = 30 at 100 -> PI 3,000; stock lasts 20/5 = 4 days.
    # A down 4 days: its 20 units cover 4 x 5 -> PI 0, TTS 4. S stops A (demand): SPOF; A stops no other node.
    nodes = [N("S", ttr_days=10), N("A", demand_per_day=5, inventory=20, margin=100, ttr_days=4)]
    bom = [B("A", "part", "S", 2)]
    _check(nodes, bom, {"S": (3000, 4, True), "A": (0, 4, False)})


def test_inventory_at_the_stopped_supplier_is_still_shipped() -> None:
    # As above, S holds 10 parts = 5 more units of A: TTS (20 + 5)/5 = 5; S down 10 days loses 50 - 25 = 25.
    nodes = [N("S", inventory=10, ttr_days=10), N("A", demand_per_day=5, inventory=20, margin=100, ttr_days=4)]
    _check(nodes, [B("A", "part", "S", 2)], {"S": (2500, 5, True), "A": (0, 4, False)})


def test_an_alternative_supplier() -> None:
    # A sells 5/day (margin 10), no stock; part from S1 (3/day) or S2 (4/day): together enough, nothing lost.
    # S1 down 10 days: 4/day -> loses 1/day x 10 = 10 units -> PI 100, TTS 0 (no stock).
    # S2 down 6 days: 3/day -> loses 2/day x 6 = 12 -> PI 120. A down 2 days: loses 10 -> 100.
    # Neither supplier is a SPOF (the other remains); A has no other demand node to stop.
    nodes = [
        N("S1", capacity_per_day=3, ttr_days=10),
        N("S2", capacity_per_day=4, ttr_days=6),
        N("A", demand_per_day=5, margin=10, ttr_days=2),
    ]
    bom = [B("A", "part", "S1", 1), B("A", "part", "S2", 1)]
    _check(nodes, bom, {"S1": (100, 0, False), "S2": (120, 0, False), "A": (100, 0, False)})


def test_inventory_covers_part_of_the_outage() -> None:
    # As above with 6 units at A: S1 down 10 days: 40 made + 6 -> loses 4 -> PI 40; deficit 1/day -> TTS 6.
    # S2 down 6 days: 18 made + 6 -> loses 6 -> PI 60; deficit 2/day -> TTS 3. A down 2 days: 6 of 10 -> 40.
    nodes = [
        N("S1", capacity_per_day=3, ttr_days=10),
        N("S2", capacity_per_day=4, ttr_days=6),
        N("A", demand_per_day=5, inventory=6, margin=10, ttr_days=2),
    ]
    bom = [B("A", "part", "S1", 1), B("A", "part", "S2", 1)]
    _check(nodes, bom, {"S1": (40, 6, False), "S2": (60, 3, False), "A": (40, 1.2, False)})


def test_a_capacity_bound_network_is_measured_net_of_its_baseline() -> None:
    # A sells 10/day but makes at most 8/day, holds 30 (margin 50); S (unlimited) supplies it.
    # Undisrupted A lasts until 10t = 8t + 30: t = 15.
    # A down 10 days: sells 30, loses 70 -> 3,500; undisrupted over 10 days nothing is lost -> PI 3,500; TTS 3.
    # S down 20 days: sells 30, loses 170 -> 8,500; undisrupted over 20 days it loses 200 - 190 = 10 -> 500:
    # PI 8,000; TTS 3. S is a SPOF.
    nodes = [N("S", ttr_days=20), N("A", demand_per_day=10, capacity_per_day=8, inventory=30, margin=50, ttr_days=10)]
    _check(nodes, [B("A", "part", "S", 1)], {"S": (8000, 3, True), "A": (3500, 3, False)})


def test_a_disruption_moves_supply_outside_its_cone() -> None:
    # P (10/day) supplies A (margin 2) and B (margin 1), each selling 10/day; A also needs Q's part.
    # Undisrupted, P's 10 go to A: B loses 10/day. Q down 3 days: A stops, P's output goes to B:
    # A loses 20/day x 3 = 60 and B nothing, against 30 undisrupted -> PI 30. (Keeping B, outside Q's cone,
    # as in the baseline would give 90 - 30 = 60: the affected region must include it.)
    nodes = [
        N("P", capacity_per_day=10, ttr_days=1),
        N("Q", ttr_days=3),
        N("A", demand_per_day=10, margin=2, ttr_days=1),
        N("B", demand_per_day=10, margin=1, ttr_days=1),
    ]
    bom = [B("A", "p", "P", 1), B("A", "q", "Q", 1), B("B", "p", "P", 1)]
    network = build_network(nodes, bom)
    result = evaluate_scenario(network, Scenario("Q", ("Q",)))
    assert result.pi == pytest.approx(30, rel=1e-9)
    assert close(performance_impact(Plain(nodes, bom), {"Q"}), 30)
    assert set(result.failed) == {"Q", "A"}


def test_a_group_disruption_lasts_its_longest_ttr() -> None:
    # Both suppliers of the alternative case down: t = max(10, 6) = 10, A loses all 50 -> 500, TTS 0.
    nodes = [
        N("S1", capacity_per_day=3, ttr_days=10),
        N("S2", capacity_per_day=4, ttr_days=6),
        N("A", demand_per_day=5, margin=10, ttr_days=2),
    ]
    network = build_network(nodes, [B("A", "part", "S1", 1), B("A", "part", "S2", 1)])
    analysis = analyze(network, [Scenario("both", ("S1", "S2"))], executor=SerialExecutor())
    (both,) = analysis.scenarios
    assert (both.ttr_days, both.pi, both.tts_days, set(both.failed)) == (10, pytest.approx(500), 0, {"S1", "S2", "A"})
    assert analysis.to_json()["scenarios"][0] == {
        "name": "both",
        "nodes": ["S1", "S2"],
        "ttr_days": 10,
        "pi": pytest.approx(500),
        "tts_days": 0,
        "failed": ["S1", "S2", "A"],
    }
    assert [r.rei for r in analysis.nodes] == [pytest.approx(100 / 120), 1.0, pytest.approx(100 / 120)]
