"""`%` and `_` in a search (`q`) or a tag filter match only themselves, on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy.orm import Session
from tests.factories import admin_user, write_csv

from chainatlas.domain.kinds import KIND_BY_NAME
from chainatlas.interchange.discovery import discover
from chainatlas.services.browse import list_records
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.imports import import_tables
from chainatlas.store.references import referring_counts

CTX = WriteContext(actor="analyst1", via=Via.IMPORT, at=dt.datetime(2026, 1, 2, tzinfo=dt.UTC))
FIRMS = [
    {
        "id": "E1",
        "name_zh": "增长50%机械",
        "name_en": "Growth 50% Machinery",
        "tags": "a_b",
        "country": "CN",
        "in_cluster": "true",
        "source": "synthetic",
    },
    {
        "id": "E2",
        "name_zh": "增长500机械",
        "name_en": "Growth 500 Machinery",
        "tags": "axb",
        "country": "CN",
        "in_cluster": "true",
        "source": "synthetic",
    },
    {
        "id": "E3",
        "name_zh": "a_b液压",
        "name_en": "A_B Hydraulics",
        "tags": "a%b",
        "country": "CN",
        "in_cluster": "true",
        "source": "synthetic",
    },
    {
        "id": "E4",
        "name_zh": "axb液压",
        "name_en": "AxB Hydraulics",
        "tags": "a\\b",
        "country": "CN",
        "in_cluster": "true",
        "source": "synthetic",
    },
]


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
)
def test_search_matches_percent_and_underscore_literally(firms: Session, q: str, expected: list[str]) -> None:
    assert found(firms, q=q) == expected


@pytest.mark.parametrize(("tag", "expected"), [("a_b", ["E1"]), ("a%b", ["E3"]), ("a\\b", ["E4"]), ("axb", ["E2"])])
def test_tag_filter_matches_percent_and_underscore_literally(firms: Session, tag: str, expected: list[str]) -> None:
    assert found(firms, tag=tag) == expected


def test_a_key_with_underscore_is_not_referred_to_by_a_list_naming_a_similar_key(
    session: Session, tmp_path: Path
) -> None:
    folder = tmp_path / "fair"
    folder.mkdir()
    nodes = [
        {"code": code, "name_zh": code, "segment": "upstream", "source": "synthetic"} for code in ("A_B", "AXB", "C")
    ]
    fair = {
        "id": "F1",
        "name_zh": "展会",
        "start": "2025-05-15",
        "end": "2025-05-16",
        "first_slot": "09:00",
        "slot_minutes": "30",
        "slots_per_day": "4",
        "tables": "2",
        "timezone": "Asia/Shanghai",
        "source": "synthetic",
    }
    exhibitor = {
        "id": "X1",
        "fair_id": "F1",
        "role": "exhibitor",
        "name_zh": "甲",
        "country": "CN",
        "offers": "C;AXB",
        "source": "synthetic",
    }
    write_csv(folder / "chain_nodes.csv", "chain_nodes", nodes)
    write_csv(folder / "fairs.csv", "fairs", [fair])
    write_csv(folder / "fair_participants.csv", "fair_participants", [exhibitor])
    tables, problems = discover([folder])
    assert problems == []
    assert import_tables(session, tables, CTX).ok
    assert referring_counts(session, KIND_BY_NAME["chain_nodes"], ("A_B",)) == {}
    assert referring_counts(session, KIND_BY_NAME["chain_nodes"], ("AXB",)) == {"fair_participants.offers": 1}
