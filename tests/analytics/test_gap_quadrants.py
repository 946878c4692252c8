"""The gap quadrant: a feasibility equal to the median by value (0.9999999999999999 against 1.0) lies on the
feasible side, and nodes sharing one feasibility value are spread apart on the chart, true value in the tooltip."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest
from tests.analytics.chain_cases import LINKS, NO_YEAR, NODES, snapshot

from chainatlas.analytics import gaps
from chainatlas.analytics.chain import node_metrics
from chainatlas.domain.chain_results import ChainGap
from chainatlas.reports.chain_gaps import GapLine, gap_scatter, spread_offsets
from chainatlas.web.i18n import Translator

# B also buys the excavator (M.E) from A: a third node bought, all of it locally (gap 0, attractiveness 0).
WITH_EXCAVATOR = [*LINKS, ("A", "B", "M.E", 50.0, 2020, NO_YEAR)]
ALMOST_ONE = 0.9999999999999999  # 1.0 by value, the same sums added in another order


def test_a_feasibility_equal_to_the_median_by_value_is_on_the_feasible_side(monkeypatch: pytest.MonkeyPatch) -> None:
    # Feasibility: the pump and the excavator 1.0, the steel 0.9999999999999999; the median of the three is 1.0.
    crafted = np.zeros(len(NODES))
    crafted[[NODES.index("U.H.P"), NODES.index("M.E")]] = 1.0
    crafted[NODES.index("U.S")] = ALMOST_ONE
    monkeypatch.setattr(gaps, "relatedness_density", lambda _snapshot: crafted)
    built = snapshot(WITH_EXCAVATOR)
    rows = {r.code: r for r in gaps.gap_ranking(built, node_metrics(built, year=2024))}
    # Attractiveness: pump 160 × (1 + 1500/1570) × 1.5 ≈ 469.3, steel 30 × (1 + 1500/1570) ≈ 58.7, excavator 0;
    # the median is the steel's own, so the steel is attractive, and feasible as its value equals the median.
    assert rows["U.S"].feasibility == ALMOST_ONE
    assert (rows["U.H.P"].quadrant, rows["U.S"].quadrant, rows["M.E"].quadrant) == (
        "attract_now",
        "attract_now",
        "quick_win",
    )


def gap_line(rank: int, code: str, feasibility: float) -> GapLine:
    row = ChainGap(
        code=code,
        purchases=Decimal(100),
        local_rate_value=0.0,
        gap=Decimal(100),
        feasibility=feasibility,
        criticality=0.0,
        key_technology=False,
        strategic_value=1.0,
        attractiveness=100.0 * rank,
        score=100.0 * rank * feasibility,
        quadrant="watch",
        quadrant_zh="持续观察",
        reason_en="",
        reason_zh="",
    )
    return GapLine(rank=rank, row=row, name=code, score_index=1.0, reason="")


def test_nodes_sharing_one_feasibility_are_spread_apart_on_their_side() -> None:
    # Four of six nodes share 1.0 (one written 0.9999999999999999); the median of 1.0, 1.0, 1.0, 1.0, 0.2, 0.4 is 1.0.
    lines = [
        gap_line(1, "A", 1.0),
        gap_line(2, "B", ALMOST_ONE),
        gap_line(3, "C", 0.2),
        gap_line(4, "D", 1.0),
        gap_line(5, "E", 0.4),
        gap_line(6, "F", 1.0),
    ]
    chart = gap_scatter(lines, Translator("zh"))
    points = {p["code"]: p for s in chart["series"] for p in s["points"]}
    assert chart["x_median"] == 1.0
    # In rank order, 0.006 apart, to the right of the median line (the feasible side); single values stay put.
    assert [points[c]["value"][0] for c in "ABDF"] == [1.0, 1.006, 1.012, 1.018]
    assert (points["C"]["value"][0], points["E"]["value"][0]) == (0.2, 0.4)
    assert [points[c]["feasibility"] for c in "ABCDEF"] == ["1.0000", "1.0000", "0.2000", "1.0000", "0.4000", "1.0000"]
    assert chart["labels"]["feasibility"] == "可行性"


def test_a_shared_value_below_the_median_spreads_to_the_left_and_stays_below() -> None:
    # Nine at 0.3 and ten at 0.9: the median of nineteen values is the tenth smallest, 0.9.
    lines = [gap_line(n + 1, f"L{n}", 0.3) for n in range(9)] + [gap_line(n + 10, f"H{n}", 0.9) for n in range(10)]
    offsets = spread_offsets(lines, 0.9)
    # Nine share 0.3: 0.05 / 8 = 0.00625 is wider than 0.006, so 0.006 apart, to the left.
    assert [round(offsets[f"L{n}"], 6) for n in range(9)] == [round(-0.006 * n, 6) for n in range(9)]
    assert max(0.3 + offsets[f"L{n}"] for n in range(9)) < 0.9
    # Ten share 0.9: 0.05 / 9 ≈ 0.00556, narrower than 0.006; to the right.
    assert round(offsets["H9"], 6) == 0.05 and all(offsets[f"H{n}"] >= 0 for n in range(10))
