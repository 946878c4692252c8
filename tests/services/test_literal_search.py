"""`%` and `_` in a search (`q`) or a tag filter match only themselves, on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy.orm import Session
from tests.factories import admin_user, write_csv

from chainatlas.interchange.read import discover
from chainatlas.services.browse import list_records
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.imports import import_tables

CTX = WriteContext(actor="analyst1", via=Via.IMPORT, at=dt.datetime(2026, 1, 2, tzinfo=dt.UTC))
FIRMS = [
    {"id": "E1", "name_zh": "增长50%机械", "name_en": "Growth 50% Machinery", "tags": "a_b", "country": "CN", "in_cluster": "true", "source": "synthetic"},
    {"id": "E2", "name_zh": "增长500机械", "name_en": "Growth 500 Machinery", "tags": "axb", "country": "CN", "in_cluster": "true", "source": "synthetic"},
    {"id": "E3", "name_zh": "a_b液压", "name_en": "A_B Hydraulics", "tags": "a%b", "country": "CN", "in_cluster": "true", "source": "synthetic"},
    {"id": "E4", "name_zh": "axb液压", "name_en": "AxB Hydraulics", "tags": "a\\b", "country": "CN", "in_cluster": "true", "source": "synthetic"},
]  # fmt: skip


@pytest.fixture
def firms(session: Session, tmp_path: Path) -> Session:
    """Return a session over four enterprises whose names and tags differ only where `%`, `_` or `\\` stand."""
    folder = tmp_path / "in"
    folder.mkdir()
    tables, problems = discover([write_csv(folder / "enterprises.csv", "enterprises", FIRMS)])
    assert problems == []
    assert import_tables(session, tables, CTX).ok
    session.commit()
    return session


def found(session: Session, **filters: str) -> list[str]:
    page = list_records(session, admin_user(), kind="enterprises", filters=filters, limit=50)
    return [record.id for record in page.items]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("q", "expected"),
    [("50%", ["E1"]), ("a_b", ["E3"]), ("A_B", ["E3"]), ("%", ["E1"]), ("_", ["E3"]), ("500", ["E2"]), ("x", ["E4"])],
)  # fmt: skip
def test_search_matches_percent_and_underscore_literally(firms: Session, q: str, expected: list[str]) -> None:
    assert found(firms, q=q) == expected


@pytest.mark.parametrize(("tag", "expected"), [("a_b", ["E1"]), ("a%b", ["E3"]), ("a\\b", ["E4"]), ("axb", ["E2"])])
def test_tag_filter_matches_percent_and_underscore_literally(firms: Session, tag: str, expected: list[str]) -> None:
    assert found(firms, tag=tag) == expected
