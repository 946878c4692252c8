"""The whole fair's meeting schedule and its participant list as tables for people (XLSX downloads).

Headers in the reader's language (Chinese first), yes/no as 是/否 or Yes/No, numbers as numbers, times as
local date-times of the fair. The labels live here, beside the tables, because both the pages and the API
(which has no page translator) hand out these files.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from chainatlas.domain.fair import FairMeeting, FairParticipant, slot_start
from chainatlas.domain.fair_results import FairOverview, ParticipantCount

SheetCell = str | int | float | Decimal | bool | dt.date | None
SCHEDULE_COLUMNS = (
    ("天", "Day"),
    ("场次", "Slot"),
    ("开始", "Start"),
    ("结束", "End"),
    ("桌号", "Table"),
    ("展商编号", "Exhibitor id"),
    ("展商", "Exhibitor"),
    ("采购商编号", "Buyer id"),
    ("采购商", "Buyer"),
    ("必须会见", "Must meet"),
    ("匹配分", "Match score"),
    ("结果", "Outcome"),
)
PARTICIPANT_COLUMNS = (
    ("参会编号", "Participant id"),
    ("身份", "Role"),
    ("企业编号", "Enterprise id"),
    ("名称", "Name"),
    ("英文名称", "English name"),
    ("代表团", "Delegation"),
    ("国家", "Country"),
    ("展位", "Booth"),
    ("最少洽谈", "Min meetings"),
    ("最多洽谈", "Max meetings"),
    ("已排洽谈", "Meetings scheduled"),
    ("已举行", "Meetings held"),
    ("未到场", "No-shows"),
    ("必须会见（提出）", "Must-meets asked"),
    ("必须会见（已满足）", "Must-meets met"),
)
WORDS = {
    "yes": ("是", "Yes"),
    "no": ("否", "No"),
    "exhibitor": ("展商", "Exhibitor"),
    "buyer": ("采购商", "Buyer"),
    "held": ("已举行", "Held"),
    "no_show": ("未到场", "No-show"),
    "schedule": ("洽谈日程", "schedule"),
    "participants": ("参会名单", "participants"),
}


def word(key: str, lang: str) -> str:
    """Return one of WORDS in the language (`zh` unless `en`)."""
    zh, en = WORDS[key]
    return en if lang == "en" else zh


def headers(columns: tuple[tuple[str, str], ...], lang: str) -> list[str]:
    """Return a table's headers in the language."""
    return [en if lang == "en" else zh for zh, en in columns]


def _meeting_row(
    overview: FairOverview, meeting: FairMeeting, outcomes: dict[tuple[str, str], str], lang: str
) -> list[SheetCell]:
    fair, people = overview.fair, overview.people
    start = slot_start(fair, meeting.day, meeting.slot)
    outcome = outcomes.get((meeting.exhibitor_id, meeting.buyer_id))
    return [
        meeting.day,
        meeting.slot,
        start,
        start + dt.timedelta(minutes=fair.slot_minutes),
        meeting.table,
        meeting.exhibitor_id,
        _name(people.get(meeting.exhibitor_id), lang),
        meeting.buyer_id,
        _name(people.get(meeting.buyer_id), lang),
        word("yes" if meeting.must else "no", lang),
        None if meeting.score is None else round(meeting.score, 4),
        word(outcome, lang) if outcome else None,
    ]


def _name(participant: FairParticipant | None, lang: str) -> str | None:
    if participant is None:
        return None
    return participant.name_en if lang == "en" and participant.name_en else participant.name_zh


def schedule_rows(overview: FairOverview, outcomes: dict[tuple[str, str], str], lang: str) -> list[list[SheetCell]]:
    """Return every meeting of the fair, by day, slot and table (outcomes by (exhibitor, buyer))."""
    meetings = [m for tables in overview.grid.values() for m in tables.values()]
    meetings.sort(key=lambda m: (m.day, m.slot, m.table))
    return [_meeting_row(overview, m, outcomes, lang) for m in meetings]


def _participant_row(count: ParticipantCount, lang: str) -> list[SheetCell]:
    p = count.participant
    return [
        p.id,
        word(p.role.value, lang),
        p.enterprise_id,
        p.name_zh,
        p.name_en,
        p.delegation,
        p.country,
        p.booth,
        p.min_meetings,
        p.max_meetings,
        count.scheduled,
        count.held,
        count.no_show,
        count.must_asked,
        count.must_met,
    ]


def participant_rows(overview: FairOverview, lang: str) -> list[list[SheetCell]]:
    """Return every participant with its meeting counts, exhibitors first, by id."""
    counts = sorted(overview.counts, key=lambda c: (c.participant.role.value != "exhibitor", c.participant.id))
    return [_participant_row(c, lang) for c in counts]
