"""Heavy work as bounded jobs (issue 11, point 6): anonymous visitors get the public summary for the defaults only,
a job past its time limit answers 503 with Retry-After, a user runs at most two heavy jobs at once (429), cached
reads are never limited, and a year in which no link is active is refused."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from tests.api.conftest import Api, now_context
from tests.api.jobs import blocking_jobs, finish
from tests.api.problems import assert_problem
from tests.factories import ENTERPRISES, NODES, write_csv

from chainatlas.app import create_app
from chainatlas.config import load_settings
from chainatlas.domain.user import Role, User
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.imports import run_import
from chainatlas.services.jobs import DEFAULT_JOBS_PER_USER, HEAVY_JOBS, JobLimits
from chainatlas.services.users import add_user, create_token
from chainatlas.store.engine import make_engine

BASE = "/api/v1/resilience"
CTX = WriteContext(actor="setup", via=Via.CLI, at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))


@pytest.fixture
def restore_limits() -> Iterator[None]:
    """Put the process's job limits back after a test that changes them."""
    before = HEAVY_JOBS.limits
    yield
    HEAVY_JOBS.configure(before)


def test_anonymous_visitors_get_the_summary_for_the_defaults_only(api: Api) -> None:
    client = api.client
    first = client.get(BASE + "/summary")
    assert first.status_code == 200 and first.json()["sites"] == 3  # E1, E2, E3 of the basic registry
    release, jobs = blocking_jobs(None, DEFAULT_JOBS_PER_USER)  # no new anonymous job could start now
    try:
        again = client.get(BASE + "/summary")
        assert again.status_code == 200 and again.json() == first.json()  # from the cache, not limited
        assert client.get(BASE + "/summary", params={"horizon": 365}).status_code == 200  # the default, written out
        for params in ({"horizon": 7.5}, {"year": 2025}, {"year": 2025, "horizon": 365}):
            problem = assert_problem(client.get(BASE + "/summary", params=params), 401)
            assert problem["code"] == "resilience.anonymous_defaults" and "sign in for others" in problem["detail"]
        signed_in = client.get(BASE + "/summary", params={"horizon": 7.5}, headers=api.headers["vic"])
        assert signed_in.status_code == 200 and signed_in.json()["sites"] == 3
    finally:
        finish(release, jobs)


@pytest.mark.usefixtures("restore_limits")
def test_a_job_past_its_time_limit_is_stopped_and_answers_503(api: Api) -> None:
    client, ana = api.client, api.headers["ana"]
    HEAVY_JOBS.configure(JobLimits(timeout_seconds=1e-6))  # past the limit before the first LP is solved
    for response in (
        client.get(BASE + "/analysis", headers=ana),
        client.get(BASE + "/analysis", headers=ana),  # the stopped job answers; it is not started again
        client.get(BASE + "/mitigations", headers=ana),
        client.get(BASE + "/summary", params={"horizon": 30}, headers=ana),
        client.post(BASE + "/what-if", json={"firms": ["E2", "E3"], "horizon": 40}, headers=ana),
    ):
        problem = assert_problem(response, 503)
        assert response.headers["retry-after"] == "5"  # at least 5 s, else the limit
        assert (problem["code"], problem["params"]) == ("job.timed_out", {"limit": "1e-06", "retry": 5})
        assert problem["detail"] == "the analysis ran past its time limit of 1e-06 s and was stopped; try again in 5 s"
    HEAVY_JOBS.configure(JobLimits())
    assert_problem(client.get(BASE + "/analysis", headers=ana), 503)  # within its Retry-After: still stopped
    assert client.get(BASE + "/analysis", params={"horizon": 41}, headers=ana).status_code == 200  # another key
    both = client.post(BASE + "/what-if", json={"firms": ["E2", "E3"], "horizon": 41}, headers=ana)
    assert both.status_code == 200 and sorted(both.json()["failed"]) == ["E1", "E2", "E3"]


def test_a_user_runs_at_most_two_heavy_jobs_and_cached_reads_are_never_limited(api: Api) -> None:
    client, headers = api.client, api.headers
    ana = User(id=0, username="ana", role=Role.ANALYST)
    release, jobs = blocking_jobs(ana, 2)
    try:
        response = client.get(BASE + "/analysis", headers=headers["ana"])
        problem = assert_problem(response, 429)
        assert 1 <= int(response.headers["retry-after"]) <= 61  # until the first of them reaches its limit
        assert problem["detail"].startswith("2 analyses of yours are already running; try again in ")
        assert (problem["code"], problem["params"]["running"]) == ("job.busy", 2)
        assert client.get(BASE + "/analysis", headers=headers["mem"]).status_code == 403  # access comes first
        by_vic = client.get(BASE + "/summary", params={"horizon": 90}, headers=headers["vic"])
        assert by_vic.status_code == 200  # another user: not limited by ana's jobs
        by_ana = client.get(BASE + "/summary", params={"horizon": 90}, headers=headers["ana"])
        assert by_ana.status_code == 200 and by_ana.json() == by_vic.json()  # cached: never limited
    finally:
        finish(release, jobs)
    assert client.get(BASE + "/analysis", headers=headers["ana"]).status_code == 200


