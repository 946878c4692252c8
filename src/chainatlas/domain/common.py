"""Shared value types and the problem record that every rule returns."""

from __future__ import annotations

import re
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from chainatlas.domain.messages import Lang, Params, field_error, message_text

SYNTHETIC = "synthetic"

PRINTABLE = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
"""No control characters: they break spreadsheets and terminals (tab and line breaks are fine)."""
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500, pattern=PRINTABLE)]
Code = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=64, pattern=r"^[^\s;/]+$"),
]
Source = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000, pattern=PRINTABLE)]
Money = Annotated[Decimal, Field(ge=0, max_digits=18, decimal_places=2)]
"""Yuan (CNY), exact to the fen; never negative."""
Quantity = Annotated[Decimal, Field(ge=0, max_digits=24, decimal_places=6)]
Measure = Annotated[Decimal, Field(max_digits=24, decimal_places=6)]
Fraction = Annotated[float, Field(ge=0, le=1)]
Year = Annotated[int, Field(ge=1800, le=2100)]
MAX_DB_INT = 2**31 - 1
"""The largest whole number an INTEGER column holds on every supported database (PostgreSQL's is 32-bit)."""

_PERIOD = re.compile(r"^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$")


def _check_period(value: str) -> str:
    if not _PERIOD.match(value):
        raise field_error("field.period")
    return value


Period = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_check_period)]


class Record(BaseModel):
    """Base of every registry record: frozen, strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Problem(BaseModel):
    """One thing wrong with a record: the field it concerns and what to do about it."""

    model_config = ConfigDict(frozen=True)

    field: str
    message: str
    value: str | None = None
    code: str = ""
    params: dict[str, str | int | float | None] = Field(default_factory=dict)

    @classmethod
    def coded(cls, field: str, code: str, *, value: str | None = None, **params: str | int | float | None) -> Problem:
        """Return the problem of a message code; `message` holds its English text for logs."""
        return cls(field=field, message=message_text(code, params, "en"), value=value, code=code, params=params)

    @classmethod
    def of(cls, field: str, code: str, params: Params, *, value: str | None = None) -> Problem:
        """Return the problem of a message code whose parameters come as a mapping."""
        return cls(field=field, message=message_text(code, params, "en"), value=value, code=code, params=dict(params))

    def text(self, lang: Lang) -> str:
        """Return the message in `lang` (a problem without a code has only its one text)."""
        return message_text(self.code, self.params, lang) if self.code else self.message


class Segment(StrEnum):
    """Position of a chain node in the industry chain (环节)."""

    UPSTREAM = "upstream"
    MIDSTREAM = "midstream"
    DOWNSTREAM = "downstream"
    SUPPORT = "support"


class SizeClass(StrEnum):
    """Enterprise size class (规模) per the national statistics standard."""

    LARGE = "large"
    MEDIUM = "medium"
    SMALL = "small"
    MICRO = "micro"


class ProjectKind(StrEnum):
    """What a key project (重点项目) builds."""

    MANUFACTURING = "manufacturing"
    COMPONENTS_PARK = "components_park"
    RD_CENTRE = "rd_centre"
    INFRASTRUCTURE = "infrastructure"
    OTHER = "other"


def period_start_year(period: str) -> int:
    """Return the calendar year a period (YYYY, YYYY-Qn, YYYY-MM) falls in."""
    return int(period[:4])
