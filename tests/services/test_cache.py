"""Public aggregates are computed once per registry version and recomputed after any committed write."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session
from tests.factories import write_basic

from chainatlas.services.cache import VersionedCache, registry_version_of
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.imports import run_import
from chainatlas.services.records import create_record
from chainatlas.services.stats import cluster_stats

CTX = WriteContext(actor="t", via=Via.API, at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))


def test_computed_once_per_version_and_again_after_a_write(engine: Engine) -> None:
    cache, calls = VersionedCache(), []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    with Session(engine) as session:
        assert cache.get(session, "k", compute) == 1
    with Session(engine) as session:
        assert cache.get(session, "k", compute) == 1  # another unit of work, same version: reused
        create_record(
            session,
            CTX,
            kind="chain_nodes",
            data={"code": "X", "name_zh": "新", "segment": "support", "source": "synthetic"},
        )
        session.commit()
    with Session(engine) as session:
        assert cache.get(session, "k", compute) == 2
    assert len(calls) == 2


def test_stats_follow_imports_and_single_writes(engine: Engine, tmp_path: Path) -> None:
    with Session(engine) as session:
        assert cluster_stats(session, None).counts["enterprises"] == 0
        assert run_import(session, [write_basic(tmp_path / "in")], CTX).ok
        session.commit()
    with Session(engine) as session:
        assert cluster_stats(session, None).counts["enterprises"] == 3
        create_record(
            session, CTX, kind="enterprises", data={"id": "E9", "name_zh": "新", "country": "CN", "source": "synthetic"}
        )
        assert cluster_stats(session, None).counts["enterprises"] == 4  # same unit of work


def test_peek_never_computes_and_put_keeps_only_a_current_result(engine: Engine) -> None:
    cache = VersionedCache()
    with Session(engine) as session:
        assert cache.peek(session, "k") is None
        version = registry_version_of(session)
        assert cache.get(session, "other", lambda: 0) == 0  # the cache is now at this version
        cache.put(version, "k", "from a job")
        assert cache.peek(session, "k") == "from a job"
        cache.put(("another database", 0), "stale", "late")
        assert cache.peek(session, "stale") is None
        create_record(
            session,
            CTX,
            kind="chain_nodes",
            data={"code": "Y", "name_zh": "新", "segment": "support", "source": "synthetic"},
        )
        session.commit()
    with Session(engine) as session:
        assert cache.peek(session, "k") is None  # the registry moved on
        cache.put(version, "k", "too late")
        assert cache.get(session, "k", lambda: "fresh") == "fresh"
