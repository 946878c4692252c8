"""Reading B2B instances (.dzn): the shipped files, and errors that name the line and the field."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.analytics.b2b_check import DATA

from chainatlas.analytics.b2b.problem import Meeting, Session
from chainatlas.interchange.dzn import DznError, parse_dzn, read_dzn

needs_data = pytest.mark.skipif(not DATA.is_dir(), reason="benchmark data not beside the checkout")

# 3 participants, 2 meetings, 4 slots (2 in the morning), 1 table; participant 3 cannot meet in slot 4.
SMALL = """% a hand-made instance
nBusiness = 3;
nMeetings = 2;
nTables = 1;
nTotalSlots = 4;
nMorningSlots = 2;

requested = [|1, 2,3,
|3, 1,1,
|];

meetingsxBusiness = [{1,2,3},
{1,2},
{1,3}];

nMeetingsBusiness = [2,1,1];

forbidden = [{0},
{0},
{0,4}];

fixed = [0,0];

precedences = [{},
{}];
"""


def test_a_small_file_is_read_field_by_field() -> None:
    problem = parse_dzn(SMALL)
    assert (problem.n_participants, problem.n_tables, problem.n_slots, problem.n_morning_slots) == (3, 1, 4, 2)
    assert problem.meetings == (Meeting(1, 2, Session.ANY), Meeting(3, 1, Session.MORNING))
    assert problem.forbidden == (frozenset(), frozenset(), frozenset({4}))  # 0 is padding, not a slot
    assert problem.fixed == (0, 0) and problem.precedences == (frozenset(), frozenset())
    assert problem.allowed_slots(1) == [1, 2, 3, 4] and problem.allowed_slots(2) == [1, 2]


@needs_data
def test_the_published_instances_have_the_readme_statistics() -> None:
    tic = read_dzn(DATA / "tic-12.original.dzn")
    assert (tic.n_participants, len(tic.meetings), tic.n_slots, tic.n_morning_slots, tic.n_tables) == (
        42,
        125,
        8,
        8,
        21,
    )
    assert tic.meetings[0] == Meeting(1, 8, Session.ANY) and tic.meetings[-1] == Meeting(42, 30, Session.ANY)
    assert sum(1 for count in tic.meeting_counts() if count == 0) == 2  # "tic-12 has 2" without meetings
    forum = read_dzn(DATA / "forum-14.original.dzn")
    assert (forum.n_participants, len(forum.meetings), forum.n_slots, forum.n_tables) == (78, 302, 22, 22)
    assert sum(len(slots) for slots in forum.forbidden) == 116  # real forbidden (participant, slot) pairs
    assert max(forum.meeting_counts()) == 22
    assert frozenset(range(15, 21)) in forum.forbidden  # the one set without the padding 0


def replace(old: str, new: str) -> str:
    assert old in SMALL
    return SMALL.replace(old, new, 1)


@pytest.mark.parametrize(
    ("text", "line", "field", "words"),
    [
        (replace("nTables = 1;\n", ""), None, "nTables", "missing"),
        (replace("nTables = 1;", "nTables = 0;"), 4, "nTables", "from 1"),
        (replace("|3, 1,1,", "|3, 1,"), 9, "requested", "row 2"),
        (replace("|3, 1,1,", "|3, 9,1,"), 9, "requested", "from 1 to 3"),
        (replace("|3, 1,1,", "|3, 1,4,"), 9, "requested", "session"),
        (replace("nMeetings = 2;", "nMeetings = 3;"), 8, "requested", "3 entries"),
        (replace("{0,4}", "{0,5}"), 20, "forbidden", "participant 3: slot 5"),
        (replace("[2,1,1]", "[2,1,2]"), 16, "nMeetingsBusiness", "participant 3"),
        (replace("{1,3}]", "{1,2}]"), 14, "meetingsxBusiness", "participant 3"),
        (replace("fixed = [0,0];", "fixed = [0,7];"), 22, "fixed", "meeting 2"),
        (replace("precedences = [{},", "precedences = [{1},"), 24, "precedences", "meeting 1"),
        (replace("nTotalSlots = 4;", "nTotalSlots = 4"), 6, "nTotalSlots", "expected ';'"),
        (replace("nBusiness = 3;", "nBusiness = 3; nBusiness = 3;"), 2, "nBusiness", "defined twice"),
        (replace("fixed = [0,0];", "fixed = [0,0}];"), 22, "fixed", "expected ',' or ']'"),
        (replace("nTables = 1;", "nTables = 1.5;"), 4, None, "cannot read"),
    ],
)
def test_errors_name_the_line_and_the_field(text: str, line: int | None, field: str | None, words: str) -> None:
    with pytest.raises(DznError) as caught:
        parse_dzn(text, source="small.dzn")
    message = str(caught.value)
    assert (caught.value.line, caught.value.field) == (line, field), message
    assert message.startswith("small.dzn" + (f" line {line}" if line else "")) and words in message
    if field:
        assert f"`{field}`" in message


def test_a_file_that_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / "binary.dzn"
    path.write_bytes(b"\xff\xfe\x00nBusiness")
    with pytest.raises(DznError, match="binary.dzn: not UTF-8"):
        read_dzn(path)
