"""Fair use cases (展会供需对接): registration, matchmaking, recommendations and the meeting schedule.

Organisers (admins and analysts: the ANALYSE right) see and schedule everything; a signed-in user
whose enterprise is registered sees that registration's recommendations and agenda.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from chainatlas.analytics import fair_schedule as engine
from chainatlas.analytics.chain import node_metrics
from chainatlas.analytics.gaps import gap_ranking
from chainatlas.analytics.matchmaking import MatchInput, PairScore, Party, gap_weights, match_scores, recommendations
from chainatlas.analytics.snapshot import latest_year
from chainatlas.domain.access import REGISTRY, Action, allowed
from chainatlas.domain.common import SYNTHETIC, Problem
from chainatlas.domain.fair import (
    UNMET_REASONS,
    Fair,
    FairMeeting,
    FairParticipant,
    FairPreference,
    FairRole,
    available_slots,
    unmet_must_reason,
)
from chainatlas.domain.kinds import KIND_BY_NAME
from chainatlas.domain.user import User
from chainatlas.services.access import require
from chainatlas.services.audit import change_entry
from chainatlas.services.cache import PUBLIC_CACHE
from chainatlas.services.chain import chain_snapshot
from chainatlas.services.context import WriteContext
from chainatlas.services.errors import InvalidInput, NotAllowed, NotFound
from chainatlas.store.fair import FairRepository
from chainatlas.store.history import HistoryRepository
from chainatlas.store.registry import RegistryRepository, chain_node_parents
from chainatlas.store.rows import ChainNodeRow, EnterpriseRow

CANDIDATES_PER_PARTICIPANT = 12
"""Each participant's best pairs (by score) become candidate meetings, with every must-meet pair."""
IDLE_GAP_PENALTY = 0.05
TABLE_BASE = 1
"""Added to the engine's table number (0-based) to give the table printed on agendas (from 1)."""
Progress = Callable[[float, str], None]
"""Called with the fraction done (0–1) and what the engine is doing."""


@dataclass(frozen=True)
class Registration:
    """A fair with its participants and the preferences they stated."""

    fair: Fair
    participants: list[FairParticipant]
    preferences: list[FairPreference]

    def by_id(self) -> dict[str, FairParticipant]:
        """Return the participants by id."""
        return {p.id: p for p in self.participants}


def get_fair(session: Session, fair_id: str) -> Fair:
    """Return a fair, or raise NotFound."""
    fair = RegistryRepository(session, KIND_BY_NAME["fairs"]).get((fair_id,))
    if fair is None:
        raise NotFound(f"no fair {fair_id}")
    return fair  # type: ignore[return-value]


def list_fairs(session: Session, user: User | None) -> list[Fair]:
    """Return every fair, newest first (any signed-in user)."""
    require(user, Action.READ)
    fairs: list[Fair] = list(RegistryRepository(session, KIND_BY_NAME["fairs"]).all())  # type: ignore[arg-type]
    return sorted(fairs, key=lambda f: (f.start, f.id), reverse=True)


def registration(session: Session, fair_id: str) -> Registration:
    """Return a fair's registration."""
    fair = get_fair(session, fair_id)
    repo = FairRepository(session)
    return Registration(fair, repo.participants(fair_id), repo.preferences(fair_id))


def is_organiser(user: User | None) -> bool:
    """Return whether a user manages fairs (admins and analysts)."""
    return allowed(user, Action.ANALYSE, REGISTRY)


def own_participant(user: User | None, participant: FairParticipant) -> bool:
    """Return whether a participant is the signed-in user's own registration (same enterprise)."""
    return user is not None and user.enterprise_id is not None and user.enterprise_id == participant.enterprise_id


def require_participant_access(user: User | None, participant: FairParticipant) -> None:
    """Raise NotAllowed unless the user organises fairs or the participant is their own registration."""
    if is_organiser(user) or own_participant(user, participant):
        return
    raise NotAllowed(
        "sign in first" if user is None else "only organisers and the participant itself may see this",
        signed_in=user is not None,
    )


