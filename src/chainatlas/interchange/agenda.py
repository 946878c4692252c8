"""A participant's fair agenda as iCalendar (.ics, RFC 5545) and as an XLSX sheet."""

from __future__ import annotations

import datetime as dt
import io
import zoneinfo

from icalendar import Calendar, Event
from openpyxl import Workbook
from openpyxl.styles import Font

from chainatlas.domain.fair import Agenda, AgendaItem
from chainatlas.interchange.inert import mark_text

PRODID = "-//Chain Atlas//fair agenda//ZH"
XLSX_HEADERS = (
    "天 day",
    "场次 slot",
    "开始 start",
    "结束 end",
    "桌号 table",
    "对方编号 with",
    "对方 name",
    "英文名 name (en)",
    "展位 booth",
    "必须会见 must",
    "匹配分 score",
    "结果 outcome",
)


def _summary(item: AgendaItem) -> str:
    other = item.counterpart
    names = other.name_zh + (f" / {other.name_en}" if other.name_en else "")
    return f"洽谈 Meeting: {names} (桌 table {item.table})"


def _event(agenda: Agenda, item: AgendaItem, zone: zoneinfo.ZoneInfo, stamp: dt.datetime) -> Event:
    event = Event()
    key = (
        f"{agenda.fair.id}-{item.counterpart.id}-{agenda.participant.id}"
        if agenda.participant.role.value == "buyer"
        else f"{agenda.fair.id}-{agenda.participant.id}-{item.counterpart.id}"
    )
    event.add("uid", f"{key}@chainatlas")
    event.add("dtstamp", stamp)
    event.add("dtstart", item.start.replace(tzinfo=zone))
    event.add("dtend", item.end.replace(tzinfo=zone))
    event.add("summary", _summary(item))
    event.add("location", f"{agenda.fair.venue or agenda.fair.name_zh}, 洽谈桌 table {item.table}")
    notes = [f"{agenda.fair.name_zh}: 第 {item.day} 天第 {item.slot} 场 (day {item.day}, slot {item.slot})"]
    if item.counterpart.booth:
        notes.append(f"展位 booth {item.counterpart.booth}")
    if item.must:
        notes.append("必须会见 must-meet")
    if agenda.synthetic:
        notes.append("合成演示数据 synthetic demo data")
    event.add("description", "\n".join(notes))
    return event


def agenda_ics(agenda: Agenda, *, stamp: dt.datetime) -> bytes:
    """Return the agenda as an iCalendar file, one event per meeting in the fair's time zone."""
    zone = zoneinfo.ZoneInfo(agenda.fair.timezone)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{agenda.fair.name_zh} · {agenda.participant.name_zh}")
    for item in agenda.items:
        calendar.add_component(_event(agenda, item, zone, stamp))
    calendar.add_missing_timezones()
    ical: bytes = calendar.to_ical()
    return ical


def agenda_rows(agenda: Agenda) -> list[list[object]]:
    """Return the agenda as table rows (local times), in XLSX_HEADERS order."""
    return [
        [
            i.day,
            i.slot,
            i.start,
            i.end,
            i.table,
            i.counterpart.id,
            i.counterpart.name_zh,
            i.counterpart.name_en or "",
            i.counterpart.booth or "",
            "是" if i.must else "",
            i.score if i.score is not None else "",
            i.outcome or "",
        ]
        for i in agenda.items
    ]


def agenda_xlsx(agenda: Agenda) -> bytes:
    """Return the agenda as an XLSX workbook: a title line, the header row, one row per meeting."""
    book = Workbook()
    sheet = book.worksheets[0]
    sheet.title = "agenda"
    title = f"{agenda.fair.name_zh} · {agenda.participant.name_zh} ({agenda.participant.id}) · {agenda.fair.timezone}"
    sheet.append([title + (" · 合成 synthetic" if agenda.synthetic else "")])
    sheet.append(list(XLSX_HEADERS))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in agenda_rows(agenda):
        sheet.append(row)
    for line in sheet.iter_rows():
        for cell in line:
            mark_text(cell)  # a name starting with = stays text, never a formula
    for column in ("C", "D"):
        for cell in sheet[column][2:]:
            cell.number_format = "yyyy-mm-dd hh:mm"
        sheet.column_dimensions[column].width = 18
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
