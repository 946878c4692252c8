"""The one cache of analysis results: single flight in a process and across processes, a new computation per
registry version, the previous version's result (marked) while another process computes, the background refresh
computing each default analysis once however many processes run it."""

from __future__ import annotations

import datetime as dt
import os
import pickle
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from chainatlas.cli.registry import demo_dir
from chainatlas.services.cache import VersionedCache, canonical, digest, freshness_of
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.imports import run_import
from chainatlas.services.records import create_record
from chainatlas.store import analysis_cache as shared_store
from chainatlas.store.clusters import cluster_rules
from chainatlas.store.rows import AnalysisCacheRow

CTX = WriteContext(actor="t", via=Via.API, at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
ROOT = Path(__file__).parents[2]


def _write(engine: Engine, code: str) -> None:
    with Session(engine) as session:
        data = {"code": code, "name_zh": "新", "segment": "support", "source": "synthetic"}
        create_record(session, CTX, kind="chain_nodes", data=data)
        session.commit()


def _registry_version(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT version FROM registry_state WHERE id = 1")).scalar_one())


def test_concurrent_requests_for_one_key_wait_for_one_computation(engine: Engine) -> None:
    # two caches stand for two processes: they share only the database
    caches, calls, answers = (VersionedCache(), VersionedCache()), [], []
    start = threading.Barrier(8)

    def compute() -> dict[str, int]:
        calls.append(1)
        time.sleep(0.5)
        return {"answer": 42}

    def request(cache: VersionedCache) -> None:
        with Session(engine) as session:
            start.wait()
            answers.append(cache.get(session, ("metrics", "default"), compute))

    threads = [threading.Thread(target=request, args=(caches[n % 2],)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1
    assert answers == [{"answer": 42}] * 8


def test_a_new_registry_version_is_computed_once_and_shared(engine: Engine) -> None:
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    with Session(engine) as session:
        assert VersionedCache().get(session, "k", compute) == 1
    with Session(engine) as session:
        assert VersionedCache().get(session, "k", compute) == 1  # another process: read, not computed
    _write(engine, "X")
    with Session(engine) as session:
        assert VersionedCache().get(session, "k", compute) == 2
    with Session(engine) as session:
        assert VersionedCache().get(session, "k", compute) == 2
    assert len(calls) == 2
    with Session(engine) as session:
        row = session.scalars(select(AnalysisCacheRow)).one()
    assert (row.version, row.computing, row.holder) == (_registry_version(engine), None, None)


def test_the_previous_result_is_served_marked_while_another_process_computes(engine: Engine) -> None:
    with Session(engine) as session:
        assert VersionedCache().get(session, "k", lambda: "old", stale_ok=True) == "old"
    before = _registry_version(engine)
    _write(engine, "X")
    after = _registry_version(engine)
    key = digest(canonical("k"))
    assert shared_store.claim(engine, key, "k", version=after, holder="elsewhere", now=time.time(), lease=60)
    with Session(engine) as session:
        assert VersionedCache().get(session, "k", lambda: "new", stale_ok=True) == "old"
        found = freshness_of(session.info)
        assert found is not None and found.stale
        assert (found.data_version, found.current_version) == (before, after)
    assert shared_store.keep(engine, key, version=after, holder="elsewhere", value=pickle.dumps("new"))
    with Session(engine) as session:
        assert VersionedCache().get(session, "k", lambda: "not called", stale_ok=True) == "new"
        found = freshness_of(session.info)
        assert found is not None and not found.stale and found.data_version == after


def test_a_claim_whose_holder_died_runs_out(engine: Engine) -> None:
    key = digest(canonical("k"))
    version = _registry_version(engine)
    assert shared_store.claim(engine, key, "k", version=version, holder="dead", now=time.time() - 120, lease=60)
    with Session(engine) as session:
        assert VersionedCache().get(session, "k", lambda: "computed here") == "computed here"


CROSS = """
import sys, time
from sqlalchemy.orm import Session
from chainatlas.store.engine import make_engine
from chainatlas.services.cache import VersionedCache
url, log, go = sys.argv[1], sys.argv[2], float(sys.argv[3])
engine = make_engine(url)
while time.time() < go:
    time.sleep(0.005)
def compute():
    with open(log, "a") as out:
        out.write("computed\\n")
    time.sleep(2)
    return {"answer": 42}
with Session(engine) as session:
    print(VersionedCache().get(session, ("cross", "process"), compute))
"""


def _run_together(script: str, *args: str, count: int = 2, lead: float = 8.0) -> list[str]:
    """Run a script in `count` processes that start its work at the same moment; return their outputs."""
    go = str(time.time() + lead)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    procs = [
        subprocess.Popen([sys.executable, "-c", textwrap.dedent(script), *args, go], stdout=subprocess.PIPE, env=env)
        for _ in range(count)
    ]
    outputs = [proc.communicate(timeout=180)[0].decode() for proc in procs]
    assert [proc.returncode for proc in procs] == [0] * count
    return outputs


@pytest.mark.slow
def test_two_processes_compute_one_key_once(db_url: str, tmp_path: Path) -> None:
    log = tmp_path / "computed.log"
    outputs = _run_together(CROSS, db_url, str(log))
    assert log.read_text().splitlines() == ["computed"]
    assert [out.strip() for out in outputs] == ["{'answer': 42}"] * 2


REFRESH = """
import sys, time
import chainatlas.services.chain as chain
from chainatlas.store.engine import make_engine
from chainatlas.services.refresh import refresh_once
url, log, go = sys.argv[1], sys.argv[2], float(sys.argv[3])
engine = make_engine(url)
original = chain._chain_metrics
def counted(session, cluster, year, min_makers, *, full):
    with open(log, "a") as out:
        out.write(f"{cluster} {full}\\n")
    time.sleep(0.5)
    return original(session, cluster, year, min_makers, full=full)
chain._chain_metrics = counted
while time.time() < go:
    time.sleep(0.005)
print(refresh_once(engine))
"""


@pytest.mark.slow
def test_the_background_refresh_of_two_processes_computes_each_result_once(
    engine: Engine, db_url: str, tmp_path: Path
) -> None:
    with Session(engine) as session:
        assert run_import(session, [demo_dir()], CTX).ok
        session.commit()
        clusters = sorted(rule.id for rule in cluster_rules(session))
    log = tmp_path / "computed.log"
    _run_together(REFRESH, db_url, str(log))
    expected = sorted(f"{cluster} {full}" for cluster in clusters for full in (True, False))
    assert sorted(log.read_text().splitlines()) == expected
    with Session(engine) as session:
        rows = session.scalars(select(AnalysisCacheRow)).all()
    version = _registry_version(engine)
    assert {row.version for row in rows} == {version}
    assert all(row.computing is None for row in rows)


def test_a_heavy_job_runs_in_one_process_and_the_others_read_its_result(engine: Engine) -> None:
    # two caches stand for two processes, each starting the same heavy job (a resilience analysis, say)
    calls, answers, ticks = [], [], []

    def compute(progress: object) -> str:
        calls.append(1)
        ticks.append(progress)
        time.sleep(0.5)
        return "analysis"

    def job(cache: VersionedCache) -> None:
        with Session(engine) as session:
            answers.append(cache.in_job(session, ("analysis", "default"), compute)("tick"))

    threads = [threading.Thread(target=job, args=(VersionedCache(),)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert (len(calls), answers, ticks) == (1, ["analysis", "analysis"], ["tick"])
    with Session(engine) as session:
        assert VersionedCache().peek(session, ("analysis", "default")) == "analysis"


def test_a_value_stored_by_other_code_is_computed_again_not_an_error(engine: Engine) -> None:
    key, version = digest(canonical("k")), _registry_version(engine)
    assert shared_store.claim(engine, key, "k", version=version, holder="old code", now=time.time(), lease=60)
    assert shared_store.keep(engine, key, version=version, holder="old code", value=b"not a pickle")
    with Session(engine) as session:
        assert VersionedCache().get(session, "k", lambda: "computed") == "computed"
