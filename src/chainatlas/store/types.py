"""Column types that keep domain values exact on SQLite and PostgreSQL alike."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, DateTime, Dialect, String, Text
from sqlalchemy.types import TypeDecorator

FEN_PER_YUAN = Decimal(100)


class Fen(TypeDecorator[Decimal]):
    """Money in yuan as `Decimal`, stored as whole fen in a BIGINT so sums stay exact."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> int | None:
        return None if value is None else int(value * FEN_PER_YUAN)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        return None if value is None else (Decimal(int(value)) / FEN_PER_YUAN).quantize(Decimal("0.01"))


def decimal_text(value: Decimal) -> str:
    """Return a decimal as plain text without an exponent, keeping the scale it was given with."""
    return format(value, "f")


class DecimalText(TypeDecorator[Decimal]):
    """An exact decimal of any scale stored as text (SQLite has no exact decimal type)."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> str | None:
        return None if value is None else decimal_text(Decimal(value))

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        return None if value is None else Decimal(value)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware UTC timestamp; SQLite drops the zone, so it is put back on read."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        stamp: dt.datetime = value
        return stamp.replace(tzinfo=dt.UTC) if stamp.tzinfo is None else stamp.astimezone(dt.UTC)


class TagList(TypeDecorator[tuple[str, ...]]):
    """A list of tags stored as `;`-joined text, searchable with LIKE on every database."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: tuple[str, ...] | None, dialect: Dialect) -> str | None:
        return ";".join(value) if value else ""

    def process_result_value(self, value: Any, dialect: Dialect) -> tuple[str, ...]:
        return tuple(value.split(";")) if value else ()
