"""The review queue (待审核名称): organisation names the news extraction found that the registry does not know.

Nothing is added to the registry silently: a person accepts a name as a new enterprise or organisation, merges it
as an alias of an existing one, or rejects it. Each decision is a change of kind `news_proposals` in the change
history, beside the registry change it makes (the new record, or the record with its new alias).
Access: every signed-in role reads the queue; analysts and admins decide (`Action.WRITE`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from chainatlas.domain.access import Action
from chainatlas.domain.article import AcceptAs, Proposal, ProposalState
from chainatlas.domain.common import MAX_DB_INT, Problem
from chainatlas.domain.kinds import ENTERPRISES, ORGANISATIONS
from chainatlas.domain.organisation import OrganisationType
from chainatlas.domain.user import User
from chainatlas.services.access import require
from chainatlas.services.context import WriteContext
from chainatlas.services.errors import Conflict, InvalidInput, NotFound
from chainatlas.services.records import create_record, get_record, update_record
from chainatlas.store.history import HistoryRepository
from chainatlas.store.news_queue import ProposalRepository

KIND = "news_proposals"
NEWS_SOURCE = "news review: proposed from article {article}"
MERGE_KINDS = {"enterprises": ENTERPRISES, "organisations": ORGANISATIONS}


def list_proposals(session: Session, user: User | None, *, state: str | None = "pending") -> list[Proposal]:
    """Return the proposed names of a state (None or `all`: every state), most seen first."""
    require(user, Action.READ)
    if state not in (None, "", "all") and state not in {s.value for s in ProposalState}:
        known = ", ".join(["all", *(s.value for s in ProposalState)])
        raise InvalidInput([Problem.coded("state", "alert.choice", value=state, known=known)])
    return ProposalRepository(session).listing(None if state in (None, "", "all") else [state])


def _pending(session: Session, proposal_id: int) -> Proposal:
    found = ProposalRepository(session).get(proposal_id) if 1 <= proposal_id <= MAX_DB_INT else None
    if found is None:
        raise NotFound(code="news.proposal_not_found", params={"proposal": proposal_id})
    if found.state is not ProposalState.PENDING:
        params = {"name": found.name, "by": found.decided_by or "?", "state": found.state.value}
        raise Conflict(code="news.proposal_decided", params=params)
    return found


def _decide(
    session: Session, ctx: WriteContext, before: Proposal, state: ProposalState, decision: dict[str, str]
) -> Proposal:
    repo = ProposalRepository(session)
    if not repo.decide(before.id, state=state, by=ctx.actor, at=ctx.at, decision=decision):
        current = repo.get(before.id) or before
        params = {"name": current.name, "by": current.decided_by or "?", "state": current.state.value}
        raise Conflict(code="news.proposal_decided", params=params)
    after = repo.get(before.id)
    if after is None:
        raise NotFound(code="news.proposal_not_found", params={"proposal": before.id})
    HistoryRepository(session).add_changes([_change(ctx, before, after)])
    return after


def _change(ctx: WriteContext, before: Proposal, after: Proposal) -> dict[str, Any]:
    return {
        "batch_id": None,
        "at": ctx.at,
        "actor": ctx.actor,
        "via": ctx.via.value,
        "kind": KIND,
        "record_key": str(after.id),
        "action": "update",
        "before": before.model_dump(mode="json"),
        "after": after.model_dump(mode="json"),
    }


def accept_proposal(
    session: Session,
    user: User | None,
    ctx: WriteContext,
    *,
    proposal_id: int,
    as_kind: AcceptAs,
    record_id: str,
    country: str = "CN",
    organisation_type: OrganisationType = OrganisationType.OTHER,
) -> Proposal:
    """Add the proposed name to the registry as a new enterprise or organisation (its id given), and record it."""
    require(user, Action.WRITE)
    before = _pending(session, proposal_id)
    source = NEWS_SOURCE.format(article=before.first_article_id or "?")
    if as_kind is AcceptAs.ENTERPRISE:
        data: dict[str, Any] = {"id": record_id, "name_zh": before.name, "country": country, "source": source}
        create_record(session, ctx, kind=ENTERPRISES, data=data)
        target = f"enterprises/{record_id}"
    else:
        data = {"id": record_id, "name_zh": before.name, "type": organisation_type.value, "source": source}
        create_record(session, ctx, kind=ORGANISATIONS, data=data)
        target = f"organisations/{record_id}"
    return _decide(session, ctx, before, ProposalState.ACCEPTED, {"as": as_kind.value, "record": target})


def merge_proposal(
    session: Session, user: User | None, ctx: WriteContext, *, proposal_id: int, target: str
) -> Proposal:
    """Add the proposed name as an alias of an existing enterprise or organisation (`enterprises/<id>`,
    `organisations/<id>`), and record it."""
    require(user, Action.WRITE)
    before = _pending(session, proposal_id)
    kind_name, _, key = target.partition("/")
    spec = MERGE_KINDS.get(kind_name)
    if spec is None or not key:
        raise InvalidInput([Problem.coded("target", "news.merge_target", value=target, target=target)])
    try:
        record = get_record(session, kind=spec, key=(key,))
    except NotFound as error:
        raise InvalidInput([Problem.coded("target", "news.merge_target", value=target, target=target)]) from error
    aliases = tuple(getattr(record, "aliases", ()))
    if before.name not in aliases and before.name != getattr(record, "name_zh", None):
        update_record(session, ctx, kind=spec, key=(key,), changes={"aliases": (*aliases, before.name)})
    return _decide(session, ctx, before, ProposalState.MERGED, {"as": "alias", "record": f"{kind_name}/{key}"})


def reject_proposal(session: Session, user: User | None, ctx: WriteContext, *, proposal_id: int) -> Proposal:
    """Mark a proposed name as not an organisation to add (it stays rejected when seen again), and record it."""
    require(user, Action.WRITE)
    before = _pending(session, proposal_id)
    return _decide(session, ctx, before, ProposalState.REJECTED, {})
