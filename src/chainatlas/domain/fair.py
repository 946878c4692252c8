"""The fair (展会, CICEE): fairs, participants, preferences, meetings and attendance feedback.

Slots are numbered per fair: day d (1 = the first day) and slot s (1 = the first of the day);
the engine sees them as one index, (d − 1) × slots_per_day + (s − 1).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints

from chainatlas.domain.common import PRINTABLE, SYNTHETIC, Code, Problem, Record, Source, Text
from chainatlas.domain.enterprise import CountryCode
from chainatlas.domain.fields import Cell, Header
from chainatlas.domain.messages import Params, field_error

MAX_FAIR_DAYS = 31
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000, pattern=PRINTABLE)]
_CLOCK = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_WINDOW = re.compile(r"^(?P<day>\d{1,2})(:(?P<first>\d{1,2})(-(?P<last>\d{1,2}))?)?$")


def _check_clock(value: str) -> str:
    if not _CLOCK.match(value):
        raise field_error("fair.clock")
    return value


def _check_window(value: str) -> str:
    match = _WINDOW.match(value)
    if not match:
        raise field_error("fair.window_format")
    first, last = match["first"], match["last"]
    if int(match["day"]) < 1 or (first and int(first) < 1) or (first and last and int(last) < int(first)):
        raise field_error("fair.window_order", window=value)
    return value


Clock = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_check_clock)]
Window = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_check_window)]


class FairRole(StrEnum):
    """Which side of the fair's meetings a participant is on."""

    EXHIBITOR = "exhibitor"
    BUYER = "buyer"


class PreferenceLevel(StrEnum):
    """What one participant says about meeting another (must-meet / meet / no-thanks)."""

    MUST = "must"
    MEET = "meet"
    NO_THANKS = "no_thanks"


class Outcome(StrEnum):
    """What happened to a scheduled meeting, reported after the fair."""

    HELD = "held"
    NO_SHOW = "no_show"


class Fair(Record):
    """One edition of a fair with its B2B meeting grid: days, slots per day and tables."""

    id: Annotated[Code, Header("展会编号")]
    name_zh: Annotated[Text, Header("展会名称")]
    name_en: Annotated[Text | None, Header("英文名称")] = None
    edition: Annotated[Annotated[int, Field(ge=1, le=1000)] | None, Header("届次")] = None
    start: Annotated[dt.date, Header("开幕日期")]
    end: Annotated[dt.date, Header("闭幕日期")]
    venue: Annotated[Text | None, Header("场馆")] = None
    first_slot: Annotated[Clock, Header("首场时间")] = "09:00"
    slot_minutes: Annotated[int, Field(ge=5, le=240), Header("每场分钟")] = 30
    slots_per_day: Annotated[int, Field(ge=1, le=96), Header("每天场次")] = 8
    tables: Annotated[int, Field(ge=1, le=100_000), Header("洽谈桌数")] = 20
    timezone: Annotated[Text, Header("时区")] = "Asia/Shanghai"
    source: Annotated[Source, Header("来源")]

    @property
    def days(self) -> int:
        """Return how many days the fair runs (start and end included)."""
        return (self.end - self.start).days + 1


class FairParticipant(Record):
    """An exhibitor or a buyer registered for a fair's meetings."""

    id: Annotated[Code, Header("参会编号")]
    fair_id: Annotated[Code, Header("展会编号")]
    role: Annotated[FairRole, Header("身份")]
    enterprise_id: Annotated[Code | None, Header("企业编号")] = None
    name_zh: Annotated[Text, Header("名称")]
    name_en: Annotated[Text | None, Header("英文名称")] = None
    delegation: Annotated[Text | None, Header("代表团")] = None
    country: Annotated[CountryCode, Header("国家", cell=Cell.COUNTRY)]
    offers: Annotated[tuple[Code, ...], Header("供应环节")] = ()
    needs: Annotated[tuple[Code, ...], Header("需求环节")] = ()
    offers_text: Annotated[LongText | None, Header("供应说明")] = None
    needs_text: Annotated[LongText | None, Header("需求说明")] = None
    available: Annotated[tuple[Window, ...], Header("可约时段")] = ()
    """Empty: every slot of the fair."""
    min_meetings: Annotated[int, Field(ge=0, le=1000), Header("最少洽谈")] = 0
    max_meetings: Annotated[Annotated[int, Field(ge=0, le=1000)] | None, Header("最多洽谈")] = None
    staff: Annotated[int, Field(ge=1, le=100), Header("洽谈人员")] = 1
    booth: Annotated[Text | None, Header("展位")] = None
    source: Annotated[Source, Header("来源")]