def test_a_job_is_started_once_per_key_and_hands_its_error_on() -> None:
    runner_calls: list[int] = []
    release = threading.Event()

    def slow(tick: object) -> int:
        runner_calls.append(1)
        release.wait(10)
        return 42

    key = ("test-once", time.monotonic_ns())
    ana = User(id=0, username="test-once", role=Role.ANALYST)
    first, second = HEAVY_JOBS.start(key, ana, slow), HEAVY_JOBS.start(key, None, slow)
    assert first is second and first.owner == "test-once"
    release.set()
    assert HEAVY_JOBS.wait(first) == 42 and runner_calls == [1]

    def broken(tick: object) -> int:
        raise ValueError("no such thing")

    with pytest.raises(ValueError, match="no such thing"):
        HEAVY_JOBS.wait(HEAVY_JOBS.start(("test-broken", time.monotonic_ns()), ana, broken))


@pytest.fixture
def dated(db_url: str, tmp_path: Path) -> Iterator[Api]:
    """An API client over the basic registry whose two links started in 2015 (and an analyst, ana)."""
    folder = tmp_path / "dated"
    folder.mkdir()
    write_csv(folder / "chain_nodes.csv", "chain_nodes", NODES)
    write_csv(folder / "enterprises.csv", "enterprises", ENTERPRISES)
    links = [
        {"supplier_id": s, "customer_id": "E1", "node_code": "U.HYD", "since": "2015", "source": "synthetic"}
        for s in ("E2", "E3")
    ]
    write_csv(folder / "supply_links.csv", "supply_links", links)
    engine = make_engine(db_url)
    with Session(engine) as session:
        assert run_import(session, [folder], CTX).ok
        add_user(session, CTX, username="ana", role=Role.ANALYST, password="s3cret-password")
        token = create_token(session, now_context(), username="ana", name="test")
        session.commit()
    engine.dispose()
    app = create_app(load_settings({}, database_url=db_url), var_dir=tmp_path / "var")
    with TestClient(app) as client:
        yield Api(client, {"ana": {"Authorization": f"Bearer {token}"}})
    app.state.engine.dispose()


def test_a_year_in_which_no_link_is_active_is_refused(dated: Api) -> None:
    client, ana = dated.client, dated.headers["ana"]
    for path in ("/mitigations", "/analysis", "/summary"):
        problem = assert_problem(client.get(BASE + path, params={"year": 1800}, headers=ana), 422)
        assert [e["field"] for e in problem["errors"]] == ["year"]
        message = problem["errors"][0]["message"]
        assert message == "1800 年没有有效的供应关系（供应关系始于 2015 年）"  # they start in 2015 and never end
        assert problem["errors"][0]["code"] == "resilience.no_links_from"
    problem = assert_problem(client.post(BASE + "/what-if", json={"firms": ["E2"], "year": 2014}, headers=ana), 422)
    assert [e["field"] for e in problem["errors"]] == ["year"]
    found = client.get(BASE + "/mitigations", params={"year": 2016}, headers=ana)
    assert found.status_code == 200


def test_the_job_settings_are_read_and_checked() -> None:
    assert (load_settings({}, database_url="sqlite://").job_timeout_seconds, load_settings({}).jobs_per_user) == (60, 2)
    chosen = load_settings({"CHAINATLAS_JOB_TIMEOUT_SECONDS": "2.5", "CHAINATLAS_JOBS_PER_USER": "1"})
    assert (chosen.job_timeout_seconds, chosen.jobs_per_user) == (2.5, 1)
    bad = {
        "CHAINATLAS_JOB_TIMEOUT_SECONDS": ("0", "-3", "soon", "nan"),
        "CHAINATLAS_JOBS_PER_USER": ("0", "1.5", "two"),
    }
    for name, values in bad.items():
        for value in values:
            with pytest.raises(ValueError, match=f"{name} must be a .*number above 0, not '{value}'"):
                load_settings({name: value})
