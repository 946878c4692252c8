"""Building networks (every bad record named), scenarios, structure helpers and mitigations."""

from __future__ import annotations

import numpy as np
import pytest

from chainatlas.analytics.resilience import (
    BomLine,
    NetworkError,
    NodeSpec,
    Scenario,
    ScenarioError,
    SerialExecutor,
    analyze,
    build_network,
    evaluate_scenario,
    exposed_nodes,
    failed_nodes,
    failures_by_location,
    mitigations,
    parse_scenario,
)
from chainatlas.analytics.resilience.sweep import scenario_pi

N, B = NodeSpec, BomLine


def _small() -> list[NodeSpec]:
    return [
        N("S", "CN/湖南省/长沙市/长沙县", ttr_days=10),
        N("T", "CN/湖南省/长沙市/长沙县城", ttr_days=5),
        N("A", "DE/Bayern", demand_per_day=5, inventory=20, margin=100, ttr_days=4),
    ]


@pytest.mark.parametrize(
    ("nodes", "bom", "message"),
    [
        ([N("S"), N("S")], [], "node 'S': duplicate id"),
        ([N("S", inventory=-1)], [], "node 'S', field `inventory`"),
        ([N("S", capacity_per_day=float("nan"))], [], "field `capacity_per_day`"),
        ([N("S")], [B("S", "m", "X", 1)], "field `supplier`: unknown node 'X'"),
        ([N("S"), N("A")], [B("A", "m", "S", 0)], "field `units_per_unit`: must be > 0"),
        ([N("S"), N("T"), N("A")], [B("A", "m", "S", 1), B("A", "m", "T", 2)], "differs from 1"),
        ([N("S"), N("A")], [B("A", "m", "S", 1), B("A", "m", "S", 1)], "duplicate line"),
        ([N("S")], [B("S", "m", "S", 1)], "cannot supply itself"),
    ],
)
def test_bad_records_are_named(nodes: list[NodeSpec], bom: list[BomLine], message: str) -> None:
    with pytest.raises(NetworkError, match=message.replace("(", r"\(")):
        build_network(nodes, bom)


def test_arrays_and_graph_helpers() -> None:
    net = build_network(_small(), [B("A", "p", "S", 2), B("A", "p", "T", 2), B("A", "q", "T", 1)])
    assert net.ids == ("S", "T", "A") and net.index["A"] == 2
    assert np.isinf(net.capacity).all() and list(net.demand) == [0, 0, 5]
    assert list(net.suppliers_of(2)) == [0, 1] and list(net.customers_of(1)) == [2] and list(net.customers_of(2)) == []
    assert sorted(net.group_material) == ["p", "q"] and net.groups.nnz == 3
    assert net.groups.shape == (2, 3) and list(net.group_ptr) == [0, 0, 0, 2]


def test_scenarios_select_nodes_locations_and_countries() -> None:
    net = build_network(_small(), [B("A", "p", "S", 1)])
    assert parse_scenario(net, "node:S, A").nodes == ("S", "A")
    assert parse_scenario(net, "location:CN/湖南省/长沙市/长沙县").nodes == ("S",)  # whole path parts only
    assert parse_scenario(net, "location:CN/湖南省").nodes == ("S", "T")
    assert parse_scenario(net, "country:DE").nodes == ("A",)
    for text, message in [
        ("node:X", "unknown node 'X'"),
        ("park:1", "expected node:"),
        ("country:FR", "no node"),
        ("node:", "nothing after"),
        ("node:S,,A", "empty node id"),
    ]:
        with pytest.raises(ScenarioError, match=message):
            parse_scenario(net, text)


def test_country_codes_match_in_any_case_and_errors_say_what_is_wrong() -> None:
    net = build_network(_small(), [B("A", "p", "S", 1)])
    assert parse_scenario(net, "country:de") == Scenario("country:DE", ("A",))
    assert parse_scenario(net, " country: Cn ") == Scenario("country:CN", ("S", "T"))
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(net, "node:S,NOPE")
    error = caught.value
    assert (error.text, error.reason, error.code, error.part) == (
        "node:S,NOPE",
        "unknown node 'NOPE'",
        "unknown_node",
        "NOPE",
    )
    assert str(error) == "scenario 'node:S,NOPE': unknown node 'NOPE'"
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(net, "country:fr")
    assert (caught.value.code, caught.value.part) == ("no_match", "FR")


