"""Keyset paging: a list walked by cursor gives the records offset paging gives, in the same order, and a cursor
page is not counted; a search pages by its ranks then the key; a cursor that is not one is refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy.orm import Session
from tests.factories import admin_user

from chainatlas.domain.kinds import ENTERPRISES
from chainatlas.interchange.discovery import discover
from chainatlas.interchange.synth import write_synthetic
from chainatlas.services.browse import list_records
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.errors import InvalidInput
from chainatlas.services.imports import import_tables
from chainatlas.services.paging import encode_cursor
from chainatlas.store.queries import ListQuery, list_page

FIRMS = 30


@pytest.fixture
def firms(session: Session, tmp_path: Path) -> Session:
    write_synthetic(tmp_path, enterprises=FIRMS, links=40, seed=5)
    tables, problems = discover([tmp_path])
    assert not problems
    report = import_tables(session, tables, WriteContext(actor="t", via=Via.IMPORT, at=dt.datetime.now(dt.UTC)))
    assert report.ok
    session.commit()
    return session


def _walk(session: Session, query: ListQuery) -> tuple[list[str], list[bool]]:
    """Return the ids of every page walked by cursor, and whether each page was counted."""
    ids, counted, after = [], [], None
    while True:
        page = list_page(session, ENTERPRISES, ListQuery(**{**query.__dict__, "after": after}))
        ids += [firm.id for firm in page.items]
        counted.append(page.counted)
        if page.next_after is None:
            return ids, counted
        after = page.next_after


def test_cursor_pages_are_the_offset_pages(firms: Session) -> None:
    ids, counted = _walk(firms, ListQuery(limit=7))
    assert ids == [f"S{i:07d}" for i in range(1, FIRMS + 1)]  # 30 records: 5 pages of 7, 7, 7, 7, 2
    assert counted == [True, False, False, False, False]


def test_cursor_pages_keep_a_filter(firms: Session) -> None:
    every = list_page(firms, ENTERPRISES, ListQuery(limit=FIRMS)).items
    province = next(firm.province for firm in every if firm.province)
    wanted = [firm.id for firm in every if firm.province == province]
    assert _walk(firms, ListQuery(equals={"province": province}, limit=2))[0] == wanted


def test_cursor_pages_a_search_by_its_ranks_then_the_key(firms: Session) -> None:
    # "synthetic enterprise 1" is the whole English name of S0000001 (first), the start of S0000010–19's
    # (then, by id: their Chinese names are as long); no other name holds it.
    ids, _ = _walk(firms, ListQuery(search="synthetic enterprise 1", limit=3))
    assert ids == ["S0000001", *(f"S00000{i}" for i in range(10, 20))]


def test_a_cursor_that_is_not_one_is_refused(firms: Session) -> None:
    for bad in ("not base64 json!", encode_cursor(("S0000001", "extra")), encode_cursor(None) or "W10"):
        with pytest.raises(InvalidInput) as raised:
            list_records(firms, admin_user(), kind="enterprises", filters={}, after=bad)
        assert raised.value.problems[0].code == "paging.cursor"
    with pytest.raises(InvalidInput) as raised:
        list_records(firms, admin_user(), kind="enterprises", filters={}, sort="name_zh", after=encode_cursor(("S1",)))
    assert raised.value.problems[0].code == "paging.cursor_sort"


def test_cursor_pages_keep_a_tag(firms: Session) -> None:
    every = list_page(firms, ENTERPRISES, ListQuery(limit=FIRMS)).items
    wanted = [firm.id for firm in every if "高新" in firm.tags]
    assert wanted and len(wanted) < FIRMS
    assert _walk(firms, ListQuery(tag="高新", limit=2))[0] == wanted
