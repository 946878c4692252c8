"""Chain metrics on the hand-built cluster of chain_cases.py; every expected value worked out by hand."""

from __future__ import annotations

import math

import pytest
from tests.analytics.chain_cases import NODES, snapshot

from chainatlas.analytics.chain import cluster_hhi, covered, node_metrics
from chainatlas.analytics.snapshot import latest_year


def metrics_of(code: str, year: int | None = 2024) -> dict[str, object]:
    return node_metrics(snapshot(), year=year).row(NODES.index(code))


def test_pump_node() -> None:
    m = metrics_of("U.H.P")
    # In-cluster purchases in 2024: D→A 60, L→A 40, D→B 100 = 200 (D→S is bought outside the cluster).
    assert (m["purchases"], m["local_value"]) == (200.0, 40.0)
    assert m["local_rate_value"] == pytest.approx(40 / 200)  # 0.2
    assert (m["suppliers"], m["local_suppliers"], m["local_rate_count"]) == (2, 1, 0.5)
    assert m["hhi"] == pytest.approx(0.8**2 + 0.2**2)  # D has 160/200, L 40/200 → 0.68
    assert m["foreign_share"] == pytest.approx(160 / 200)
    # (A, pump) has two suppliers, (B, pump) one → one single-source pair out of two.
    assert (m["single_source_links"], m["customer_node_pairs"]) == (1, 2)
    # Customer HHI: A 0.6²+0.4² = 0.52 on 100, B 1.0 on 100 → (52 + 100) / 200 = 0.76.
    assert m["customer_hhi"] == pytest.approx(0.76)
    assert (m["enterprises_in_cluster"], m["enterprises_outside"], m["output_in_cluster"]) == (1, 1, 50.0)


def test_a_parent_with_one_child_equals_the_child() -> None:
    hydraulics, pump = metrics_of("U.H"), metrics_of("U.H.P")
    assert {k: v for k, v in hydraulics.items() if k not in {"code", "key_technology"}} == {
        k: v for k, v in pump.items() if k not in {"code", "key_technology"}
    }
    assert hydraulics["key_technology"] is True and pump["key_technology"] is False


def test_upstream_root_rolls_up_both_children() -> None:
    m = metrics_of("U")
    # Purchases 200 (pumps) + 30 + 10 (steel) = 240; local L: 40 + 10 = 50.
    assert (m["purchases"], m["local_value"]) == (240.0, 50.0)
    assert m["local_rate_value"] == pytest.approx(50 / 240)
    # Distinct suppliers over the subtree {D, L, S}; L counted once though it sells two nodes.
    assert (m["suppliers"], m["local_suppliers"]) == (3, 1)
    assert m["local_rate_count"] == pytest.approx(1 / 3)
    assert m["hhi"] == pytest.approx((160**2 + 50**2 + 30**2) / 240**2)  # 29000 / 57600
    assert m["foreign_share"] == pytest.approx(160 / 240)
    assert (m["single_source_links"], m["customer_node_pairs"]) == (3, 4)
    assert m["customer_hhi"] == pytest.approx((0.52 * 100 + 1.0 * 100 + 1.0 * 30 + 1.0 * 10) / 240)  # 0.8
    assert (m["enterprises_in_cluster"], m["enterprises_outside"]) == (1, 2)  # L inside; D and S outside


def test_steel_and_a_node_without_purchases() -> None:
    steel = metrics_of("U.S")
    assert steel["local_rate_value"] == pytest.approx(10 / 40)
    assert steel["hhi"] == pytest.approx(0.75**2 + 0.25**2)  # 0.625
    assert steel["foreign_share"] == 0.0 and steel["single_source_links"] == 2
    excavators = metrics_of("M.E")
    assert excavators["purchases"] == 0.0
    assert excavators["local_rate_value"] is None and excavators["hhi"] is None and excavators["foreign_share"] is None
    assert (excavators["enterprises_in_cluster"], excavators["output_in_cluster"]) == (2, 1500.0)


def test_year_selects_active_links() -> None:
    old = metrics_of("U.S", year=2016)
    # Only L→A steel (2015–2018) was active in 2016: all of it local.
    assert (old["purchases"], old["local_rate_value"], old["suppliers"]) == (20.0, 1.0, 1)
    assert metrics_of("U.H.P", year=2016)["purchases"] == 0.0
    assert latest_year(snapshot()) == 2020


def test_cluster_hhi_and_coverage() -> None:
    # 2024: D 160, L 50, S 30 of 240. All years: L also sold 20 more (2015–2018): D 160, L 70, S 30 of 260.
    assert cluster_hhi(snapshot(), year=2024) == pytest.approx(29000 / 57600)
    assert cluster_hhi(snapshot(), year=None) == pytest.approx((160**2 + 70**2 + 30**2) / 260**2)
    metrics = node_metrics(snapshot(), year=2024)
    assert [c for c, ok in zip(NODES, covered(metrics), strict=True) if ok] == ["U", "U.H", "U.H.P", "U.S", "M", "M.E"]
    assert [c for c, ok in zip(NODES, covered(metrics, at_least=2), strict=True) if ok] == ["M", "M.E"]
    assert math.isnan(metrics.local_rate_value[NODES.index("M")])


def test_location_quotient_against_national_totals() -> None:
    from chainatlas.analytics.chain import location_quotients

    metrics = node_metrics(snapshot(), year=2024)
    # Cluster output: U 70 (L makes 50 pumps + 20 steel), U.H.P 50 → 50/70 of the segment.
    # National: U 1000, U.H.P 100 → 0.1 of the segment. LQ = (50/70) / 0.1 = 7.142857…
    lq = location_quotients(snapshot(), metrics, {"U": 1000.0, "U.H.P": 100.0})
    assert lq[NODES.index("U.H.P")] == pytest.approx((50 / 70) / 0.1)
    assert lq[NODES.index("U")] == pytest.approx(1.0)
    assert math.isnan(lq[NODES.index("U.S")]) and math.isnan(lq[NODES.index("M.E")])


def test_a_link_without_a_value_counts_as_zero() -> None:
    from tests.analytics.chain_cases import LINKS

    from chainatlas.analytics.snapshot import NO_YEAR

    # A third pump supplier for B with no known value: B's pair now has two suppliers (not single-sourced),
    # and every value-based metric is as before (its value counts as 0), never NaN.
    links = [*LINKS, ("S", "B", "U.H.P", float("nan"), 2020, NO_YEAR)]
    m = node_metrics(snapshot(links), year=2024).row(NODES.index("U.H.P"))
    assert (m["purchases"], m["suppliers"], m["single_source_links"]) == (200.0, 3, 0)
    assert m["customer_hhi"] == pytest.approx(0.76) and m["hhi"] == pytest.approx(0.68)


def test_the_one_herfindahl_helper_by_hand() -> None:
    import numpy as np

    from chainatlas.analytics.chain import herfindahl

    # Group 0: items 3 and 1 of 4 → 0.75² + 0.25² = 0.625; group 1: one item → 1; group 2: no item and
    # group 3: items worth 0 → no index (NaN).
    index = herfindahl(np.array([0, 0, 1, 3], dtype=np.int64), np.array([3.0, 1.0, 5.0, 0.0]), 4)
    assert index[:2].tolist() == [0.625, 1.0] and np.isnan(index[2:]).all()