def test_the_nodes_to_fix_are_the_most_exposed_then_the_costliest() -> None:
    # No links: each node's loss is its own. X sells its 20 of 5 × 10 = 50 → PI 30 × 1,000, TTS 2, exposure 3.
    # Y: 30 short × 1 → PI 30, TTS 0, exposure 30. V: 60 short × 1 → PI 60, exposure 30 (a tie with Y: V first).
    # Z: stock for 10 of its 30 days → PI 20, exposure 20. W: stock for its whole outage → PI 0, never fixed.
    nodes = [
        N("X", demand_per_day=10, inventory=20, margin=1000, ttr_days=5),
        N("Y", demand_per_day=1, margin=1, ttr_days=30),
        N("V", demand_per_day=2, margin=1, ttr_days=30),
        N("Z", demand_per_day=1, inventory=10, margin=1, ttr_days=30),
        N("W", demand_per_day=1, inventory=9, margin=1, ttr_days=3),
    ]
    analysis = analyze(build_network(nodes, []), executor=SerialExecutor())
    assert [(r.id, round(r.exposure_days, 6), round(r.pi, 6)) for r in exposed_nodes(analysis, 5)] == [
        ("V", 30, 60),
        ("Y", 30, 30),
        ("Z", 20, 20),
        ("X", 3, 30000),
    ]
    assert [m.node for m in mitigations(build_network(nodes, []), analysis, top=1)] == ["V", "V"]


def test_scenarios_built_by_hand_are_checked() -> None:
    net = build_network(_small(), [B("A", "p", "S", 1)])
    with pytest.raises(ScenarioError, match="unknown node 'X'"):
        evaluate_scenario(net, Scenario("x", ("S", "X")))
    with pytest.raises(ScenarioError, match="no node"):
        analyze(net, [Scenario("empty", ())], executor=SerialExecutor())
    with pytest.raises(ValueError, match="horizon"):
        analyze(net, horizon=0)


def test_failed_nodes_group_by_location() -> None:
    net = build_network(_small(), [B("A", "p", "S", 1)])
    down = failed_nodes(net, [0])
    assert failures_by_location(net, down, depth=1) == {"CN": ["S"], "DE": ["A"]}


def test_mitigations_are_scored_by_a_re_solve_and_ranked() -> None:
    # A (5/day, 20 in stock, margin 100) needs S's part; S down 10 days loses 30 units: PI 3,000.
    # T already supplies the same material `p` to B, so it is the candidate alternative: PI falls to 0.
    # 14 days of S's use (5/day) = 70 more parts at S cover the rest too; halving TTR to 5 days loses 5 -> 500.
    nodes = [*_small(), N("B", demand_per_day=1, margin=1, ttr_days=1)]
    net = build_network(nodes, [B("A", "p", "S", 1), B("B", "p", "T", 1)])
    found = mitigations(net, analyze(net, executor=SerialExecutor()), top=1)
    assert {m.kind: round(m.delta_pi, 6) for m in found} == {
        "alternative_supplier": 3000,
        "inventory": 3000,
        "faster_recovery": 2500,
    }
    alternative = next(m for m in found if m.kind == "alternative_supplier")
    assert (alternative.customer, alternative.material, alternative.supplier) == ("A", "p", "T")
    assert found[-1].kind == "faster_recovery" and "from 10 to 5 days" in found[-1].description
    assert found[0].to_json()["delta_pi"] == 3000


def test_a_mitigation_is_scored_by_its_loss_alone_however_many_other_sites() -> None:
    # As above, with 300 sites that have demand and no links (a year with few links: every profiled firm is a
    # site). S down 10 days still loses A 30 units × 100 = 3,000; the other sites are untouched, so scoring a
    # fix solves S's region only (its loss LP), not the survival of 300 components that a TTS would need.
    alone = [N(f"I{k:03d}", demand_per_day=1, margin=1, ttr_days=1) for k in range(300)]
    net = build_network(
        [*_small(), N("B", demand_per_day=1, margin=1, ttr_days=1), *alone], [B("A", "p", "S", 1), B("B", "p", "T", 1)]
    )
    assert scenario_pi(net, Scenario("S", ("S",))) == pytest.approx(3000, rel=1e-9)
    assert evaluate_scenario(net, Scenario("S", ("S",))).pi == pytest.approx(3000, rel=1e-9)
    assert scenario_pi(net, Scenario("I000", ("I000",))) == pytest.approx(1, rel=1e-9)  # 1 unit × 1 day × 1 yuan
    ticks: list[tuple[int, int]] = []
    found = mitigations(net, analyze(net, executor=SerialExecutor()), top=1, progress=lambda d, t: ticks.append((d, t)))
    assert {m.kind: round(m.delta_pi, 6) for m in found} == {
        "alternative_supplier": 3000,
        "inventory": 3000,
        "faster_recovery": 2500,
    }
    assert ticks == [(1, 1)]
