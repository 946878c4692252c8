"""What a fair's schedule gives people: each participant's agenda, and the organiser's grid and statistics."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from chainatlas.domain.access import Action
from chainatlas.domain.fair import (
    UNMET_REASONS,
    Agenda,
    AgendaItem,
    Fair,
    FairAttendance,
    FairMeeting,
    FairParticipant,
    FairRole,
    Outcome,
    slot_start,
    unmet_must_reason,
)
from chainatlas.domain.kinds import KIND_BY_NAME
from chainatlas.domain.user import User
from chainatlas.services.access import require
from chainatlas.services.context import WriteContext
from chainatlas.services.errors import NotFound
from chainatlas.services.fair import cached_matches, get_participant, registration, require_participant_access
from chainatlas.services.records import create_record, update_record
from chainatlas.store.fair import FairRepository
from chainatlas.store.registry import RegistryRepository


def agenda_items(
    fair: Fair,
    me: str,
    meetings: list[FairMeeting],
    people: dict[str, FairParticipant],
    outcomes: dict[tuple[str, str], str],
) -> list[AgendaItem]:
    """Return the agenda items of one participant among a fair's meetings."""
    items = []
    for m in meetings:
        if me not in (m.exhibitor_id, m.buyer_id):
            continue
        start = slot_start(fair, m.day, m.slot)
        other = people[m.buyer_id if m.exhibitor_id == me else m.exhibitor_id]
        items.append(
            AgendaItem(
                day=m.day,
                slot=m.slot,
                start=start,
                end=start + dt.timedelta(minutes=fair.slot_minutes),
                table=m.table,
                counterpart=other,
                score=m.score,
                must=m.must,
                outcome=outcomes.get((m.exhibitor_id, m.buyer_id)),
            )
        )
    return sorted(items, key=lambda i: (i.day, i.slot, i.table))


def participant_agenda(session: Session, user: User | None, *, fair_id: str, participant_id: str) -> Agenda:
    """Return a participant's agenda (organisers, or the participant itself)."""
    participant = get_participant(session, fair_id, participant_id)
    require_participant_access(user, participant)
    reg = registration(session, fair_id)
    repo = FairRepository(session)
    outcomes = {(a.exhibitor_id, a.buyer_id): a.outcome.value for a in repo.attendance(fair_id)}
    items = agenda_items(reg.fair, participant_id, repo.meetings(fair_id), reg.by_id(), outcomes)
    return Agenda(reg.fair, participant, items)


@dataclass
class ParticipantCount:
    """One participant's numbers: meetings scheduled and held, limits, must-meets asked and met."""

    participant: FairParticipant
    scheduled: int = 0
    held: int = 0
    no_show: int = 0
    must_asked: int = 0
    must_met: int = 0


@dataclass
class FairOverview:
    """The organiser's view of a fair: the slot × table grid, per-participant counts, unmet must-meets, feedback."""

    fair: Fair
    grid: dict[tuple[int, int], dict[int, FairMeeting]]
    """(day, slot) → table → meeting"""
    counts: list[ParticipantCount]
    unmet_must: list[tuple[FairParticipant, FairParticipant]]
    people: dict[str, FairParticipant]
    meetings: int
    reported: int = 0
    held: int = 0
    no_show: int = 0
    absent_by_role: dict[str, int] = field(default_factory=dict)
    unmet_reasons: list[str] = field(default_factory=list)
    """Per unmet must-meet pair (same order): why it is unmet, a code of domain.fair.UNMET_REASONS."""

    def day_meetings(self, day: int) -> int:
        """Return how many meetings a day holds."""
        return sum(len(tables) for (d, _), tables in self.grid.items() if d == day)

    @property
    def no_show_rate(self) -> float | None:
        """Return the share of reported meetings that were no-shows (None before any feedback)."""
        return self.no_show / self.reported if self.reported else None

    @property
    def held_per_participant(self) -> float | None:
        """Return meetings held per participant (each meeting counts for both sides), None before feedback."""
        if not self.reported or not self.counts:
            return None
        return 2 * self.held / len(self.counts)

    @property
    def scheduled_per_participant(self) -> float:
        """Return meetings scheduled per participant (each meeting counts for both sides)."""
        return 2 * self.meetings / len(self.counts) if self.counts else 0.0


def fair_overview(session: Session, user: User | None, *, fair_id: str) -> FairOverview:
    """Return the organiser's view of a fair (organisers only)."""
    require(user, Action.ANALYSE)
    reg = registration(session, fair_id)
    repo = FairRepository(session)
    meetings, attendance = repo.meetings(fair_id), repo.attendance(fair_id)
    people = reg.by_id()
    grid: dict[tuple[int, int], dict[int, FairMeeting]] = {}
    for m in meetings:
        grid.setdefault((m.day, m.slot), {})[m.table] = m
    counts = {p.id: ParticipantCount(p) for p in reg.participants}
    _count_meetings(counts, meetings, attendance)
    unmet = _unmet_must(session, fair_id, meetings, counts)
    overview = FairOverview(
        reg.fair, grid, list(counts.values()), [(people[a], people[b]) for a, b in unmet], people, len(meetings)
    )
    scheduled = {pid: c.scheduled for pid, c in counts.items()}
    overview.unmet_reasons = [unmet_must_reason(reg.fair, people[a], people[b], scheduled) for a, b in unmet]
    _add_feedback(overview, attendance)
    return overview


