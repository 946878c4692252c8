"""On PostgreSQL new rows go in with COPY: it refuses bad input exactly as the executemany path does (the same
problems, nothing written) and writes the same rows from good input."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from tests.conftest import TEST_DB_ENV, _postgres_url
from tests.interchange.bad_corpus import FOLDER
from tests.interchange.registry_counts import written

from chainatlas.domain.kinds import KINDS
from chainatlas.interchange.discovery import discover
from chainatlas.interchange.synth import write_synthetic
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.imports import import_tables
from chainatlas.store import pg_copy
from chainatlas.store.engine import make_engine
from chainatlas.store.migrate import upgrade
from chainatlas.store.registry import RegistryRepository
from chainatlas.store.rows import ClusterMemberRow

pytestmark = pytest.mark.db
BAD = (
    "money_20_digits__supply_links.csv",
    "money_nan__supply_links.csv",
    "share_infinity__supply_links.csv",
    "missing_required_column__enterprises.csv",
    "integer_25_digits__enterprises.csv",
    "long_cell_40k__enterprises.csv",
)
PATHS = {"copy": 1, "executemany": 10**9}
"""`pg_copy.COPY_AT_LEAST` for each path."""


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("synth")
    write_synthetic(folder, enterprises=120, links=600, seed=3)
    return folder


def _database(name: str) -> Engine:
    base = os.environ.get(TEST_DB_ENV)
    if not base:
        pytest.skip("COPY is the PostgreSQL path; set CHAINATLAS_TEST_DATABASE_URL")
    engine = make_engine(_postgres_url(base, name))
    upgrade(engine)
    return engine


def _import(engine: Engine, paths: list[Path], monkeypatch: pytest.MonkeyPatch, path: str) -> list[Any]:
    monkeypatch.setattr(pg_copy, "COPY_AT_LEAST", PATHS[path])
    tables, problems = discover(paths)
    assert not problems, problems
    ctx = WriteContext(actor="test", via=Via.IMPORT, at=dt.datetime(2026, 12, 7, tzinfo=dt.UTC))
    with Session(engine) as session:
        report = import_tables(session, tables, ctx)
        session.commit()
    return [(p.file, p.row, p.column, p.message) for p in report.problems]


def _everything(engine: Engine) -> dict[str, Any]:
    with Session(engine) as session:
        rows: dict[str, Any] = {spec.name: list(RegistryRepository(session, spec).all()) for spec in KINDS}
        members = select(ClusterMemberRow.cluster_id, ClusterMemberRow.enterprise_id, ClusterMemberRow.included)
        rows["cluster_members"] = sorted(tuple(row) for row in session.execute(members))
    return rows


@pytest.mark.parametrize("name", BAD)
def test_copy_refuses_bad_input_like_executemany(
    name: str, synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Good files and one bad file: both paths give the same problems and write nothing."""
    bad = tmp_path / name.split("__", 1)[1]
    shutil.copy(FOLDER / name, bad)
    engine = _database(f"copy_bad_{name[:20]}")
    try:
        before = written(engine)
        found = {path: _import(engine, [synthetic, bad], monkeypatch, path) for path in PATHS}
        assert found["copy"] == found["executemany"]
        assert found["copy"]
        assert written(engine) == before
    finally:
        engine.dispose()


def test_copy_writes_the_rows_executemany_writes(synthetic: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same good import through each path leaves the same rows, the default cluster's memberships too."""
    calls: list[int] = []
    real = pg_copy.copy_rows
    monkeypatch.setattr(pg_copy, "copy_rows", lambda *a: calls.append(1) or real(*a))
    engines = {path: _database(f"copy_good_{path}") for path in PATHS}
    try:
        for path, engine in engines.items():
            assert _import(engine, [synthetic], monkeypatch, path) == []
        assert len(calls) == 4  # chain_nodes, enterprises, enterprise_nodes, supply_links: COPY only on its path
        copied, executed = (_everything(engine) for engine in engines.values())
        assert copied == executed
        assert len(copied["supply_links"]) == 600
        assert len(copied["enterprises"]) == 120
        assert copied["cluster_members"]  # the synthetic in_cluster=true enterprises became default members
    finally:
        for engine in engines.values():
            engine.dispose()
