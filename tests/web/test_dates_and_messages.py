"""Dates on pages as readers write them (2025年12月31日 / 31 Dec 2025), times in the cluster's zone with its
offset, and service messages in the page's language."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from tests.web.conftest import Pages

from chainatlas.domain.common import Problem
from chainatlas.web.formatting import said, when_text

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(
    ("value", "lang", "zone", "expected"),
    [
        (dt.date(2025, 12, 31), "zh", None, "2025年12月31日"),
        (dt.date(2025, 12, 31), "en", None, "31 Dec 2025"),
        (dt.date(2026, 3, 1), "zh", None, "2026年3月1日"),
        # 16:30 UTC is half past midnight of the next day in Shanghai (UTC+8)
        (dt.datetime(2025, 12, 31, 16, 30, tzinfo=dt.UTC), "zh", SHANGHAI, "2026年1月1日 00:30 UTC+8"),
        (dt.datetime(2025, 12, 31, 16, 30, tzinfo=dt.UTC), "en", "Asia/Shanghai", "1 Jan 2026 00:30 UTC+8"),
        # Newfoundland in winter is 3 h 30 min behind UTC
        (dt.datetime(2025, 12, 31, 16, 30, tzinfo=dt.UTC), "en", "America/St_Johns", "31 Dec 2025 13:00 UTC−3:30"),
        (dt.datetime(2025, 12, 31, 16, 30, tzinfo=dt.UTC), "en", None, "31 Dec 2025 16:30 UTC"),
        # a naive time (a fair agenda's local time) is shown as it is
        (dt.datetime(2026, 5, 20, 9, 0), "zh", SHANGHAI, "2026年5月20日 09:00"),  # noqa: DTZ001
        (None, "zh", None, "—"),
    ],
)
def test_dates_and_times_read_as_people_write_them(
    value: dt.date | None, lang: str, zone: dt.tzinfo | str | None, expected: str
) -> None:
    assert when_text(value, lang, zone) == expected


def test_a_coded_problem_is_said_in_the_page_language_and_an_old_text_is_translated_when_known() -> None:
    problem = Problem.coded("employees", "field.at_least", value="-5", limit=0)
    assert (said(problem, "zh"), said(problem, "en")) == ("须不小于 0", "must be at least 0")
    old = Problem(field="new_password", message="must differ from the current password")
    assert (said(old, "zh"), said(old, "en")) == ("必须与当前密码不同", "must differ from the current password")


def test_pages_show_dates_in_the_page_language(pages: Pages) -> None:
    pages.login("ana")
    zh = pages.client.get("/projects?as_of=2026-03-01").text
    assert "2026年3月1日" in zh and "2026-03-01</span>" not in zh
    pages.client.cookies.set("lang", "en")
    assert "1 Mar 2026" in pages.client.get("/projects?as_of=2026-03-01").text


def test_a_request_error_on_a_page_is_in_the_page_language(pages: Pages) -> None:
    pages.login("ana")
    zh = pages.client.get("/enterprises?page=0")
    assert zh.status_code == 400 and "须不小于 1" in zh.text and "greater than" not in zh.text
    pages.client.cookies.set("lang", "en")
    assert "must be at least 1" in pages.client.get("/enterprises?page=0").text
