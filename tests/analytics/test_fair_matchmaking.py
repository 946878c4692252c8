"""Matchmaking: node overlap with ancestors, zh text similarity, veto and must-meet, the gap bonus (values by hand)."""

from __future__ import annotations

import math

import pytest

from chainatlas.analytics.matchmaking import (
    GAP_WEIGHT,
    MEET_BONUS,
    NODE_WEIGHT,
    TEXT_WEIGHT,
    MatchInput,
    Party,
    match_scores,
    node_overlap,
    node_similarity,
    recommendations,
    terms,
    text_similarity,
    tokenizer,
)

PARENT: dict[str, str | None] = {
    "U": None,
    "U.HYD": "U",
    "U.HYD.VAL": "U.HYD",
    "U.HYD.CYL": "U.HYD",
    "U.ENG": "U",
    "M": None,
    "M.EXC": "M",
}


def by_pair(pairs: list, exhibitor: str, buyer: str):  # type: ignore[no-untyped-def]
    return next(p for p in pairs if (p.exhibitor, p.buyer) == (exhibitor, buyer))


def test_node_similarity_follows_the_taxonomy() -> None:
    assert node_similarity(PARENT, "U.HYD", "U.HYD") == 1.0
    assert node_similarity(PARENT, "U.HYD.VAL", "U.HYD") == pytest.approx(1 / 2)  # child of the need
    assert node_similarity(PARENT, "U.HYD", "U.HYD.CYL") == pytest.approx(1 / 2)  # parent of the need
    assert node_similarity(PARENT, "U.HYD.VAL", "U.HYD.CYL") == pytest.approx(1 / 3)  # siblings
    assert node_similarity(PARENT, "U.HYD.VAL", "U.ENG") == 0.0  # only the segment root in common
    assert node_similarity(PARENT, "U.HYD", "M.EXC") == 0.0
    # needs U.HYD.CYL (best offer U.HYD.CYL: 1) and M.EXC (nothing: 0) → mean 0.5
    score, best = node_overlap(PARENT, ("U.HYD.VAL", "U.HYD.CYL"), ("U.HYD.CYL", "M.EXC"))
    assert score == pytest.approx(0.5) and best == ("U.HYD.CYL", "U.HYD.CYL")


def test_text_similarity_on_a_chinese_example() -> None:
    cutter = tokenizer()
    assert terms("油缸，油缸与轮胎", cutter) == ["油缸", "油缸", "轮胎"]
    assert terms("油缸和齿轮", cutter) == ["油缸", "齿轮"]
    # By hand: N = 2 documents; idf(油缸) = ln(3/3) + 1 = 1, idf(轮胎) = idf(齿轮) = ln(3/2) + 1.
    rare = math.log(1.5) + 1
    offer, need = [2 * 1.0, rare, 0.0], [1.0, 0.0, rare]
    expected = (offer[0] * need[0]) / (math.hypot(*offer) * math.hypot(*need))
    assert text_similarity(["油缸，油缸与轮胎"], ["油缸和齿轮"])[0, 0] == pytest.approx(expected, abs=1e-9)
    ranked = text_similarity(["液压油缸制造", "轮胎与橡胶件"], ["采购挖掘机用液压油缸"])
    assert ranked[0, 0] > 0 and ranked[1, 0] == 0.0


def _input(preferences: tuple[tuple[str, str, str], ...] = (), gaps: dict[str, float] | None = None) -> MatchInput:
    parties = (
        Party("X1", "exhibitor", in_cluster=False, offers=("U.HYD.VAL",)),
        Party("X2", "exhibitor", in_cluster=True, offers=("U.HYD.VAL",)),
        Party("X3", "exhibitor", in_cluster=False, offers=("M.EXC",)),
        Party("B1", "buyer", in_cluster=True, needs=("U.HYD",)),
        Party("B2", "buyer", in_cluster=False, needs=("U.HYD",)),
    )
    return MatchInput(parties=parties, node_parent=PARENT, preferences=preferences, gap_weight=gaps or {})


