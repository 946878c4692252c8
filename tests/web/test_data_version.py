"""Pages and API say as of which data version their analyses are, and when a newer one is being recomputed; the
background refresh recomputes the default analyses after a write with no reader asking; `serve --workers N`
starts N worker processes."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, or_, select, text, update
from sqlalchemy.orm import Session
from tests.web.conftest import Pages, seed_demo

from chainatlas.app import create_app
from chainatlas.config import load_settings
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.records import create_record
from chainatlas.store.rows import AnalysisCacheRow

CTX = WriteContext(actor="t", via=Via.API, at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
ROOT = Path(__file__).parents[2]
STALE_NOTE = 'data-stale="true"'


def _write(engine: Engine) -> None:
    with Session(engine) as session:
        data = {"code": "X.NEW", "name_zh": "新", "segment": "support", "source": "synthetic"}
        create_record(session, CTX, kind="chain_nodes", data=data)
        session.commit()


def _registry_version(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT version FROM registry_state WHERE id = 1")).scalar_one())


ANALYSES = ("chain_metrics", "chain_gaps", "chain_tree", "cluster_stats")
"""The analyses the background refresh recomputes (their readers may get the previous version meanwhile)."""


def _another_process_recomputes_everything(engine: Engine, version: int) -> None:
    """Stand for another server process that has claimed the stored analyses at the new version."""
    claim = {"computing": version, "holder": "other-process", "lease_until": time.time() + 600}
    analyses = [AnalysisCacheRow.label.startswith(f"('{name}',") for name in ANALYSES]
    with engine.begin() as connection:
        connection.execute(update(AnalysisCacheRow).where(or_(*analyses)).values(**claim))


def test_api_and_page_say_a_result_is_being_recomputed(pages: Pages) -> None:
    pages.login("ana")
    first = pages.client.get("/api/v1/chain/metrics")
    before = _registry_version(pages.engine)
    assert first.status_code == 200
    assert first.headers["x-data-version"] == str(before) and "x-data-stale" not in first.headers
    assert STALE_NOTE not in pages.client.get("/chain/gaps").text
    _write(pages.engine)
    after = _registry_version(pages.engine)
    _another_process_recomputes_everything(pages.engine, after)

    stale = pages.client.get("/api/v1/chain/metrics")
    assert stale.status_code == 200 and stale.json() == first.json()
    assert stale.headers["x-data-version"] == str(before)
    assert stale.headers["x-data-stale"] == "true" and stale.headers["x-data-computing-version"] == str(after)
    page = pages.client.get("/chain/gaps")
    assert STALE_NOTE in page.text and f'data-version="{before}"' in page.text

    with pages.engine.begin() as connection:  # the other process died: its claims run out
        connection.execute(update(AnalysisCacheRow).values(lease_until=time.time() - 1))
    fresh = pages.client.get("/api/v1/chain/metrics")
    assert fresh.headers["x-data-version"] == str(after) and "x-data-stale" not in fresh.headers
    assert STALE_NOTE not in pages.client.get("/chain/gaps").text  # the stale page was not kept


def test_the_page_says_it_in_chinese_and_in_english(pages: Pages) -> None:
    pages.login("ana")
    pages.client.get("/chain/gaps")
    before = _registry_version(pages.engine)
    _write(pages.engine)
    _another_process_recomputes_everything(pages.engine, before + 1)
    assert f"分析结果正在重新计算；此处显示的是版本 {before} 的结果" in pages.client.get("/chain/gaps").text
    pages.client.cookies.set("lang", "en")
    english = pages.client.get("/chain/gaps").text
    assert f"The data changed (version {before + 1})" in english
    assert f"version {before}. Reload" in english


def _refreshed(app: FastAPI, version: int, limit: float = 90.0) -> list[AnalysisCacheRow]:
    """Wait until the app's refresher has brought every default analysis to a version; return the stored rows."""
    deadline = time.monotonic() + limit
    while version not in app.state.background_refresh.refreshed and time.monotonic() < deadline:
        time.sleep(0.1)
    assert version in app.state.background_refresh.refreshed, "the background refresh did not run"
    with Session(app.state.engine) as session:
        return list(session.scalars(select(AnalysisCacheRow)).all())


def test_the_background_refresh_recomputes_after_a_write_with_no_reader(db_url: str, tmp_path: Path) -> None:
    seed_demo(db_url)
    settings = load_settings({"CHAINATLAS_BACKGROUND_REFRESH": "on"}, database_url=db_url)
    app = create_app(settings, var_dir=tmp_path / "var")
    with TestClient(app):
        engine = app.state.engine
        first = _refreshed(app, _registry_version(engine))
        labels = {row.label for row in first}
        assert any(label.startswith("('chain_metrics',") for label in labels)
        assert any(label.startswith("('chain_gaps',") for label in labels)
        _write(engine)
        after = _registry_version(engine)
        rows = _refreshed(app, after)
        assert {row.label for row in rows} == labels
        assert all(row.version == after and row.computing is None for row in rows)
    app.state.engine.dispose()


def _children(pid: int) -> list[int]:
    found = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in found.read_text().split()] if found.exists() else []


def _workers(pid: int) -> list[int]:
    return [child for child in _children(pid) if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes()]


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="counts the worker processes through /proc")
def test_serve_starts_the_number_of_workers_asked_for(db_url: str, tmp_path: Path) -> None:
    port = free_port()
    command = [sys.executable, "-m", "chainatlas", "--db", db_url, "serve", "--port", str(port), "--workers", "3"]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "CHAINATLAS_SECRET_KEY": "k" * 40}
    server = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline, healthy = time.monotonic() + 180, False
        while time.monotonic() < deadline and not healthy and server.poll() is None:
            with contextlib.suppress(httpx.HTTPError):
                healthy = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200
            time.sleep(0.2)
        assert healthy, "the server did not answer"
        assert len(_workers(server.pid)) == 3
    finally:
        server.terminate()
        server.wait(timeout=30)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
