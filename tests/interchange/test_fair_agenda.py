"""Agendas written as .ics and .xlsx read back with icalendar and openpyxl: times, count, summary."""

from __future__ import annotations

import datetime as dt
import io
import zoneinfo

from icalendar import Calendar
from openpyxl import load_workbook
from tests.interchange.agenda_cases import AGENDA, local

from chainatlas.interchange.agenda import agenda_ics, agenda_xlsx


def test_ics_parses_back_with_times_count_and_summary() -> None:
    calendar = Calendar.from_ical(agenda_ics(AGENDA, stamp=dt.datetime(2026, 1, 1, tzinfo=dt.UTC)))
    events = calendar.walk("VEVENT")
    assert len(events) == 2
    first, second = sorted(events, key=lambda e: e.decoded("dtstart"))
    start = first.decoded("dtstart")
    assert start.utcoffset() == dt.timedelta(hours=8)
    assert start.astimezone(dt.UTC) == dt.datetime(2025, 5, 15, 1, 30, tzinfo=dt.UTC)
    assert first.decoded("dtend") - start == dt.timedelta(minutes=30)
    assert second.decoded("dtstart").astimezone(zoneinfo.ZoneInfo("Asia/Shanghai")).replace(tzinfo=None) == local(
        2025, 5, 16, 10, 0
    )
    assert (
        "乙液压" in str(first["summary"])
        and "Yi Hydraulics" in str(first["summary"])
        and "table 1" in str(first["summary"])
    )
    assert "must-meet" in str(first["description"]) and "synthetic" in str(first["description"])
    assert str(first["uid"]) != str(second["uid"])
    assert len(calendar.walk("VTIMEZONE")) == 1


def test_xlsx_reads_back_row_by_row() -> None:
    sheet = load_workbook(io.BytesIO(agenda_xlsx(AGENDA))).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert "测试展会" in rows[0][0] and "synthetic" in rows[0][0]
    assert rows[1][0].startswith("天") and len(rows) == 2 + 2
    assert rows[2][:7] == (1, 2, local(2025, 5, 15, 9, 30), local(2025, 5, 15, 10, 0), 1, "X1", "乙液压")
    assert rows[2][8] == "E1-101" and rows[2][9] == "是"
    assert rows[3][5] == "X3" and rows[3][9] in (None, "")