def participants_of_user(session: Session, user: User | None, fair_id: str) -> list[FairParticipant]:
    """Return the registrations of a fair the user may open (all for organisers, their own otherwise)."""
    participants = FairRepository(session).participants(fair_id)
    return [p for p in participants if is_organiser(user) or own_participant(user, p)]


def get_participant(session: Session, fair_id: str, participant_id: str) -> FairParticipant:
    """Return a participant of a fair, or raise NotFound (naming the fair when the fair itself does not exist)."""
    get_fair(session, fair_id)
    found = RegistryRepository(session, KIND_BY_NAME["fair_participants"]).get((participant_id,))
    if found is None or found.fair_id != fair_id:  # type: ignore[attr-defined]
        raise NotFound(f"no participant {participant_id} in fair {fair_id}")
    return found  # type: ignore[return-value]


def _in_cluster(session: Session, ids: set[str]) -> dict[str, bool]:
    rows = session.execute(select(EnterpriseRow.id, EnterpriseRow.in_cluster).where(EnterpriseRow.id.in_(ids)))
    return {row.id: bool(row.in_cluster) for row in rows}


def cluster_gap_weights(session: Session) -> dict[str, float]:
    """Return the chain gaps' weights (gap-ranking score over the largest, 0–1) for the latest year."""
    snapshot = chain_snapshot(session)
    rows = gap_ranking(snapshot, node_metrics(snapshot, year=latest_year(snapshot)))
    return gap_weights({row.code: row.score for row in rows})


def match_input(session: Session, reg: Registration) -> MatchInput:
    """Return the matchmaking input of a registration: parties, taxonomy, preferences, gap weights."""
    inside = _in_cluster(session, {p.enterprise_id for p in reg.participants if p.enterprise_id})
    parties = tuple(
        Party(
            id=p.id,
            role=p.role.value,
            in_cluster=inside.get(p.enterprise_id or "", False),
            offers=p.offers,
            needs=p.needs,
            offers_text=p.offers_text or "",
            needs_text=p.needs_text or "",
        )
        for p in reg.participants
    )
    names = {
        row.code: (row.name_zh, row.name_en or "")
        for row in session.execute(select(ChainNodeRow.code, ChainNodeRow.name_zh, ChainNodeRow.name_en))
    }
    preferences = tuple((p.from_id, p.to_id, p.level.value) for p in reg.preferences)
    return MatchInput(
        parties=parties,
        node_parent=chain_node_parents(session),
        preferences=preferences,
        gap_weight=cluster_gap_weights(session),
        node_names=names,
    )


def cached_matches(session: Session, fair_id: str) -> list[PairScore]:
    """Return every scored pair of a fair, computed once per registry version."""
    return PUBLIC_CACHE.get(
        session, ("fair_matches", fair_id), lambda: match_scores(match_input(session, registration(session, fair_id)))
    )


def fair_matches(session: Session, user: User | None, *, fair_id: str) -> list[PairScore]:
    """Return every scored exhibitor–buyer pair of a fair, best first (organisers)."""
    require(user, Action.ANALYSE)
    get_fair(session, fair_id)
    return cached_matches(session, fair_id)


def participant_recommendations(
    session: Session, user: User | None, *, fair_id: str, participant_id: str, k: int = 10
) -> list[PairScore]:
    """Return a participant's best k counterparts with their reasons (organisers, or the participant itself)."""
    participant = get_participant(session, fair_id, participant_id)
    require_participant_access(user, participant)
    return recommendations(cached_matches(session, fair_id), participant_id, k)


