"""On PostgreSQL the enterprise name search and the tag filter are read through their GIN trigram indexes (the
listing's clause is the indexed expression, spelt the same), and a capped count stops at the cap."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.orm import Session

from chainatlas.interchange.discovery import discover
from chainatlas.interchange.synth import write_synthetic
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.imports import import_tables
from chainatlas.store.queries import ListQuery, list_page


@pytest.fixture
def firms(session: Session, tmp_path: Path) -> Session:
    write_synthetic(tmp_path, enterprises=40, links=60, seed=5)
    tables, problems = discover([tmp_path])
    assert not problems
    assert import_tables(session, tables, WriteContext(actor="t", via=Via.IMPORT, at=dt.datetime.now(dt.UTC))).ok
    session.flush()
    return session


@contextmanager
def statements(session: Session) -> Iterator[list[tuple[str, Any]]]:
    """Collect the SQL (with its parameters) a block sends."""
    sent: list[tuple[str, Any]] = []

    def keep(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        sent.append((statement, parameters))

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", keep)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", keep)


def plans(session: Session, query: ListQuery) -> list[str]:
    """Return the plan of each statement a listing sends, with sequential scans made as dear as the planner lets
    (a table of 40 rows is otherwise read whole; an index that cannot serve the clause is not used either way)."""
    with statements(session) as sent:
        list_page(session, "enterprises", query)
    connection = session.connection()
    connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
    found = []
    for statement, parameters in sent:
        rows = connection.exec_driver_sql(f"EXPLAIN {statement}", parameters).all()
        found.append("\n".join(row[0] for row in rows))
    return found


def test_the_name_search_and_the_tag_filter_use_their_trigram_indexes(firms: Session) -> None:
    if firms.get_bind().dialect.name != "postgresql":
        pytest.skip("the trigram indexes are PostgreSQL's")
    searched = plans(firms, ListQuery(search="合成企业0000012"))
    assert len(searched) == 2  # the count and the page
    assert all("ix_enterprises_search_trgm" in plan for plan in searched), searched
    # the tag's count reads its index (its page may rather walk the key order and stop at the page's end)
    counted, _ = plans(firms, ListQuery(tag="规上"))
    assert "ix_enterprises_tags_trgm" in counted, counted


def test_a_capped_count_stops_at_the_cap(firms: Session) -> None:
    # 40 enterprises match no filter: counted up to 10, the page says 10 and "more"; up to 40, exactly 40
    capped = list_page(firms, "enterprises", ListQuery(limit=5, count_cap=10))
    assert (capped.total, capped.capped, capped.counted, len(capped.items)) == (10, True, True, 5)
    exact = list_page(firms, "enterprises", ListQuery(limit=5, count_cap=40))
    assert (exact.total, exact.capped) == (40, False)
    assert firms.scalar(text("SELECT count(*) FROM enterprises")) == 40
