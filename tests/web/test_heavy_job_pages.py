"""Heavy work on the pages (issue 11, point 6): an analysis past its time limit says so (503 with Retry-After),
a user with too many analyses running is told to wait (429), in both languages."""

from __future__ import annotations

import time
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from tests.api.jobs import blocking_jobs, finish
from tests.resilience_cases import tiny_registry
from tests.web.conftest import CTX, Pages

from chainatlas.app import create_app
from chainatlas.config import load_settings
from chainatlas.domain.user import Role, User
from chainatlas.services.imports import run_import
from chainatlas.services.jobs import HEAVY_JOBS
from chainatlas.store.engine import make_engine


def _pages(db_url: str, folder: Path, timeout: str) -> Iterator[Pages]:
    engine = make_engine(db_url)
    with Session(engine) as session:
        assert run_import(session, [tiny_registry(folder / "in")], CTX).ok
        session.commit()
    engine.dispose()
    before = HEAVY_JOBS.limits
    settings = load_settings({"CHAINATLAS_JOB_TIMEOUT_SECONDS": timeout}, database_url=db_url)
    app = create_app(settings, var_dir=folder / "var")
    with TestClient(app) as client:
        yield Pages(client, app.state.engine)
    app.state.engine.dispose()
    HEAVY_JOBS.configure(before)


@pytest.fixture
def hurried(db_url: str, tmp_path: Path) -> Iterator[Pages]:
    """Pages over the tiny registry with a time limit every analysis runs past (a millionth of a second)."""
    yield from _pages(db_url, tmp_path, "0.000001")


@pytest.fixture
def tiny(db_url: str, tmp_path: Path) -> Iterator[Pages]:
    """Pages over the tiny registry with the default time limit."""
    yield from _pages(db_url, tmp_path, "60")


def test_an_analysis_past_its_time_limit_says_so(hurried: Pages) -> None:
    hurried.login("ana")
    first = hurried.client.get("/resilience")
    deadline = time.monotonic() + 10
    while first.status_code == 202 and time.monotonic() < deadline:  # the job started; it stops at once
        time.sleep(0.05)
        first = hurried.client.get("/resilience")
    for response in (
        first,
        hurried.client.get("/resilience/mitigations"),
        hurried.client.get("/resilience/what-if?by=firms&firms=S"),
    ):
        assert response.status_code == 503 and response.headers["retry-after"] == "5"
        assert "refresh" not in response.headers
        assert "分析超过了 1e-06 秒的时间上限，已停止，请 5 秒后再试。" in unescape(response.text)
    hurried.client.get("/lang/en")
    english = hurried.client.get("/resilience/mitigations")
    assert english.status_code == 503 and "ran past its time limit of 1e-06 s" in english.text


def test_a_user_with_too_many_analyses_running_is_told_to_wait(tiny: Pages) -> None:
    tiny.login("ana")
    release, jobs = blocking_jobs(User(id=0, username="ana", role=Role.ANALYST), 2)
    try:
        response = tiny.client.get("/resilience/what-if?by=firms&firms=S")
        assert response.status_code == 429 and 1 <= int(response.headers["retry-after"]) <= 61
        assert "你已有 2 项分析正在运行" in unescape(response.text)
        assert tiny.client.get("/resilience/what-if").status_code == 200  # the empty form runs nothing
    finally:
        finish(release, jobs)
    assert tiny.client.get("/resilience/what-if?by=firms&firms=S").status_code == 200
