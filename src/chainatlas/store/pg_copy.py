"""PostgreSQL bulk insert with COPY: new rows of a kind streamed through psycopg 3's `cursor.copy`, in the
session's own transaction (nothing is committed here; an error leaves the whole import to roll back)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.exc import DBAPIError

COPY_AT_LEAST = 1
"""Batches of at least this many new rows go through COPY on PostgreSQL (tests raise it to compare paths)."""


def copy_supported(connection: Connection, rows: int) -> bool:
    """Return whether new rows go through COPY: on PostgreSQL with psycopg 3, for a batch big enough."""
    return connection.dialect.name == "postgresql" and connection.dialect.driver == "psycopg" and rows >= COPY_AT_LEAST


def copy_rows(
    connection: Connection,
    table: Table,
    names: Sequence[str],
    processors: Sequence[Callable[[Any], Any] | None],
    rows: Iterable[dict[str, Any]],
) -> None:
    """COPY rows (field name -> value) into a table, each value through its column type's bind processor."""
    columns = ", ".join(connection.dialect.identifier_preparer.quote(name) for name in names)
    quoted = connection.dialect.identifier_preparer.format_table(table)
    sql = f"COPY {quoted} ({columns}) FROM STDIN"
    pairs = list(zip(names, processors, strict=True))
    raw: Any = connection.connection.dbapi_connection
    try:
        with raw.cursor() as cursor, cursor.copy(sql) as copy:
            for values in rows:
                copy.write_row([values[n] if p is None else p(values[n]) for n, p in pairs])
    except connection.dialect.loaded_dbapi.Error as error:
        raise DBAPIError.instance(sql, None, error, connection.dialect.loaded_dbapi.Error) from error