class FairPreference(Record):
    """One participant's wish about meeting another."""

    from_id: Annotated[Code, Header("提出方")]
    to_id: Annotated[Code, Header("对象")]
    level: Annotated[PreferenceLevel, Header("意向")]
    note: Annotated[Text | None, Header("备注")] = None
    source: Annotated[Source, Header("来源")]


class FairMeeting(Record):
    """A scheduled meeting: an exhibitor and a buyer at a table in a slot."""

    fair_id: Annotated[Code, Header("展会编号")]
    exhibitor_id: Annotated[Code, Header("展商")]
    buyer_id: Annotated[Code, Header("采购商")]
    day: Annotated[int, Field(ge=1, le=MAX_FAIR_DAYS), Header("天")]
    slot: Annotated[int, Field(ge=1, le=96), Header("场次")]
    table: Annotated[int, Field(ge=1, le=100_000), Header("桌号")]
    score: Annotated[float | None, Header("匹配分")] = None
    must: Annotated[bool, Header("必须会见")] = False
    source: Annotated[Source, Header("来源")]


class FairAttendance(Record):
    """After the fair: was a scheduled meeting held, and who did not come."""

    exhibitor_id: Annotated[Code, Header("展商")]
    buyer_id: Annotated[Code, Header("采购商")]
    outcome: Annotated[Outcome, Header("结果")]
    absent: Annotated[FairRole | None, Header("缺席方")] = None
    """For a no-show: the side that did not come (empty: both or unknown)."""
    note: Annotated[Text | None, Header("备注")] = None
    source: Annotated[Source, Header("来源")]


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


@functools.cache
def time_zone_names() -> frozenset[str]:
    """Return the IANA time zone names known here (a name outside them never reaches the zone-file lookup)."""
    return frozenset(zoneinfo.available_timezones())


def fair_problems(fair: Fair) -> list[Problem]:
    """Return every rule a single fair breaks."""
    problems: list[Problem] = []
    if fair.end < fair.start:
        problems.append(Problem.coded("end", "fair.end_before_start", value=str(fair.end), start=str(fair.start)))
    elif fair.days > MAX_FAIR_DAYS:
        problems.append(Problem.coded("end", "fair.too_long", value=str(fair.end), days=MAX_FAIR_DAYS))
    if fair.timezone not in time_zone_names():
        problems.append(Problem.coded("timezone", "fair.time_zone", value=fair.timezone))
    if _minutes(fair.first_slot) + fair.slots_per_day * fair.slot_minutes > 24 * 60:
        problems.append(Problem.coded("slots_per_day", "fair.past_midnight", value=str(fair.slots_per_day)))
    return problems


def participant_problems(item: FairParticipant) -> list[Problem]:
    """Return every rule a single participant breaks."""
    problems: list[Problem] = []
    if item.max_meetings is not None and item.max_meetings < item.min_meetings:
        problems.append(
            Problem.coded(
                "max_meetings", "fair.max_below_min", value=str(item.max_meetings), min_meetings=item.min_meetings
            )
        )
    if item.role is FairRole.BUYER and item.staff != 1:
        problems.append(Problem.coded("staff", "fair.staff_buyer", value=str(item.staff)))
    return problems


def preference_problems(item: FairPreference) -> list[Problem]:
    """Return every rule a single preference breaks (a participant cannot ask to meet itself)."""
    if item.from_id == item.to_id:
        return [Problem.coded("to_id", "fair.preference_self", value=item.to_id)]
    return []


def preference_pair_problems(item: FairPreference, source: FairParticipant, target: FairParticipant) -> list[Problem]:
    """Return the rules a preference breaks given its two participants: same fair, opposite sides."""
    if source.fair_id != target.fair_id:
        return [
            Problem.coded(
                "to_id",
                "fair.preference_other_fair",
                value=target.id,
                other=target.fair_id,
                fair=source.fair_id,
                source=source.id,
            )
        ]
    if source.role is target.role:
        return [Problem.coded("to_id", f"fair.preference_same_side.{target.role.value}", value=target.id)]
    return []


