"""Break counting on hand-made agendas (the paper's patterns; ★ busy, 0 idle)."""

from __future__ import annotations

import itertools

import pytest
from tests.analytics.b2b_check import pattern_breaks

from chainatlas.analytics.b2b.problem import B2BProblem, Meeting, Session, count_breaks, participant_breaks


def busy(pattern: str) -> list[int]:
    return [t for t, c in enumerate(pattern, 1) if c == "★"]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("0★★00★00", 1),  # the paper's first example
        ("★000★0★0", 2),  # the paper's second example
        ("00★★★000", 0),  # idle before the first and after the last meeting is not a break
        ("★0000000", 0),
        ("00000000", 0),
        ("★★★★★★★★", 0),
        ("★000000★", 1),  # a long idle run is one break
        ("★0★0★0★0", 3),
    ],
)
def test_breaks_of_hand_made_agendas(pattern: str, expected: int) -> None:
    assert count_breaks(busy(pattern)) == expected


def test_breaks_ignore_the_order_of_the_meetings() -> None:
    assert count_breaks([7, 1, 5]) == 2


def test_every_agenda_of_eight_slots_agrees_with_counting_idle_runs() -> None:
    for bits in itertools.product("★0", repeat=8):
        pattern = "".join(bits)
        assert count_breaks(busy(pattern)) == pattern_breaks(set(busy(pattern)), 8), pattern


def test_the_session_boundary_is_not_special() -> None:
    # Slots 1-4 morning, 5-8 afternoon. Participant 1 meets in 4 then 5: no break.
    # Participant 2 meets in 3 and 6: the idle run 4-5 crosses the boundary and is one break.
    problem = B2BProblem(
        n_participants=4,
        n_tables=2,
        n_slots=8,
        n_morning_slots=4,
        meetings=(
            Meeting(1, 3, Session.MORNING),
            Meeting(1, 4, Session.AFTERNOON),
            Meeting(2, 3, Session.ANY),
            Meeting(2, 4, Session.ANY),
        ),
        forbidden=(frozenset(),) * 4,
    )
    assert participant_breaks(problem, [4, 5, 3, 6]) == [0, 1, 0, 0]