def candidate_pairs(pairs: list[PairScore], per_participant: int = CANDIDATES_PER_PARTICIPANT) -> list[PairScore]:
    """Return the pairs worth scheduling: every must-meet pair and each participant's best few (no vetoed pair)."""
    chosen: dict[tuple[str, str], PairScore] = {}
    taken: dict[str, int] = {}
    for pair in pairs:  # best first
        if pair.vetoed or pair.score <= 0:
            continue
        wanted = taken.get(pair.exhibitor, 0) < per_participant or taken.get(pair.buyer, 0) < per_participant
        if pair.must or wanted:
            chosen[(pair.exhibitor, pair.buyer)] = pair
            taken[pair.exhibitor] = taken.get(pair.exhibitor, 0) + 1
            taken[pair.buyer] = taken.get(pair.buyer, 0) + 1
    return list(chosen.values())


def build_problem(reg: Registration, pairs: list[PairScore]) -> engine.FairProblem:
    """Return the engine's problem for a registration and its candidate pairs."""
    fair = reg.fair
    slots = tuple(engine.Slot(day, index) for day in range(fair.days) for index in range(fair.slots_per_day))
    participants = tuple(
        engine.Participant(
            id=p.id,
            kind=p.role.value,
            staff=p.staff,
            available=available_slots(fair, p.available),
            min_meetings=p.min_meetings,
            max_meetings=p.max_meetings,
        )
        for p in reg.participants
    )
    candidates = tuple(
        engine.Candidate(exhibitor=p.exhibitor, buyer=p.buyer, score=p.score, must=p.must) for p in pairs
    )
    return engine.FairProblem(
        slots=slots,
        tables_per_slot=fair.tables,
        participants=participants,
        candidates=candidates,
        idle_gap_penalty=IDLE_GAP_PENALTY,
    )


def _meeting_source(reg: Registration, exhibitor: str, buyer: str, ctx: WriteContext) -> str:
    people = reg.by_id()
    if SYNTHETIC in (people[exhibitor].source, people[buyer].source):
        return SYNTHETIC
    return f"chainatlas fair schedule, {ctx.at:%Y-%m-%d %H:%M} UTC, {ctx.actor}"


def stored_meetings(reg: Registration, result: engine.Schedule, ctx: WriteContext) -> list[FairMeeting]:
    """Return the engine's meetings as registry records (day and slot from 1, table from 1)."""
    fair = reg.fair
    meetings = []
    for m in result.meetings:
        day, slot = m.slot_index // fair.slots_per_day + 1, m.slot_index % fair.slots_per_day + 1
        meetings.append(
            FairMeeting(
                fair_id=fair.id,
                exhibitor_id=m.exhibitor,
                buyer_id=m.buyer,
                day=day,
                slot=slot,
                table=m.table + TABLE_BASE,
                score=round(float(m.score), 6),
                must=bool(m.must),
                source=_meeting_source(reg, m.exhibitor, m.buyer, ctx),
            )
        )
    return sorted(meetings, key=lambda m: (m.exhibitor_id, m.buyer_id))


def registration_problems(reg: Registration) -> list[Problem]:
    """Return what stops a registration from being scheduled."""
    problems = []
    if not any(p.role is FairRole.EXHIBITOR for p in reg.participants):
        problems.append(Problem(field="fair_participants", message="the fair has no exhibitor", value=reg.fair.id))
    if not any(p.role is FairRole.BUYER for p in reg.participants):
        problems.append(Problem(field="fair_participants", message="the fair has no buyer", value=reg.fair.id))
    return problems