def window_problems(item: FairParticipant, fair: Fair) -> list[Problem]:
    """Return a problem for every available window that is not inside the fair's grid (days × slots per day)."""
    problems: list[Problem] = []
    for window in item.available:
        match = _WINDOW.match(window)
        if match is None:
            continue
        day, first, last = int(match["day"]), match["first"], match["last"]
        highest = max(int(first or 1), int(last or 0))
        if day > fair.days or highest > fair.slots_per_day:
            grid: Params = {"window": window, "fair": fair.id, "days": fair.days, "slots": fair.slots_per_day}
            problems.append(Problem.of("available", "fair.window_outside", grid, value=window))
    return problems


def meeting_problems(item: FairMeeting) -> list[Problem]:
    """Return every rule a single meeting breaks (none on its own: the schedule is checked per fair)."""
    return []


def attendance_problems(item: FairAttendance) -> list[Problem]:
    """Return every rule a single attendance record breaks."""
    if item.outcome is Outcome.HELD and item.absent is not None:
        return [Problem.coded("absent", "fair.held_absent", value=item.absent.value)]
    return []


def slot_index(fair: Fair, day: int, slot: int) -> int:
    """Return the 0-based fair-wide index of (day, slot), both counted from 1."""
    return (day - 1) * fair.slots_per_day + (slot - 1)


def slot_of_index(fair: Fair, index: int) -> tuple[int, int]:
    """Return (day, slot), both from 1, of a 0-based fair-wide slot index."""
    return index // fair.slots_per_day + 1, index % fair.slots_per_day + 1


def slot_start(fair: Fair, day: int, slot: int) -> dt.datetime:
    """Return the naive local start time of a slot (the fair's `timezone` gives its zone)."""
    date = fair.start + dt.timedelta(days=day - 1)
    minutes = _minutes(fair.first_slot) + (slot - 1) * fair.slot_minutes
    return dt.datetime.combine(date, dt.time(minutes // 60, minutes % 60))


def available_slots(fair: Fair, windows: tuple[str, ...]) -> frozenset[int] | None:
    """Return the fair-wide slot indexes the windows allow (None: every slot); windows past the grid are cut off."""
    if not windows:
        return None
    chosen: set[int] = set()
    for window in windows:
        match = _WINDOW.match(window)
        if match is None:
            continue
        day = int(match["day"])
        first = int(match["first"]) if match["first"] else 1
        last = int(match["last"]) if match["last"] else (first if match["first"] else fair.slots_per_day)
        if day > fair.days:
            continue
        chosen.update(slot_index(fair, day, s) for s in range(first, min(last, fair.slots_per_day) + 1))
    return frozenset(chosen)


UNMET_REASONS: dict[str, str] = {
    "no_common_slot": "no common available slot",
    "exhibitor_full": "the exhibitor reached its max_meetings",
    "buyer_full": "the buyer reached its max_meetings",
    "not_placed": "common slots are taken by other meetings (or the time limit ran out)",
}
"""Why a must-meet pair is not on the schedule: code → English text (the pages translate the code)."""


def unmet_must_reason(
    fair: Fair, exhibitor: FairParticipant, buyer: FairParticipant, scheduled: Mapping[str, int]
) -> str:
    """Return the code (UNMET_REASONS) of why a must-meet pair is unmet, given each participant's scheduled count."""
    mine, theirs = available_slots(fair, exhibitor.available), available_slots(fair, buyer.available)
    if mine is not None and theirs is not None and not mine & theirs:
        return "no_common_slot"
    if mine == frozenset() or theirs == frozenset():
        return "no_common_slot"
    for code, side in (("exhibitor_full", exhibitor), ("buyer_full", buyer)):
        if side.max_meetings is not None and scheduled.get(side.id, 0) >= side.max_meetings:
            return code
    return "not_placed"


@dataclass(frozen=True)
class AgendaItem:
    """One meeting on a participant's agenda (times are the fair's local time)."""

    day: int
    slot: int
    start: dt.datetime
    end: dt.datetime
    table: int
    counterpart: FairParticipant
    score: float | None
    must: bool
    outcome: str | None = None


@dataclass(frozen=True)
class Agenda:
    """A participant's meetings at a fair, in time order."""

    fair: Fair
    participant: FairParticipant
    items: list[AgendaItem]

    @property
    def synthetic(self) -> bool:
        """Return whether the registration is generated demo data."""
        return self.participant.source == SYNTHETIC
