"""Sign-in limits (issue 11, point 2): back-off, lock-out, per-address cap, all kept in the database.

Expected values are worked out by hand from the documented numbers (docs/security.md): 5 free consecutive
failures, then waits of 1, 2, 4 … s (doubling, at most 900 s) counted from the last failure, a lock-out at 20
consecutive failures, and at most 30 failures from one address in 15 minutes. Time passing is simulated by moving
the logged failures back in time in the database (nothing in the application is replaced).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session
from tests.api.conftest import CTX, PASSWORD, Api, now_context
from tests.conftest import Cli
from tests.sign_in_clock import stamp_failures_now

from chainatlas.app import create_app
from chainatlas.config import load_settings
from chainatlas.domain.user import Role
from chainatlas.services import users as users_service
from chainatlas.services.users import add_user, create_token
from chainatlas.store.access_log import AccessFilter, AccessLogRepository
from chainatlas.store.history import HistoryRepository
from chainatlas.store.rows import AccessLogRow

SESSION = "/api/v1/session"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


class CountingHasher(PasswordHasher):
    """The real argon2 hasher, counting the hashes it computes (a spy: every hash is still done)."""

    def __init__(self) -> None:
        super().__init__()
        self.hashes = 0

    def hash(self, password: str | bytes, *, salt: bytes | None = None) -> str:
        self.hashes += 1
        return super().hash(password, salt=salt)

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:
        self.hashes += 1
        return super().verify(hash, password)


@pytest.fixture
def hasher(monkeypatch: pytest.MonkeyPatch) -> CountingHasher:
    """Count the argon2 hashes the sign-in code computes."""
    counting = CountingHasher()
    monkeypatch.setattr(users_service, "_HASHER", counting)
    return counting


def sign_in(client: TestClient, username: str, password: str) -> Any:
    """Post credentials to the API."""
    return client.post(SESSION, json={"username": username, "password": password})


def age_log(api: Api, seconds: float) -> None:
    """Move every access-log entry back in time, as if `seconds` had passed."""
    with Session(api.client.app.state.engine) as session:  # type: ignore[attr-defined]
        for row in session.scalars(select(AccessLogRow)):
            row.at -= dt.timedelta(seconds=seconds)
        session.commit()


def failed_just_now(api: Api) -> None:
    """Stamp every logged failure with the current time (see tests/sign_in_clock.py)."""
    stamp_failures_now(api.client.app.state.engine)  # type: ignore[attr-defined]  # Starlette types app as ASGIApp


def fail_apart(api: Api, username: str, times: int) -> None:
    """Fail `times` sign-ins, each far apart in time (so no back-off or address cap is met)."""
    for _ in range(times):
        assert sign_in(api.client, username, "wrong-password").status_code == 401
        age_log(api, 24 * 3600)


def events(api: Api, username: str | None = None) -> list[str]:
    """Return the access-log events, oldest first."""
    with Session(api.client.app.state.engine) as session:  # type: ignore[attr-defined]
        found = AccessLogRepository(session).entries(AccessFilter(username=username, limit=1000))
    return [e.event for e in reversed(found)]


def test_five_failures_then_a_wait_that_refuses_even_the_right_password_at_no_hash(
    api: Api, hasher: CountingHasher
) -> None:
    for _ in range(5):
        assert sign_in(api.client, "ana", "wrong-password").status_code == 401
    assert hasher.hashes == 5
    failed_just_now(api)
    refused = sign_in(api.client, "ana", PASSWORD)
    assert refused.status_code == 429
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.headers["Retry-After"] == "1"  # 1 s after the 5th failure, which was just now
    assert (refused.json()["code"], refused.json()["params"]) == ("sign_in.wait", {"wait": 1})
    assert refused.json()["detail"] == "too many failed sign-ins; try again in 1 s"
    assert hasher.hashes == 5  # the refused attempt cost no hash
    age_log(api, 1.5)
    assert sign_in(api.client, "ana", PASSWORD).status_code == 200
    assert events(api, "ana") == ["sign_in_failed"] * 5 + ["sign_in_throttled", "sign_in"]


@pytest.mark.slow
def test_each_further_failure_doubles_the_wait(api: Api) -> None:
    waits = []
    for _ in range(5):
        assert sign_in(api.client, "vic", "wrong-password").status_code == 401
    for _ in range(3):
        failed_just_now(api)
        waits.append(sign_in(api.client, "vic", "wrong-password").headers["Retry-After"])
        age_log(api, 3600)  # wait it out, then fail once more
        assert sign_in(api.client, "vic", "wrong-password").status_code == 401
    failed_just_now(api)
    waits.append(sign_in(api.client, "vic", "wrong-password").headers["Retry-After"])
    assert waits == ["1", "2", "4", "8"]  # after failures 5, 6, 7, 8


@pytest.mark.slow
def test_twenty_failures_lock_the_account_until_an_admin_unlocks_it(api: Api) -> None:
    with Session(api.client.app.state.engine) as session:  # type: ignore[attr-defined]
        add_user(session, CTX, username="root", role=Role.ADMIN, password=PASSWORD)
        root = {"Authorization": f"Bearer {create_token(session, now_context(), username='root', name='t')}"}
        session.commit()
    fail_apart(api, "mem", 20)
    locked = sign_in(api.client, "mem", PASSWORD)
    assert locked.status_code == 429 and "Retry-After" not in locked.headers
    assert locked.json()["code"] == "sign_in.locked" and "ask an administrator" in locked.json()["detail"]
    assert api.client.post("/api/v1/users/mem/unlock", headers=api.headers["ana"]).status_code == 403
    assert api.client.post("/api/v1/users/mem/unlock").status_code == 401
    assert api.client.post("/api/v1/users/nobody/unlock", headers=root).status_code == 404
    unlocked = api.client.post("/api/v1/users/mem/unlock", headers=root)
    assert unlocked.status_code == 200 and unlocked.json() == {"username": "mem", "failures_cleared": 20}
    assert sign_in(api.client, "mem", PASSWORD).status_code == 200
    assert events(api, "mem") == ["sign_in_failed"] * 20 + ["locked", "sign_in_throttled", "unlocked", "sign_in"]
    with Session(api.client.app.state.engine) as session:  # type: ignore[attr-defined]
        change = HistoryRepository(session).changes(kind="users", limit=1)[0]
    assert (change.actor, change.action, change.record_key) == ("root", "unlock", "mem")


def lock_by_log(api: Api, username: str, failures: int = 20) -> None:
    """Put `failures` old failed sign-ins of an account in the access log (a day ago, from elsewhere)."""
    at = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    with Session(api.client.app.state.engine) as session:  # type: ignore[attr-defined]
        repo = AccessLogRepository(session)
        for _ in range(failures):
            repo.add(at=at, username=username, user_id=None, address="192.0.2.7", event="sign_in_failed", detail={})
        session.commit()


def test_the_cli_unlocks_and_reads_the_access_log(api: Api, cli: Cli) -> None:
    lock_by_log(api, "ana")
    assert sign_in(api.client, "ana", PASSWORD).status_code == 429
    with Session(api.client.app.state.engine) as session:  # type: ignore[attr-defined]
        add_user(session, CTX, username="admin-on-duty", role=Role.ADMIN, password=PASSWORD)
        session.commit()
    code, out, _ = cli("user", "unlock", "ana", user="admin-on-duty")
    assert code == 0 and "20 consecutive failed sign-ins cleared" in out
    assert cli("user", "unlock", "nobody")[0] == 3
    assert sign_in(api.client, "ana", PASSWORD).status_code == 200
    code, out, _ = cli("access-log", "--user", "ana", "--json")
    items = json.loads(out)["items"]
    assert code == 0 and [i["event"] for i in items][:3] == ["sign_in", "unlocked", "sign_in_throttled"]
    assert items[0]["address"] == "testclient" and items[0]["user_id"] is not None
    assert items[1]["detail"]["by"] == "admin-on-duty" and items[1]["address"] is None
    code, out, _ = cli("access-log", "--event", "unlocked", "--since", "2020-01-01", "--json")
    assert [i["username"] for i in json.loads(out)["items"]] == ["ana"]
    code, out, _ = cli("access-log", "--since", "2999-01-01", "--json")
    assert json.loads(out)["items"] == []
    assert cli("access-log", "--event", "nonsense")[0] == 3
    assert cli("access-log", "--since", "yesterday")[0] == 2


def test_thirty_failures_from_one_address_in_fifteen_minutes_refuse_it(api: Api) -> None:
    now = dt.datetime.now(dt.UTC)
    with Session(api.client.app.state.engine) as session:  # type: ignore[attr-defined]
        repo = AccessLogRepository(session)
        repo.add(
            at=now - dt.timedelta(minutes=14),
            username="x0",
            user_id=None,
            address="testclient",
            event="sign_in_failed",
            detail={},
        )
        for i in range(1, 28):
            repo.add(
                at=now - dt.timedelta(minutes=5),
                username=f"x{i}",
                user_id=None,
                address="testclient",
                event="sign_in_failed",
                detail={},
            )
        session.commit()
    # 28 failures in the window, from 28 different names; two more through the API make 30
    assert sign_in(api.client, "guess-1", "wrong-password").status_code == 401
    assert sign_in(api.client, "guess-2", "wrong-password").status_code == 401
    refused = sign_in(api.client, "vic", PASSWORD)  # a fresh account, the right password: the address is capped
    assert refused.status_code == 429
    assert 58 <= int(refused.headers["Retry-After"]) <= 61  # the oldest (14 min ago) leaves the window in 60 s
    assert refused.json()["code"] == "sign_in.address_wait" and "from this address" in refused.json()["detail"]
    age_log(api, 61)
    assert sign_in(api.client, "vic", PASSWORD).status_code == 200


def test_limits_hold_across_two_server_processes_on_one_database(api: Api, db_url: str, tmp_path: Path) -> None:
    for _ in range(5):
        assert sign_in(api.client, "ana", "wrong-password").status_code == 401
    failed_just_now(api)
    other = create_app(load_settings({}, database_url=db_url), var_dir=tmp_path / "var2")
    with TestClient(other) as second:
        assert sign_in(second, "ana", PASSWORD).status_code == 429
    other.state.engine.dispose()


@pytest.fixture
def login_form(api: Api) -> Iterator[str]:
    """Return the sign-in page's CSRF token."""
    match = CSRF.search(api.client.get("/login").text)
    assert match
    yield match.group(1)


