"""Schedule a fair's meetings (洽谈排程): select-and-schedule at fair scale, stored with their history.

Which candidate meetings to hold, when and at which table (`analytics.fair_schedule`, CP-SAT against an upper
bound), for a registered fair. Not the published B2B benchmark's schedule-all-minimise-breaks mode: that is
`services.fair_b2b` over `analytics.b2b`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from chainatlas.analytics import fair_schedule as engine
from chainatlas.analytics.matchmaking import PairScore
from chainatlas.domain.access import Action
from chainatlas.domain.common import SYNTHETIC, Problem
from chainatlas.domain.fair import UNMET_REASONS, FairMeeting, FairRole, available_slots, unmet_must_reason
from chainatlas.domain.fair_results import FairScheduleReport, UnmetMust
from chainatlas.domain.kinds import KIND_BY_NAME
from chainatlas.domain.user import User
from chainatlas.services.access import require
from chainatlas.services.audit import change_entry
from chainatlas.services.clusters import resolve_cluster
from chainatlas.services.context import WriteContext
from chainatlas.services.errors import InvalidInput
from chainatlas.services.fair import Registration, cached_matches, registration
from chainatlas.store.fair import FairRepository
from chainatlas.store.history import HistoryRepository

CANDIDATES_PER_PARTICIPANT = 12
"""Each participant's best pairs (by score) become candidate meetings, with every must-meet pair."""
IDLE_GAP_PENALTY = 0.05
TABLE_BASE = 1
"""Added to the engine's table number (0-based) to give the table printed on agendas (from 1)."""
Progress = Callable[[float, str], None]
"""Called with the fraction done (0–1) and what the engine is doing."""


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
        problems.append(Problem.coded("fair_participants", "fair.no_exhibitor", value=reg.fair.id))
    if not any(p.role is FairRole.BUYER for p in reg.participants):
        problems.append(Problem.coded("fair_participants", "fair.no_buyer", value=reg.fair.id))
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
    cluster: str | None = None,
) -> FairScheduleReport:
    """Schedule a fair's meetings with the engine and store them (replacing the old ones) with their history; the
    meetings' values carry the gap bonus of a cluster (None: the default)."""
    require(user, Action.ANALYSE)
    require(user, Action.WRITE)
    rule = resolve_cluster(session, user, cluster)
    reg = registration(session, fair_id)
    problems = registration_problems(reg)
    if problems:
        raise InvalidInput(problems)
    pairs = candidate_pairs(cached_matches(session, fair_id, rule.id))
    problem = build_problem(reg, pairs)
    try:
        result = engine.schedule(problem, time_limit=time_limit, workers=workers, progress=progress, seed=seed)
    except engine.FairProblemError as error:
        raise InvalidInput(
            [Problem.coded("fair_participants", "fair.schedule_input", value=fair_id, reason=m) for m in error.problems]
        ) from error
    broken = engine.validate(problem, result)
    if broken:  # never store a schedule that breaks a rule; this is a bug of the engine, not of the input
        raise RuntimeError(f"the engine returned an invalid schedule: {'; '.join(broken[:5])}")
    meetings = stored_meetings(reg, result, ctx)
    _replace_schedule(session, ctx, fair_id, meetings)
    summary = schedule_summary(result, len(pairs))
    return FairScheduleReport(fair=fair_id, **summary, unmet_must_reasons=unmet_reasons(reg, meetings, result))


def unmet_reasons(reg: Registration, meetings: list[FairMeeting], result: engine.Schedule) -> list[UnmetMust]:
    """Return each unmet must-meet pair with why it is unmet (code and English text)."""
    scheduled = Counter(side for m in meetings for side in (m.exhibitor_id, m.buyer_id))
    people = reg.by_id()
    found = []
    for c in result.unmet_must:
        code = unmet_must_reason(reg.fair, people[c.exhibitor], people[c.buyer], scheduled)
        found.append(UnmetMust(exhibitor=c.exhibitor, buyer=c.buyer, reason=code, why=UNMET_REASONS[code]))
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
