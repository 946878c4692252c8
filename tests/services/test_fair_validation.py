"""Bad fair data is rejected at import and on the API's create with the row and field named (not ignored)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy.orm import Session
from tests.factories import write_csv
from tests.fair_cases import FAIRS, PARTICIPANTS, PREFERENCES, write_fair

from chainatlas.services.context import Via, WriteContext
from chainatlas.services.errors import InvalidInput
from chainatlas.services.imports import run_import
from chainatlas.services.records import create_record

CTX = WriteContext(actor="tester", via=Via.CLI, at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
OTHER_FAIR = {**FAIRS[0], "id": "F2", "name_zh": "另一展会"}
OTHER_BUYER = {**PARTICIPANTS[3], "id": "Z1", "fair_id": "F2", "enterprise_id": ""}


@pytest.fixture
def session(rollback_session: Session) -> Session:
    """Run each test in a transaction that is rolled back: the services here write only through this session."""
    return rollback_session


def _problems(session: Session, folder: Path) -> list[tuple[str, int | None, str | None, str | None]]:
    report = run_import(session, [folder], CTX)
    return [(p.file, p.row, p.column, p.value) for p in report.problems]


@pytest.mark.parametrize(
    ("preference", "value"),
    [
        ({"from_id": "X1", "to_id": "X1"}, "X1"),  # itself
        ({"from_id": "B1", "to_id": "B2"}, "B2"),  # buyer → buyer
        ({"from_id": "X1", "to_id": "X2"}, "X2"),  # exhibitor → exhibitor
        ({"from_id": "X1", "to_id": "Z1"}, "Z1"),  # another fair's participant
    ],
)
def test_a_bad_preference_is_rejected_with_its_row(
    session: Session, tmp_path: Path, preference: dict[str, str], value: str
) -> None:
    folder = write_fair(tmp_path / "in")
    write_csv(folder / "fairs.csv", "fairs", [*FAIRS, OTHER_FAIR])
    write_csv(folder / "fair_participants.csv", "fair_participants", [*PARTICIPANTS, OTHER_BUYER])
    rows = [*PREFERENCES, {**preference, "level": "must", "source": "synthetic"}]
    write_csv(folder / "fair_preferences.csv", "fair_preferences", rows)
    # the header is row 1, so the appended preference is row len(rows) + 1
    assert _problems(session, folder) == [("fair_preferences.csv", len(rows) + 1, "to_id", value)]


@pytest.mark.parametrize("window", ["9:3-99", "3", "1:4", "2:2-4"])  # F1 runs 2 days of 3 slots
def test_an_available_window_outside_the_grid_is_rejected(session: Session, tmp_path: Path, window: str) -> None:
    folder = write_fair(tmp_path / "in")
    people = [{**p, "available": window} if p["id"] == "X2" else p for p in PARTICIPANTS]
    write_csv(folder / "fair_participants.csv", "fair_participants", people)
    assert _problems(session, folder) == [("fair_participants.csv", 3, "available", window)]


@pytest.mark.parametrize("window", ["1", "2:1-3", "1:3", "2:2"])
def test_a_window_inside_the_grid_is_accepted(session: Session, tmp_path: Path, window: str) -> None:
    folder = write_fair(tmp_path / "in")
    people = [{**p, "available": window} if p["id"] == "X2" else p for p in PARTICIPANTS]
    write_csv(folder / "fair_participants.csv", "fair_participants", people)
    assert _problems(session, folder) == []


def test_the_api_create_checks_the_same_rules(session: Session, tmp_path: Path) -> None:
    assert run_import(session, [write_fair(tmp_path / "in")], CTX).ok
    with pytest.raises(InvalidInput) as caught:
        create_record(
            session,
            CTX,
            kind="fair_preferences",
            data={"from_id": "B1", "to_id": "B3", "level": "meet", "source": "synthetic"},
        )
    assert [(p.field, p.value) for p in caught.value.problems] == [("to_id", "B3")]
    assert "another buyer" in caught.value.problems[0].message
    with pytest.raises(InvalidInput) as caught:
        create_record(
            session,
            CTX,
            kind="fair_participants",
            data={**PARTICIPANTS[3], "id": "B9", "enterprise_id": None, "needs": ("U.HYD",), "available": ("3:1",)},
        )
    assert [(p.field, p.value) for p in caught.value.problems] == [("available", "3:1")]
    assert "2 day(s) of 3 slot(s)" in caught.value.problems[0].message
