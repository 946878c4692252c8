"""What a fair's schedule gives people: each participant's agenda, and the organiser's grid and statistics."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

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
from chainatlas.domain.fair_results import (
    AgendaMeeting,
    AgendaReport,
    FairFeedback,
    FairOverview,
    FairOverviewReport,
    GridMeeting,
    ParticipantCount,
    ParticipantLine,
    UnmetMust,
)
from chainatlas.domain.kinds import FAIR_ATTENDANCE
from chainatlas.domain.user import User
from chainatlas.interchange.agenda import agenda_ics, agenda_xlsx
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


def overview_report(overview: FairOverview) -> FairOverviewReport:
    """Return the organiser's view as a result: the grid, per-participant lines, unmet must-meets, feedback."""
    grid = [
        GridMeeting(day=d, slot=s, table=t, exhibitor=m.exhibitor_id, buyer=m.buyer_id, must=m.must)
        for (d, s), tables in sorted(overview.grid.items())
        for t, m in sorted(tables.items())
    ]
    unmet = [
        UnmetMust(exhibitor=e.id, buyer=b.id, reason=r, why=UNMET_REASONS[r])
        for (e, b), r in zip(overview.unmet_must, overview.unmet_reasons, strict=True)
    ]
    return FairOverviewReport(
        fair=overview.fair,
        meetings=overview.meetings,
        scheduled_per_participant=round(overview.scheduled_per_participant, 4),
        grid=grid,
        participants=[_participant_line(c) for c in overview.counts],
        unmet_must=unmet,
        feedback=FairFeedback(
            reported=overview.reported,
            held=overview.held,
            no_show=overview.no_show,
            no_show_rate=overview.no_show_rate,
            held_per_participant=overview.held_per_participant,
            absent=overview.absent_by_role,
        ),
    )


def _participant_line(c: ParticipantCount) -> ParticipantLine:
    p = c.participant
    return ParticipantLine(
        id=p.id,
        name_zh=p.name_zh,
        role=p.role.value,
        scheduled=c.scheduled,
        min_meetings=p.min_meetings,
        max_meetings=p.max_meetings,
        must_asked=c.must_asked,
        must_met=c.must_met,
        held=c.held,
        no_show=c.no_show,
    )


def agenda_report(agenda: Agenda) -> AgendaReport:
    """Return a participant's agenda as a result (local times, ISO 8601, with the fair's time zone name)."""
    meetings = [
        AgendaMeeting(
            day=i.day,
            slot=i.slot,
            start=i.start.isoformat(),
            end=i.end.isoformat(),
            table=i.table,
            with_=i.counterpart.id,
            with_name_zh=i.counterpart.name_zh,
            with_name_en=i.counterpart.name_en,
            booth=i.counterpart.booth,
            must=i.must,
            score=i.score,
            outcome=i.outcome,
        )
        for i in agenda.items
    ]
    p = agenda.participant
    return AgendaReport(
        fair=agenda.fair.id,
        participant=p.id,
        name_zh=p.name_zh,
        timezone=agenda.fair.timezone,
        synthetic=agenda.synthetic,
        meetings=meetings,
    )


def overview_of(session: Session, user: User | None, *, fair_id: str) -> FairOverviewReport:
    """Return the organiser's view of a fair as a result (organisers only)."""
    return overview_report(fair_overview(session, user, fair_id=fair_id))


def agenda_of(session: Session, user: User | None, *, fair_id: str, participant_id: str) -> AgendaReport:
    """Return a participant's agenda as a result (organisers, or the participant itself)."""
    return agenda_report(participant_agenda(session, user, fair_id=fair_id, participant_id=participant_id))


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
        raise NotFound(
            code="fair.meeting_not_found", params={"fair": fair_id, "exhibitor": exhibitor_id, "buyer": buyer_id}
        )
    data = {"exhibitor_id": exhibitor_id, "buyer_id": buyer_id, "outcome": outcome, "absent": absent or None}
    existing = RegistryRepository(session, FAIR_ATTENDANCE).get(key)
    if existing is None:
        return create_record(session, ctx, kind=FAIR_ATTENDANCE, data={**data, "source": _attendance_source(ctx)})
    return update_record(session, ctx, kind=FAIR_ATTENDANCE, key=key, changes=data)


def _attendance_source(ctx: WriteContext) -> str:
    return f"reported by {ctx.actor}, {ctx.at:%Y-%m-%d %H:%M} UTC"


AGENDA_FORMATS = ("ics", "xlsx", "json")
"""The files an agenda is written as: iCalendar, an Excel workbook, JSON."""


def agenda_file(agenda: Agenda, fmt: str, *, stamp: dt.datetime) -> bytes:
    """Return an agenda as a file of one of AGENDA_FORMATS (an iCalendar file carries the `stamp` given)."""
    if fmt == "ics":
        return agenda_ics(agenda, stamp=stamp)
    if fmt == "xlsx":
        return agenda_xlsx(agenda)
    if fmt == "json":
        data = agenda_report(agenda).model_dump(mode="json", by_alias=True)
        return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    raise ValueError(f"no agenda format {fmt}; use one of {', '.join(AGENDA_FORMATS)}")