def test_the_sign_in_page_answers_429_with_the_wait_in_chinese_first(api: Api, login_form: str) -> None:
    form = {"csrf_token": login_form, "username": "vic", "password": "wrong-password", "next": "/"}
    for _ in range(5):
        assert api.client.post("/login", data=form, follow_redirects=False).status_code == 401
    failed_just_now(api)
    refused = api.client.post("/login", data={**form, "password": PASSWORD}, follow_redirects=False)
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "1"
    assert "登录失败次数过多，请 1 秒后再试" in refused.text  # the page's language (Chinese: no lang cookie)
    age_log(api, 2)
    assert api.client.post("/login", data={**form, "password": PASSWORD}, follow_redirects=False).status_code == 303


def test_only_admins_read_the_access_log_over_the_api(api: Api) -> None:
    assert sign_in(api.client, "ana", "wrong-password").status_code == 401
    assert api.client.get("/api/v1/access-log").status_code == 401
    assert api.client.get("/api/v1/access-log", headers=api.headers["ana"]).status_code == 403
    with Session(api.client.app.state.engine) as session:  # type: ignore[attr-defined]
        add_user(session, CTX, username="root", role=Role.ADMIN, password=PASSWORD)
        root = {"Authorization": f"Bearer {create_token(session, now_context(), username='root', name='t')}"}
        session.commit()
    found = api.client.get("/api/v1/access-log", headers=root, params={"user": "ana"}).json()["items"]
    assert [(i["username"], i["event"], i["address"], i["user_id"]) for i in found] == [
        ("ana", "sign_in_failed", "testclient", None)
    ]
    assert api.client.get("/api/v1/access-log", headers=root, params={"event": "nope"}).status_code == 422


def test_a_user_name_longer_than_the_log_keeps_is_limited_too(api: Api) -> None:
    name = "x" * 300  # the log keeps 200 characters; the limit must count the same name
    for _ in range(5):
        assert sign_in(api.client, name, "wrong-password").status_code == 401
    failed_just_now(api)
    assert sign_in(api.client, name, "wrong-password").status_code == 429
