"""The review queue: proposed organisation names accepted as an enterprise or organisation, merged as an alias,
or rejected; each decision in the change history beside the registry change it makes, and taken once."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from chainatlas.domain.article import AcceptAs, ProposalState
from chainatlas.domain.kinds import ENTERPRISES, ORGANISATIONS
from chainatlas.domain.organisation import OrganisationType
from chainatlas.domain.user import Role, User
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.errors import Conflict, InvalidInput, NotAllowed
from chainatlas.services.news_review import accept_proposal, list_proposals, merge_proposal, reject_proposal
from chainatlas.services.records import create_record, get_record
from chainatlas.store.news_queue import ProposalRepository
from chainatlas.store.rows import ChangeRow

ANA = User(id=1, username="ana", role=Role.ANALYST)
VIC = User(id=2, username="vic", role=Role.VIEWER)
CTX = WriteContext(actor="ana", via=Via.WEB, at=dt.datetime(2026, 3, 6, 9, tzinfo=dt.UTC))
NAMES = ("长沙市智能制造研究院", "湖南恒通液压有限公司", "中联", "某某公司")


@pytest.fixture
def queued(engine: Engine) -> dict[str, int]:
    with Session(engine) as session:
        create_record(
            session, CTX, kind=ENTERPRISES, data={"id": "E1", "name_zh": "中联重科", "country": "CN", "source": "test"}
        )
        repo = ProposalRepository(session)
        assert repo.seen(list(NAMES), article_id=None) == list(NAMES)
        assert repo.seen(["中联", "中联"], article_id=None) == []  # seen again, counted once
        session.commit()
        return {p.name: p.id for p in list_proposals(session, VIC)}


def changes(engine: Engine, kind: str) -> list[ChangeRow]:
    with Session(engine) as session:
        return list(session.scalars(select(ChangeRow).where(ChangeRow.kind == kind).order_by(ChangeRow.id)))


def test_the_queue_lists_pending_names_most_seen_first(engine: Engine, queued: dict[str, int]) -> None:
    with Session(engine) as session:
        found = list_proposals(session, VIC)
    assert [(p.name, p.times_seen) for p in found][0] == ("中联", 2)
    assert {p.state for p in found} == {ProposalState.PENDING}


def test_every_decision_is_recorded_with_the_registry_change(engine: Engine, queued: dict[str, int]) -> None:
    with Session(engine) as session:
        accept_proposal(
            session,
            ANA,
            CTX,
            proposal_id=queued["长沙市智能制造研究院"],
            as_kind=AcceptAs.ORGANISATION,
            record_id="O-IMI",
            organisation_type=OrganisationType.INSTITUTE,
        )
        accept_proposal(
            session, ANA, CTX, proposal_id=queued["湖南恒通液压有限公司"], as_kind=AcceptAs.ENTERPRISE, record_id="E9"
        )
        merge_proposal(session, ANA, CTX, proposal_id=queued["中联"], target="enterprises/E1")
        reject_proposal(session, ANA, CTX, proposal_id=queued["某某公司"])
        session.commit()
        organisation = get_record(session, kind=ORGANISATIONS, key=("O-IMI",))
        enterprise = get_record(session, kind=ENTERPRISES, key=("E9",))
        merged = get_record(session, kind=ENTERPRISES, key=("E1",))
        states = {p.name: (p.state, p.decided_by, p.decision) for p in list_proposals(session, VIC, state="all")}
    assert (organisation.name_zh, organisation.type) == ("长沙市智能制造研究院", OrganisationType.INSTITUTE)
    assert (enterprise.name_zh, enterprise.country) == ("湖南恒通液压有限公司", "CN")
    assert merged.aliases == ("中联",)
    assert states == {
        "长沙市智能制造研究院": (
            ProposalState.ACCEPTED,
            "ana",
            {"as": "organisation", "record": "organisations/O-IMI"},
        ),
        "湖南恒通液压有限公司": (ProposalState.ACCEPTED, "ana", {"as": "enterprise", "record": "enterprises/E9"}),
        "中联": (ProposalState.MERGED, "ana", {"as": "alias", "record": "enterprises/E1"}),
        "某某公司": (ProposalState.REJECTED, "ana", {}),
    }
    recorded = changes(engine, "news_proposals")
    assert [(c.record_key, c.before["state"], c.after["state"], c.via) for c in recorded] == [
        (str(queued["长沙市智能制造研究院"]), "pending", "accepted", "web"),
        (str(queued["湖南恒通液压有限公司"]), "pending", "accepted", "web"),
        (str(queued["中联"]), "pending", "merged", "web"),
        (str(queued["某某公司"]), "pending", "rejected", "web"),
    ]
    assert [c.record_key for c in changes(engine, "organisations")] == ["O-IMI"]
    assert [(c.record_key, c.action) for c in changes(engine, "enterprises")] == [
        ("E1", "create"),
        ("E9", "create"),
        ("E1", "update"),
    ]


def test_a_decision_is_taken_once(engine: Engine, queued: dict[str, int]) -> None:
    with Session(engine) as session:
        reject_proposal(session, ANA, CTX, proposal_id=queued["某某公司"])
        session.commit()
        with pytest.raises(Conflict) as caught:
            merge_proposal(session, ANA, CTX, proposal_id=queued["某某公司"], target="enterprises/E1")
    assert caught.value.code == "news.proposal_decided"
    assert len(changes(engine, "news_proposals")) == 1


def test_bad_targets_and_viewers_are_refused(engine: Engine, queued: dict[str, int]) -> None:
    with Session(engine) as session:
        for target in ("enterprises/NOPE", "brands/E1", "E1"):
            with pytest.raises(InvalidInput):
                merge_proposal(session, ANA, CTX, proposal_id=queued["中联"], target=target)
        with pytest.raises(NotAllowed):
            reject_proposal(session, VIC, CTX, proposal_id=queued["中联"])
    assert changes(engine, "news_proposals") == []
