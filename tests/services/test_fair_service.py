"""The fair service on a real database: import, schedule, store with history, check independently, report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy.orm import Session
from tests.fair_cases import schedule_violations, write_fair

from chainatlas.domain.user import Role, User
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.errors import Conflict, InvalidInput, NotAllowed
from chainatlas.services.fair import participant_recommendations
from chainatlas.services.fair_reports import fair_overview, participant_agenda
from chainatlas.services.fair_schedule import schedule_fair
from chainatlas.services.imports import run_import
from chainatlas.services.records import create_record, delete_record, update_record
from chainatlas.store.fair import FairRepository
from chainatlas.store.history import HistoryRepository

CTX = WriteContext(actor="tester", via=Via.CLI, at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
ORGANISER = User(id=1, username="ana", role=Role.ANALYST)
VIEWER = User(id=2, username="vic", role=Role.VIEWER)
OWN = User(id=3, username="mem", role=Role.PARTICIPANT, enterprise_id="E3")


@pytest.fixture
def fair(session: Session, tmp_path: Path) -> Session:
    report = run_import(session, [write_fair(tmp_path / "fair")], CTX)
    assert report.ok, [p.as_text() for p in report.problems]
    session.commit()
    return session


def test_a_stored_schedule_passes_an_independent_check(fair: Session) -> None:
    summary = schedule_fair(fair, ORGANISER, CTX, fair_id="F1", time_limit=20)
    fair.commit()
    meetings = [m.model_dump() for m in FairRepository(fair).meetings("F1")]
    assert summary.meetings == len(meetings) > 0
    assert schedule_violations(meetings, vetoed={("X3", "B3")}) == []
    pairs = {(m["exhibitor_id"], m["buyer_id"]) for m in meetings}
    assert ("X3", "B2") in pairs and summary.unmet_must == []  # B2 must meet X3; X3 is free on day 1
    assert ("X3", "B3") not in pairs  # vetoed
    created = [c for c in HistoryRepository(fair).changes(kind="fair_meetings", limit=100) if c.action == "create"]
    assert len(created) == len(meetings)


def test_rescheduling_replaces_the_meetings_and_records_it(fair: Session) -> None:
    manual = {
        "fair_id": "F1",
        "exhibitor_id": "X3",
        "buyer_id": "B3",
        "day": 2,
        "slot": 3,
        "table": 2,
        "source": "synthetic",
    }
    create_record(fair, CTX, kind="fair_meetings", data=manual)  # a vetoed pair, entered by hand
    schedule_fair(fair, ORGANISER, CTX, fair_id="F1", time_limit=20)
    pairs = [(m.exhibitor_id, m.buyer_id) for m in FairRepository(fair).meetings("F1")]
    assert ("X3", "B3") not in pairs and len(pairs) == len(set(pairs)) > 0
    deleted = [c for c in HistoryRepository(fair).changes(kind="fair_meetings", limit=100) if c.action == "delete"]
    assert [c.record_key for c in deleted] == ["X3/B3"]


def test_overview_counts_unmet_must_and_no_shows(fair: Session) -> None:
    schedule_fair(fair, ORGANISER, CTX, fair_id="F1", time_limit=20)
    meetings = FairRepository(fair).meetings("F1")
    # After the fair: the first meeting was held, the second a no-show of the buyer.
    create_record(
        fair,
        CTX,
        kind="fair_attendance",
        data={
            "exhibitor_id": meetings[0].exhibitor_id,
            "buyer_id": meetings[0].buyer_id,
            "outcome": "held",
            "source": "synthetic",
        },
    )
    create_record(
        fair,
        CTX,
        kind="fair_attendance",
        data={
            "exhibitor_id": meetings[1].exhibitor_id,
            "buyer_id": meetings[1].buyer_id,
            "outcome": "no_show",
            "absent": "buyer",
            "source": "synthetic",
        },
    )
    view = fair_overview(fair, ORGANISER, fair_id="F1")
    assert view.meetings == len(meetings)
    assert sum(c.scheduled for c in view.counts) == 2 * len(meetings)
    assert view.no_show_rate == pytest.approx(1 / 2) and view.held_per_participant == pytest.approx(2 * 1 / 6)
    assert view.absent_by_role == {"exhibitor": 0, "buyer": 1, "both": 0}
    assert sum(len(tables) for tables in view.grid.values()) == len(meetings)
    b2 = next(c for c in view.counts if c.participant.id == "B2")
    assert (b2.must_asked, b2.must_met) == (1, 1)


def test_a_participant_sees_only_its_own_agenda(fair: Session) -> None:
    schedule_fair(fair, ORGANISER, CTX, fair_id="F1", time_limit=20)
    own = participant_agenda(fair, OWN, fair_id="F1", participant_id="X2")  # X2 is enterprise E3
    assert all(item.counterpart.role.value == "buyer" for item in own.items)
    assert [p.buyer for p in participant_recommendations(fair, OWN, fair_id="F1", participant_id="X2")] == ["B1"]
    with pytest.raises(NotAllowed):
        participant_agenda(fair, OWN, fair_id="F1", participant_id="X1")
    with pytest.raises(NotAllowed):
        schedule_fair(fair, VIEWER, CTX, fair_id="F1")


def test_a_chain_node_named_in_offers_cannot_be_deleted(fair: Session) -> None:
    node = {
        "code": "U.HYD.SEAL",
        "parent_code": "U.HYD",
        "name_zh": "密封件",
        "segment": "upstream",
        "source": "synthetic",
    }
    create_record(fair, CTX, kind="chain_nodes", data=node)
    update_record(fair, CTX, kind="fair_participants", key=("X1",), changes={"offers": ("U.HYD", "U.HYD.SEAL")})
    with pytest.raises(Conflict, match=r"1 fair_participants\.offers"):
        delete_record(fair, CTX, kind="chain_nodes", key=("U.HYD.SEAL",))
    with pytest.raises(InvalidInput, match="unknown chain node U.NOPE"):
        update_record(fair, CTX, kind="fair_participants", key=("X1",), changes={"needs": ("U.NOPE",)})