def schedule_fair(
    session: Session,
    user: User | None,
    ctx: WriteContext,
    *,
    fair_id: str,
    time_limit: float = 120.0,
    workers: int = 2,
    seed: int = 0,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Schedule a fair's meetings with the engine and store them (replacing the old ones) with their history."""
    require(user, Action.ANALYSE)
    require(user, Action.WRITE)
    reg = registration(session, fair_id)
    problems = registration_problems(reg)
    if problems:
        raise InvalidInput(problems)
    pairs = candidate_pairs(cached_matches(session, fair_id))
    problem = build_problem(reg, pairs)
    try:
        result = engine.schedule(problem, time_limit=time_limit, workers=workers, progress=progress, seed=seed)
    except engine.FairProblemError as error:
        raise InvalidInput(
            [Problem(field="fair_participants", message=m, value=fair_id) for m in error.problems]
        ) from error
    broken = engine.validate(problem, result)
    if broken:  # never store a schedule that breaks a rule; this is a bug of the engine, not of the input
        raise RuntimeError(f"the engine returned an invalid schedule: {'; '.join(broken[:5])}")
    meetings = stored_meetings(reg, result, ctx)
    _replace_schedule(session, ctx, fair_id, meetings)
    return schedule_summary(result, len(pairs)) | {"unmet_must_reasons": unmet_reasons(reg, meetings, result)}


def unmet_reasons(reg: Registration, meetings: list[FairMeeting], result: engine.Schedule) -> list[dict[str, str]]:
    """Return each unmet must-meet pair with why it is unmet (code and English text)."""
    scheduled = Counter(side for m in meetings for side in (m.exhibitor_id, m.buyer_id))
    people = reg.by_id()
    found = []
    for c in result.unmet_must:
        code = unmet_must_reason(reg.fair, people[c.exhibitor], people[c.buyer], scheduled)
        found.append({"exhibitor": c.exhibitor, "buyer": c.buyer, "reason": code, "why": UNMET_REASONS[code]})
    return found


def _replace_schedule(session: Session, ctx: WriteContext, fair_id: str, meetings: list[FairMeeting]) -> None:
    spec = KIND_BY_NAME["fair_meetings"]
    repo = FairRepository(session)
    old = {(m.exhibitor_id, m.buyer_id): m for m in repo.meetings(fair_id)}
    new = {(m.exhibitor_id, m.buyer_id): m for m in meetings}
    changes = [change_entry(ctx, spec, "delete", m, None) for key, m in old.items() if key not in new]
    changes += [
        change_entry(ctx, spec, "update", old[key], m) for key, m in new.items() if key in old and old[key] != m
    ]
    changes += [change_entry(ctx, spec, "create", None, m) for key, m in new.items() if key not in old]
    repo.replace_meetings(fair_id, meetings)
    if changes:
        HistoryRepository(session).add_changes(changes)


def _plain(value: float, digits: int) -> float:
    """Return a value rounded, with negative zero (−0.0 from a rounded tiny negative) as 0.0."""
    return round(float(value), digits) + 0.0


def schedule_summary(result: engine.Schedule, candidates: int) -> dict[str, Any]:
    """Return what the organiser reads about a schedule: value, bound, gap, status, time, unmet must-meets."""
    return {
        "status": result.status,
        "meetings": len(result.meetings),
        "candidates": candidates,
        "objective": _plain(result.objective, 4),
        "upper_bound": _plain(result.upper_bound, 4),
        "gap": _plain(result.gap, 6),
        "seconds": round(float(result.seconds), 2),
        "method": result.method,
        "idle_gaps": result.idle_gaps,
        "shortfall": result.shortfall,
        "unmet_must": [[c.exhibitor, c.buyer] for c in result.unmet_must],
    }


def pair_json(pair: PairScore, people: dict[str, FairParticipant]) -> dict[str, Any]:
    """Return a scored pair as JSON, with both sides' names."""
    exhibitor, buyer = people.get(pair.exhibitor), people.get(pair.buyer)
    return {
        "exhibitor": pair.exhibitor,
        "exhibitor_name": exhibitor.name_zh if exhibitor else None,
        "buyer": pair.buyer,
        "buyer_name": buyer.name_zh if buyer else None,
        "score": pair.score,
        "must": pair.must,
        "parts": {"node": pair.node, "text": pair.text, "gap": pair.gap, "preference": pair.preference},
        "reasons_en": list(pair.reasons_en),
        "reasons_zh": list(pair.reasons_zh),
    }
