"""The whole fair's schedule and participant list as XLSX, from the fair page and the API: opened with openpyxl,
numbers are numbers, times are date-times, yes/no words and headers in the reader's language. Expected values
are written out by hand from the meetings below."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy.orm import Session
from tests.factories import write_csv
from tests.fair_cases import write_fair
from tests.web.conftest import CTX, Pages

from chainatlas.app import create_app
from chainatlas.config import load_settings
from chainatlas.services.imports import run_import
from chainatlas.store.engine import make_engine

MEETINGS = [
    {
        "fair_id": "F1",
        "exhibitor_id": "X1",
        "buyer_id": "B1",
        "day": "1",
        "slot": "1",
        "table": "1",
        "score": "0.8765",
        "must": "true",
        "source": "synthetic",
    },
    {
        "fair_id": "F1",
        "exhibitor_id": "X2",
        "buyer_id": "B2",
        "day": "1",
        "slot": "2",
        "table": "2",
        "score": "",
        "must": "false",
        "source": "synthetic",
    },
    {
        "fair_id": "F1",
        "exhibitor_id": "X1",
        "buyer_id": "B3",
        "day": "2",
        "slot": "2",
        "table": "1",
        "score": "0.5",
        "must": "false",
        "source": "synthetic",
    },
]
ATTENDANCE = [
    {"fair_id": "F1", "exhibitor_id": "X1", "buyer_id": "B1", "outcome": "held", "source": "synthetic"},
    {
        "fair_id": "F1",
        "exhibitor_id": "X1",
        "buyer_id": "B3",
        "outcome": "no_show",
        "absent": "buyer",
        "source": "synthetic",
    },
]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def fair_pages(db_url: str, tmp_path: Path) -> Iterator[Pages]:
    """Return a page client over the small fair F1 (tests/fair_cases.py) with three meetings, two reported."""
    folder = write_fair(tmp_path / "seed")
    write_csv(folder / "fair_meetings.csv", "fair_meetings", MEETINGS)
    write_csv(folder / "fair_attendance.csv", "fair_attendance", ATTENDANCE)
    engine = make_engine(db_url)
    with Session(engine) as session:
        report = run_import(session, [folder], CTX)
        assert report.ok, report
        session.commit()
    engine.dispose()
    app = create_app(load_settings({}, database_url=db_url), var_dir=tmp_path / "var")
    with TestClient(app) as client:
        yield Pages(client, app.state.engine)
    app.state.engine.dispose()


def rows(content: bytes) -> list[list[Any]]:
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def at(day: int, hour: int, minute: int) -> dt.datetime:
    """Return a naive local time of the fair (Asia/Shanghai), as XLSX holds it."""
    return dt.datetime(2025, 5, 14 + day, hour, minute)  # noqa: DTZ001 - spreadsheets have no time zones


def test_the_schedule_download_on_a_chinese_page(fair_pages: Pages) -> None:
    fair_pages.login("ana")
    page = fair_pages.client.get("/fairs/F1").text
    assert 'href="/fairs/F1/schedule.xlsx"' in page and 'href="/fairs/F1/participants.xlsx"' in page
    answer = fair_pages.client.get("/fairs/F1/schedule.xlsx")
    assert answer.status_code == 200 and answer.headers["content-type"] == XLSX
    table = rows(answer.content)
    assert table[0] == [
        "天",
        "场次",
        "开始",
        "结束",
        "桌号",
        "展商编号",
        "展商",
        "采购商编号",
        "采购商",
        "必须会见",
        "匹配分",
        "结果",
    ]
    assert table[1:] == [
        [1, 1, at(1, 9, 0), at(1, 9, 30), 1, "X1", "乙液压", "B1", "长沙甲机械有限公司", "是", 0.8765, "已举行"],
        [1, 2, at(1, 9, 30), at(1, 10, 0), 2, "X2", "丙液压", "B2", "越南经销商", "否", None, None],
        [2, 2, at(2, 9, 30), at(2, 10, 0), 1, "X1", "乙液压", "B3", "巴西经销商", "否", 0.5, "未到场"],
    ]
    sheet = load_workbook(io.BytesIO(answer.content)).active
    assert sheet is not None
    assert [sheet.cell(2, c).data_type for c in (1, 2, 3, 5, 11)] == ["n", "n", "d", "n", "n"]  # not text


def test_the_participant_list_counts_meetings_as_numbers(fair_pages: Pages) -> None:
    fair_pages.login("ana")
    table = rows(fair_pages.client.get("/fairs/F1/participants.xlsx").content)
    assert table[0][:3] == ["参会编号", "身份", "企业编号"] and table[0][10:13] == ["已排洽谈", "已举行", "未到场"]
    assert [row[0] for row in table[1:]] == ["X1", "X2", "X3", "B1", "B2", "B3"]  # exhibitors first
    x1 = table[1]
    assert x1[:4] == ["X1", "展商", "E2", "乙液压"] and x1[6:8] == ["DE", "E1-101"]
    assert x1[10:13] == [2, 1, 1]  # two meetings scheduled, one held, one no-show
    assert table[4][1] == "采购商" and table[4][10:13] == [1, 1, 0]  # B1


def test_the_api_gives_english_sheets_and_only_to_organisers(fair_pages: Pages) -> None:
    fair_pages.login("vic")
    assert fair_pages.client.get("/api/v1/fairs/F1/schedule.xlsx").status_code == 403
    assert fair_pages.client.get("/fairs/F1/participants.xlsx").status_code == 403
    fair_pages.client.cookies.clear()
    fair_pages.login("ana")
    table = rows(fair_pages.client.get("/api/v1/fairs/F1/schedule.xlsx", params={"lang": "en"}).content)
    assert table[0][:2] == ["Day", "Slot"] and table[0][9:] == ["Must meet", "Match score", "Outcome"]
    assert table[1][9:] == ["Yes", 0.8765, "Held"] and table[3][9:] == ["No", 0.5, "No-show"]
    chinese = rows(fair_pages.client.get("/api/v1/fairs/F1/participants.xlsx").content)
    assert chinese[1][1] == "展商"