def _count_meetings(
    counts: dict[str, ParticipantCount], meetings: list[FairMeeting], attendance: list[FairAttendance]
) -> None:
    for m in meetings:
        for side in (m.exhibitor_id, m.buyer_id):
            if side in counts:
                counts[side].scheduled += 1
    for a in attendance:
        for side in (a.exhibitor_id, a.buyer_id):
            if side in counts:
                if a.outcome is Outcome.HELD:
                    counts[side].held += 1
                else:
                    counts[side].no_show += 1


def _unmet_must(
    session: Session, fair_id: str, meetings: list[FairMeeting], counts: dict[str, ParticipantCount]
) -> list[tuple[str, str]]:
    held = {(m.exhibitor_id, m.buyer_id) for m in meetings}
    unmet = []
    for pair in cached_matches(session, fair_id):
        if not pair.must:
            continue
        met = (pair.exhibitor, pair.buyer) in held
        for side in (pair.exhibitor, pair.buyer):
            counts[side].must_asked += 1
            counts[side].must_met += int(met)
        if not met:
            unmet.append((pair.exhibitor, pair.buyer))
    return unmet


def _add_feedback(overview: FairOverview, attendance: list[FairAttendance]) -> None:
    overview.reported = len(attendance)
    overview.held = sum(a.outcome is Outcome.HELD for a in attendance)
    overview.no_show = overview.reported - overview.held
    absent = Counter(a.absent.value if a.absent else "both" for a in attendance if a.outcome is Outcome.NO_SHOW)
    overview.absent_by_role = {
        role: absent.get(role, 0) for role in (FairRole.EXHIBITOR.value, FairRole.BUYER.value, "both")
    }


def overview_json(overview: FairOverview) -> dict[str, Any]:
    """Return the organiser's view as JSON."""
    return {
        "fair": overview.fair.model_dump(mode="json"),
        "meetings": overview.meetings,
        "scheduled_per_participant": round(overview.scheduled_per_participant, 4),
        "grid": [
            {"day": d, "slot": s, "table": t, "exhibitor": m.exhibitor_id, "buyer": m.buyer_id, "must": m.must}
            for (d, s), tables in sorted(overview.grid.items())
            for t, m in sorted(tables.items())
        ],
        "participants": [
            {
                "id": c.participant.id,
                "name_zh": c.participant.name_zh,
                "role": c.participant.role.value,
                "scheduled": c.scheduled,
                "min_meetings": c.participant.min_meetings,
                "max_meetings": c.participant.max_meetings,
                "must_asked": c.must_asked,
                "must_met": c.must_met,
                "held": c.held,
                "no_show": c.no_show,
            }
            for c in overview.counts
        ],
        "unmet_must": [
            {"exhibitor": e.id, "buyer": b.id, "reason": r, "why": UNMET_REASONS[r]}
            for (e, b), r in zip(overview.unmet_must, overview.unmet_reasons, strict=True)
        ],
        "feedback": {
            "reported": overview.reported,
            "held": overview.held,
            "no_show": overview.no_show,
            "no_show_rate": overview.no_show_rate,
            "held_per_participant": overview.held_per_participant,
            "absent": overview.absent_by_role,
        },
    }


def agenda_json(agenda: Agenda) -> dict[str, Any]:
    """Return a participant's agenda as JSON (local times, ISO 8601, with the fair's time zone name)."""
    return {
        "fair": agenda.fair.id,
        "participant": agenda.participant.id,
        "name_zh": agenda.participant.name_zh,
        "timezone": agenda.fair.timezone,
        "synthetic": agenda.synthetic,
        "meetings": [
            {
                "day": i.day,
                "slot": i.slot,
                "start": i.start.isoformat(),
                "end": i.end.isoformat(),
                "table": i.table,
                "with": i.counterpart.id,
                "with_name_zh": i.counterpart.name_zh,
                "with_name_en": i.counterpart.name_en,
                "booth": i.counterpart.booth,
                "must": i.must,
                "score": i.score,
                "outcome": i.outcome,
            }
            for i in agenda.items
        ],
    }


def record_attendance(
    session: Session,
    user: User | None,
    ctx: WriteContext,
    *,
    fair_id: str,
    exhibitor_id: str,
    buyer_id: str,
    outcome: str,
    absent: str | None = None,
) -> FairAttendance:
    """Record (or correct) whether a scheduled meeting of a fair was held; organisers only, with its history."""
    require(user, Action.WRITE)
    key = (exhibitor_id, buyer_id)
    if key not in {(m.exhibitor_id, m.buyer_id) for m in FairRepository(session).meetings(fair_id)}:
        raise NotFound(f"no scheduled meeting {exhibitor_id}–{buyer_id} in fair {fair_id}")
    data = {"exhibitor_id": exhibitor_id, "buyer_id": buyer_id, "outcome": outcome, "absent": absent or None}
    existing = RegistryRepository(session, KIND_BY_NAME["fair_attendance"]).get(key)
    if existing is None:
        return create_record(session, ctx, kind="fair_attendance", data={**data, "source": _attendance_source(ctx)})  # type: ignore[return-value]
    return update_record(session, ctx, kind="fair_attendance", key=key, changes=data)  # type: ignore[return-value]


def _attendance_source(ctx: WriteContext) -> str:
    return f"reported by {ctx.actor}, {ctx.at:%Y-%m-%d %H:%M} UTC"
