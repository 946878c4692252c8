"""The rollback-per-test fixture: the module's seed is there in every test, and what one test writes (even
committed through the service's session) is gone in the next, caches keyed on the registry version included,
on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session
from tests.factories import ENTERPRISES, write_basic, write_csv

from chainatlas.services.cache import PUBLIC_CACHE
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.imports import run_import
from chainatlas.services.records import create_record

CTX = WriteContext(actor="t", via=Via.CLI, at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
SEEDED = len(ENTERPRISES)  # the basic registry's three firms, E1–E3


@pytest.fixture(scope="module")
def module_engine(module_engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """Seed the module's database once, for real, with the basic registry."""
    with Session(module_engine) as session:
        assert run_import(session, [write_basic(tmp_path_factory.mktemp("seed"))], CTX).ok
        session.commit()
    return module_engine


def count(session: Session, table: str) -> int:
    """Return the number of rows of a table, read with plain SQL (not through the code under test)."""
    return int(session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def outside_count(engine: Engine, table: str) -> int:
    """Return the number of rows another connection sees: the committed state of the database."""
    with engine.connect() as connection:
        return int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


# Three turns of one test: whichever runs second or third fails if an earlier turn's write leaked.
@pytest.mark.parametrize("turn", [1, 2, 3])
def test_a_committed_write_is_not_seen_by_the_next_test(
    rollback_session: Session, module_engine: Engine, turn: int
) -> None:
    assert count(rollback_session, "enterprises") == SEEDED
    changes = count(rollback_session, "changes")
    firm = {"id": f"T{turn}", "name_zh": f"测试{turn}号", "country": "CN", "source": "synthetic"}
    create_record(rollback_session, CTX, kind="enterprises", data=firm)
    rollback_session.commit()  # ends only the test's SAVEPOINT
    assert count(rollback_session, "enterprises") == SEEDED + 1
    assert count(rollback_session, "changes") == changes + 1
    assert outside_count(module_engine, "enterprises") == SEEDED  # nothing reached the database for good


def test_a_rollback_in_the_code_under_test_keeps_the_seed_and_earlier_commits(rollback_session: Session) -> None:
    firm = {"id": "K1", "name_zh": "保留", "country": "CN", "source": "synthetic"}
    create_record(rollback_session, CTX, kind="enterprises", data=firm)
    rollback_session.commit()
    create_record(rollback_session, CTX, kind="enterprises", data={**firm, "id": "K2", "name_zh": "撤销"})
    rollback_session.rollback()
    ids = {row[0] for row in rollback_session.execute(text("SELECT id FROM enterprises"))}
    assert ids == {row["id"] for row in ENTERPRISES} | {"K1"}


# Each turn imports its firms in one batch, so the registry version moves on by one in either turn: without the
# fixture's version stride, the second turn would read the first turn's cached count at the same version.
@pytest.mark.parametrize("firms", [1, 2])
def test_a_version_keyed_cache_does_not_hand_one_tests_result_to_the_next(
    rollback_session: Session, tmp_path: Path, firms: int
) -> None:
    rows = [{"id": f"N{n}", "name_zh": f"新{n}号", "country": "CN", "source": "synthetic"} for n in range(firms)]
    write_csv(tmp_path / "enterprises.csv", "enterprises", rows)
    assert run_import(rollback_session, [tmp_path], CTX).ok
    rollback_session.commit()
    cached = PUBLIC_CACHE.get(rollback_session, "rollback-test", lambda: count(rollback_session, "enterprises"))
    assert cached == SEEDED + firms