def test_no_thanks_is_a_veto_even_against_must_meet() -> None:
    pairs = match_scores(_input((("B1", "X1", "must"), ("X1", "B1", "no_thanks"), ("B2", "X2", "meet"))))
    vetoed = by_pair(pairs, "X1", "B1")
    assert vetoed.vetoed and vetoed.score == 0.0 and not vetoed.must
    assert "X1" not in {p.exhibitor for p in recommendations(pairs, "B1", k=10)}
    assert by_pair(pairs, "X2", "B2").score == pytest.approx(NODE_WEIGHT * 0.5 + MEET_BONUS)


def test_must_meet_dominates_a_better_match() -> None:
    pairs = match_scores(_input((("B1", "X3", "must"),)))
    ranked = recommendations(pairs, "B1", k=3)
    assert [p.exhibitor for p in ranked] == ["X3", "X1", "X2"]  # X3 offers nothing B1 needs, but B1 must meet it
    assert ranked[0].must and ranked[0].node == 0.0
    assert ranked[1].score == pytest.approx(NODE_WEIGHT * 0.5)


def test_gap_bonus_only_for_an_outside_supplier_meeting_a_cluster_buyer() -> None:
    pairs = match_scores(_input(gaps={"U.HYD": 0.8}))
    assert by_pair(pairs, "X1", "B1").gap == pytest.approx(
        0.8
    )  # outside exhibitor, offers below the gap, cluster buyer
    assert by_pair(pairs, "X1", "B1").score == pytest.approx(NODE_WEIGHT * 0.5 + GAP_WEIGHT * 0.8)
    assert by_pair(pairs, "X2", "B1").gap == 0.0  # the exhibitor is already in the cluster
    assert by_pair(pairs, "X1", "B2").gap == 0.0  # the buyer is outside the cluster
    assert any("chain gap" in reason for reason in by_pair(pairs, "X1", "B1").reasons_en)
    assert recommendations(pairs, "B1", k=1)[0].exhibitor == "X1"


def test_the_score_adds_its_weighted_parts() -> None:
    data = MatchInput(
        parties=(
            Party("X", "exhibitor", offers=("U.HYD",), offers_text="油缸，油缸与轮胎"),
            Party("B", "buyer", needs=("U.HYD",), needs_text="油缸和齿轮"),
        ),
        node_parent=PARENT,
        preferences=(("X", "B", "meet"), ("B", "X", "meet")),
    )
    pair = match_scores(data)[0]
    text = 2 / (math.hypot(2, math.log(1.5) + 1) * math.hypot(1, math.log(1.5) + 1))
    assert pair.score == pytest.approx(NODE_WEIGHT * 1.0 + TEXT_WEIGHT * text + 2 * MEET_BONUS, abs=1e-6)
    assert any("油缸" in reason for reason in pair.reasons_zh)


def test_reasons_word_an_exact_match_and_the_average_over_needs_clearly() -> None:
    data = MatchInput(
        parties=(
            Party("X", "exhibitor", offers=("U.HYD",)),
            Party("B", "buyer", needs=("U.HYD", "M.EXC")),
            Party("Y", "exhibitor", offers=("U.HYD.VAL",)),
            Party("C", "buyer", needs=("U.HYD",)),
        ),
        node_parent=PARENT,
        preferences=(("B", "X", "meet"), ("X", "B", "meet"), ("C", "Y", "meet")),
        node_names={"U.HYD": ("液压件", "Hydraulics"), "U.HYD.VAL": ("液压阀", "Valves")},
    )
    pairs = match_scores(data)
    exact = by_pair(pairs, "X", "B")  # one of two needs matched exactly: mean (1 + 0) / 2
    assert exact.node == pytest.approx(0.5)
    assert (
        "offers Hydraulics, which the buyer needs; node match averaged over the buyer's 2 needs 0.50"
        in exact.reasons_en
    )
    assert "供应「液压件」，正是采购方所需；按采购方 2 项需求平均的环节匹配 0.50" in exact.reasons_zh
    assert "both sides asked to meet" in exact.reasons_en and "双方均希望会见" in exact.reasons_zh
    related = by_pair(pairs, "Y", "C")  # a child of the only need: 1 / (1 + 1)
    assert "offers Valves, related to the need Hydraulics (similarity 0.50)" in related.reasons_en
    assert "one side asked to meet" in related.reasons_en and "一方希望会见" in related.reasons_zh
    assert not any("side(s)" in r for p in pairs for r in p.reasons_en)
