"""Sessions end (issue 11): a copied session cookie stops working after sign-out, a password change, a
role change, disabling the user and an admin's end-sessions, for reads that need sign-in and for writes
through the API and the pages; the cookie names no user."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from collections.abc import Callable

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.orm import Session
from tests.api.conftest import PASSWORD, Api
from tests.api.cookie_sessions import COOKIE, add_admin, send, sign_in
from tests.conftest import Cli

from chainatlas.store.rows import UserSessionRow

NEW_FIRM = {"id": "E7", "name_zh": "新公司", "country": "CN", "source": "synthetic"}
FIRM_CSV = b"id,name_zh,country,source\nE8,\xe6\x96\xb0\xe5\x85\xac\xe5\x8f\xb8,CN,synthetic\n"


def works(api: Api, cookie: str, csrf: str) -> bool:
    """Return whether a cookie still reads the registry (a read that needs sign-in)."""
    return send(api.client, "GET", "/api/v1/enterprises?limit=1", cookie).status_code == 200


def assert_refused(api: Api, cookie: str, csrf: str) -> None:
    """Check that a replayed cookie can neither read what needs sign-in nor write, by API or by page."""
    assert send(api.client, "GET", "/api/v1/enterprises?limit=1", cookie).status_code == 401
    assert send(api.client, "GET", "/api/v1/tokens", cookie).status_code == 401
    written = send(api.client, "POST", "/api/v1/enterprises", cookie, json=NEW_FIRM, headers={"X-CSRF-Token": csrf})
    assert written.status_code == 401, written.text
    page = send(api.client, "GET", "/enterprises", cookie)
    assert page.status_code == 303 and page.headers["location"].startswith("/login")
    files = {"files": ("enterprises.csv", FIRM_CSV, "text/csv")}
    upload = send(api.client, "POST", "/import", cookie, data={"csrf_token": csrf}, files=files)
    assert upload.status_code == 303 and upload.headers["location"].startswith("/login")
    api.client.cookies.clear()
    for firm in ("E7", "E8"):  # nothing was written
        assert api.client.get(f"/api/v1/enterprises/{firm}", headers=api.headers["ana_admin"]).status_code == 404


def _sign_out_api(api: Api, cli: Cli, cookie: str, csrf: str) -> None:
    assert send(api.client, "DELETE", "/api/v1/session", cookie).status_code == 204


def _sign_out_page(api: Api, cli: Cli, cookie: str, csrf: str) -> None:
    answer = send(api.client, "POST", "/logout", cookie, data={"csrf_token": csrf})
    assert answer.status_code == 303


def _password_change(api: Api, cli: Cli, cookie: str, csrf: str) -> None:
    form = {
        "csrf_token": csrf,
        "current_password": PASSWORD,
        "new_password": "n3w-password!",
        "confirm_password": "n3w-password!",
    }
    answer = send(api.client, "POST", "/account/password", cookie, data=form)
    assert answer.status_code == 200 and "密码已修改" in answer.text
    fresh = answer.cookies[COOKIE]  # this browser goes on with a fresh session
    assert fresh != cookie and works(api, fresh, csrf)


def _role_change(api: Api, cli: Cli, cookie: str, csrf: str) -> None:
    code, out, err = cli("user", "role", "ana", "viewer")
    assert code == 0, out + err
    assert "1 session(s) ended" in out


def _disable(api: Api, cli: Cli, cookie: str, csrf: str) -> None:
    code, out, err = cli("user", "disable", "ana")
    assert code == 0, out + err


def _admin_api(api: Api, cli: Cli, cookie: str, csrf: str) -> None:
    api.client.cookies.clear()
    refused = api.client.delete("/api/v1/users/ana/sessions", headers=api.headers["vic"])
    assert refused.status_code == 403
    ended = api.client.delete("/api/v1/users/ana/sessions", headers=api.headers["ana_admin"])
    assert ended.status_code == 200 and ended.json() == {"user": "ana", "sessions_ended": 1}


def _admin_cli(api: Api, cli: Cli, cookie: str, csrf: str) -> None:
    code, out, err = cli("user", "end-sessions", "ana")
    assert code == 0 and "1 session(s) of ana ended" in out, out + err


EVENTS: dict[str, Callable[[Api, Cli, str, str], None]] = {
    "sign-out (API)": _sign_out_api,
    "sign-out (page)": _sign_out_page,
    "password change": _password_change,
    "role change": _role_change,
    "disable": _disable,
    "admin end (API)": _admin_api,
    "admin end (CLI)": _admin_cli,
}


@pytest.mark.parametrize("event", list(EVENTS))
def test_a_copied_cookie_is_refused_after_the_session_ends(api: Api, cli: Cli, event: str) -> None:
    api.headers["ana_admin"] = add_admin(api)
    cookie, csrf = sign_in(api.client)
    other, _ = sign_in(api.client, "vic")
    assert works(api, cookie, csrf)  # the copy works while the session lives
    EVENTS[event](api, cli, cookie, csrf)
    assert_refused(api, cookie, csrf)
    assert works(api, other, csrf)  # another user's session is untouched


def test_the_cookie_names_no_user_and_the_database_keeps_only_a_hash(api: Api) -> None:
    cookie, csrf = sign_in(api.client)
    payload = cookie.split(".")[0]
    decoded = base64.b64decode(payload + "=" * (-len(payload) % 4)).decode()
    contents = json.loads(decoded)
    assert set(contents) == {"sid", "csrf"} and contents["csrf"] == csrf
    assert "ana" not in decoded.lower()
    with Session(api.client.app.state.engine) as session:  # type: ignore[attr-defined]
        stored = session.scalars(select(UserSessionRow)).one()
        assert stored.secret_hash == hashlib.sha256(contents["sid"].encode()).hexdigest()
        assert contents["sid"] not in json.dumps([str(v) for v in vars(stored).values()])
        assert stored.ended_at is None and stored.address == "testclient"
        assert stored.expires_at - stored.created_at == dt.timedelta(hours=12)


def test_sign_out_and_ends_are_recorded_with_a_reason(api: Api, cli: Cli) -> None:
    first, _ = sign_in(api.client)
    second, _ = sign_in(api.client)
    send(api.client, "DELETE", "/api/v1/session", first)
    assert cli("user", "disable", "ana")[0] == 0
    with Session(api.client.app.state.engine) as session:  # type: ignore[attr-defined]
        rows = session.execute(text("SELECT ended_reason FROM user_sessions ORDER BY id")).scalars().all()
    assert rows == ["signed_out", "disabled"]
    assert works(api, second, "") is False


def test_an_expired_session_is_refused_and_a_used_one_is_stamped_at_most_once_a_minute(api: Api) -> None:
    cookie, _ = sign_in(api.client)
    engine = api.client.app.state.engine  # type: ignore[attr-defined]
    stamp = "SELECT last_seen_at, expires_at FROM user_sessions"
    with Session(engine) as session:
        seen, _ = session.execute(text(stamp)).one()
    for _ in range(5):
        assert works(api, cookie, "")
    with Session(engine) as session:
        assert session.execute(text(stamp)).one()[0] == seen  # five reads within the minute: no write
        session.execute(update(UserSessionRow).values(last_seen_at=_ago(minutes=2)))
        session.commit()
    before = dt.datetime.now(dt.UTC)
    assert works(api, cookie, "")
    with Session(engine) as session:
        row = session.scalars(select(UserSessionRow)).one()
        assert row.last_seen_at >= before - dt.timedelta(seconds=1)
        assert row.expires_at >= before + dt.timedelta(hours=12, seconds=-1)  # the idle limit moved on
        session.execute(update(UserSessionRow).values(expires_at=_ago(seconds=1)))
        session.commit()
    assert not works(api, cookie, "")


def _ago(**delta: float) -> dt.datetime:
    return dt.datetime.now(dt.UTC) - dt.timedelta(**delta)


def test_signing_in_again_ends_the_browsers_previous_session(api: Api) -> None:
    first, _ = sign_in(api.client)
    again = send(api.client, "POST", "/api/v1/session", first, json={"username": "ana", "password": PASSWORD})
    assert again.status_code == 200
    second = again.cookies[COOKIE]
    assert not works(api, first, "") and works(api, second, "")
