"""The as-of date rule shared by the scorecard, key projects and alerts: exactly YYYY-MM-DD, 1800–2100."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import TypeAdapter, ValidationError

from chainatlas.domain.as_of import AS_OF_MESSAGE, AsOfDate, AsOfError, parse_as_of

BAD = (
    "0001-01-01",
    "0999-01-01",
    "1799-12-31",
    "2101-01-01",
    "9999-12-31",
    "20250101",
    "2025-1-01",
    "2025-02-30",
    "2025-12-31T00:00",
    " 2025-12-31",
    "2025-W01-1",
    "",
)


@pytest.mark.parametrize("text", BAD)
def test_anything_but_a_date_written_yyyy_mm_dd_in_range_is_refused(text: str) -> None:
    with pytest.raises(AsOfError, match="YYYY-MM-DD from 1800-01-01 to 2100-12-31"):
        parse_as_of(text)
    with pytest.raises(ValidationError) as caught:
        TypeAdapter(AsOfDate).validate_python(text)
    assert caught.value.errors()[0]["msg"] == AS_OF_MESSAGE


@pytest.mark.parametrize(
    ("text", "day"),
    [("1800-01-01", dt.date(1800, 1, 1)), ("2100-12-31", dt.date(2100, 12, 31)), ("2024-02-29", dt.date(2024, 2, 29))],
)
def test_the_ends_of_the_range_and_a_leap_day_are_accepted(text: str, day: dt.date) -> None:
    assert parse_as_of(text) == day
    assert TypeAdapter(AsOfDate).validate_python(text) == day


def test_a_date_object_is_range_checked_and_a_number_refused() -> None:
    assert TypeAdapter(AsOfDate).validate_python(dt.date(2025, 12, 31)) == dt.date(2025, 12, 31)
    for value in (dt.date(999, 1, 1), 20250101, dt.datetime(2025, 1, 1, tzinfo=dt.UTC)):
        with pytest.raises(ValidationError):
            TypeAdapter(AsOfDate).validate_python(value)
