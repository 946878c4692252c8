"""API tokens (issue 11): expiry, last-used time, list and revoke in the API and the CLI, and a password
change that revokes them unless the user keeps them."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session
from tests.api.conftest import PASSWORD, Api
from tests.api.cookie_sessions import COOKIE, add_admin, send, sign_in
from tests.conftest import Cli

from chainatlas.store.history import registry_version
from chainatlas.store.rows import ApiTokenRow, ChangeRow

READ = "/api/v1/enterprises?limit=1"


def engine_of(api: Api) -> Any:
    return api.client.app.state.engine  # type: ignore[attr-defined]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def listed(api: Api, headers: dict[str, str], query: str = "") -> list[dict[str, Any]]:
    answer = api.client.get(f"/api/v1/tokens{query}", headers=headers)
    assert answer.status_code == 200, answer.text
    tokens: list[dict[str, Any]] = answer.json()["tokens"]
    return tokens


def test_an_expired_token_gets_401(api: Api) -> None:
    assert api.client.get(READ, headers=api.headers["vic"]).status_code == 200
    with Session(engine_of(api)) as session:
        past = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
        session.execute(update(ApiTokenRow).values(expires_at=past))
        session.commit()
    refused = api.client.get(READ, headers=api.headers["vic"])
    assert refused.status_code == 401 and "expired" in refused.json()["detail"]
    assert listed(api, add_admin(api), "?user=vic")[0]["state"] == "expired"


def test_a_new_token_lasts_90_days_or_as_asked(api: Api, cli: Cli) -> None:
    before = dt.datetime.now(dt.UTC)
    code, out, err = cli("user", "token", "vic", "--days", "2", "--json")
    assert code == 0, out + err
    made = json.loads(out)
    expires = dt.datetime.fromisoformat(made["expires_at"])
    assert before + dt.timedelta(days=2) <= expires <= dt.datetime.now(dt.UTC) + dt.timedelta(days=2)
    assert api.client.get(READ, headers=bearer(made["token"])).status_code == 200
    tokens = {t["name"]: t for t in listed(api, api.headers["vic"])}
    first = tokens["test"]  # made by the fixture with the default lifetime
    lifetime = dt.datetime.fromisoformat(first["expires_at"]) - dt.datetime.fromisoformat(first["created_at"])
    assert lifetime == dt.timedelta(days=90)
    assert cli("user", "token", "vic", "--days", "0")[0] == 2  # out of range: usage error


def test_the_list_shows_the_last_use_written_at_most_once_a_minute(api: Api, cli: Cli) -> None:
    engine = engine_of(api)
    assert [t["last_used_at"] for t in _cli_tokens(cli, "mem")] == [None]
    with Session(engine) as session:
        version, changes = registry_version(session), session.scalar(select(func.count(ChangeRow.id)))
    before = dt.datetime.now(dt.UTC)
    for _ in range(5):
        assert api.client.get(READ, headers=api.headers["mem"]).status_code == 200
    after = dt.datetime.now(dt.UTC)
    first = _cli_tokens(cli, "mem")[0]["last_used_at"]
    assert first is not None and before <= dt.datetime.fromisoformat(first) <= after
    with Session(engine) as session:  # the stamps touch neither the history nor the registry version
        assert registry_version(session) == version
        assert session.scalar(select(func.count(ChangeRow.id))) == changes
        stamps = session.scalars(select(ApiTokenRow.last_used_at)).all()
        session.execute(update(ApiTokenRow).values(last_used_at=before - dt.timedelta(minutes=2)))
        session.commit()
    assert sum(s is not None for s in stamps) == 1
    api.client.get(READ, headers=api.headers["mem"])
    again = dt.datetime.fromisoformat(_cli_tokens(cli, "mem")[0]["last_used_at"])
    assert again >= after  # more than a minute old: stamped again


def _cli_tokens(cli: Cli, username: str) -> list[dict[str, Any]]:
    code, out, err = cli("user", "tokens", username, "--json")
    assert code == 0, out + err
    tokens: list[dict[str, Any]] = json.loads(out)["tokens"]
    return tokens


def test_revoke_in_the_cli(api: Api, cli: Cli) -> None:
    token_id = _cli_tokens(cli, "vic")[0]["id"]
    code, out, err = cli("user", "revoke", str(token_id))
    assert code == 0 and "revoked" in out, out + err
    assert api.client.get(READ, headers=api.headers["vic"]).status_code == 401
    assert _cli_tokens(cli, "vic")[0]["state"] == "revoked"
    assert cli("user", "revoke", str(token_id))[0] == 3  # already revoked
    assert cli("user", "revoke", "9999")[0] == 3
    assert cli("user", "tokens", "nobody")[0] == 3


def test_tokens_in_the_api_own_ones_or_any_for_an_admin(api: Api) -> None:
    admin = add_admin(api)
    vic_id = listed(api, api.headers["vic"])[0]["id"]
    mem_id = listed(api, api.headers["mem"])[0]["id"]
    assert api.client.get("/api/v1/tokens?user=mem", headers=api.headers["vic"]).status_code == 403
    assert [t["id"] for t in listed(api, admin, "?user=mem")] == [mem_id]
    assert api.client.delete(f"/api/v1/tokens/{mem_id}", headers=api.headers["vic"]).status_code == 404
    assert api.client.get(READ, headers=api.headers["mem"]).status_code == 200
    assert api.client.delete(f"/api/v1/tokens/{vic_id}", headers=api.headers["vic"]).status_code == 200
    assert api.client.get(READ, headers=api.headers["vic"]).status_code == 401
    assert api.client.delete(f"/api/v1/tokens/{mem_id}", headers=admin).status_code == 200
    assert api.client.get(READ, headers=api.headers["mem"]).status_code == 401
    assert api.client.get("/api/v1/tokens").status_code == 401


def test_create_a_token_when_signed_in_shown_once(api: Api) -> None:
    cookie, csrf = sign_in(api.client, "vic")
    made = send(
        api.client, "POST", "/api/v1/tokens", cookie, json={"name": "laptop", "days": 7}, headers={"X-CSRF-Token": csrf}
    )
    assert made.status_code == 201, made.text
    body = made.json()
    assert body["name"] == "laptop" and body["state"] == "active" and body["token"].startswith(body["prefix"])
    api.client.cookies.clear()
    assert api.client.get(READ, headers=bearer(body["token"])).status_code == 200
    assert all("token" not in t for t in listed(api, api.headers["vic"]))  # never shown again
    by_token = api.client.post("/api/v1/tokens", json={"name": "more"}, headers=bearer(body["token"]))
    assert by_token.status_code == 403  # a token cannot mint tokens that outlive it
    too_long = send(api.client, "POST", "/api/v1/tokens", cookie, json={"days": 5000}, headers={"X-CSRF-Token": csrf})
    assert too_long.status_code == 422


def _change_password(api: Api, *, keep: bool) -> None:
    cookie, csrf = sign_in(api.client, "vic")
    form = {
        "csrf_token": csrf,
        "current_password": PASSWORD,
        "new_password": "n3w-password!",
        "confirm_password": "n3w-password!",
    }
    if keep:
        form["keep_tokens"] = "true"
    answer = send(api.client, "POST", "/account/password", cookie, data=form)
    assert answer.status_code == 200 and COOKIE in answer.cookies
    api.client.cookies.clear()


def test_a_password_change_revokes_the_tokens(api: Api) -> None:
    assert api.client.get(READ, headers=api.headers["vic"]).status_code == 200
    _change_password(api, keep=False)
    assert api.client.get(READ, headers=api.headers["vic"]).status_code == 401
    assert api.client.get(READ, headers=api.headers["mem"]).status_code == 200  # others keep theirs


def test_a_password_change_keeps_the_tokens_when_asked(api: Api) -> None:
    _change_password(api, keep=True)
    assert api.client.get(READ, headers=api.headers["vic"]).status_code == 200
    with Session(engine_of(api)) as session:
        kept = session.scalar(select(ChangeRow.after).where(ChangeRow.action == "password"))
    assert kept == {"sessions_ended": 1, "tokens_revoked": 0, "tokens_kept": True}
