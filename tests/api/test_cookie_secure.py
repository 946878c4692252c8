"""The session cookie's `Secure` flag (issue 11): CHAINATLAS_COOKIE_SECURE auto (over HTTPS, also as a trusted
proxy forwards it), true or false."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session
from tests.api.conftest import PASSWORD, now_context
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from chainatlas.app import create_app
from chainatlas.config import SettingError, load_settings
from chainatlas.domain.user import Role
from chainatlas.services.users import add_user
from chainatlas.store.rows import UserSessionRow

CREDENTIALS = {"username": "ana", "password": PASSWORD}


@pytest.fixture
def make_app(db_url: str, tmp_path: Path) -> Iterator[Callable[[str], FastAPI]]:
    """Return a maker of apps on one database (holding the analyst ana) with a given cookie setting."""
    made: list[FastAPI] = []

    def make(secure: str) -> FastAPI:
        app = create_app(load_settings({"CHAINATLAS_COOKIE_SECURE": secure}, database_url=db_url), var_dir=tmp_path)
        if not made:
            with Session(app.state.engine) as session:
                add_user(session, now_context(), username="ana", role=Role.ANALYST, password=PASSWORD)
                session.commit()
        made.append(app)
        return app

    yield make
    for app in made:
        app.state.engine.dispose()


def _set_cookie(app: object, base_url: str, headers: dict[str, str] | None = None) -> str:
    with TestClient(app, base_url=base_url) as client:  # type: ignore[arg-type]
        answer = client.post("/api/v1/session", json=CREDENTIALS, headers=headers or {})
        assert answer.status_code == 200, answer.text
        return answer.headers["set-cookie"].lower()


@pytest.mark.parametrize(
    ("setting", "scheme", "secure"),
    [("auto", "http", False), ("auto", "https", True), ("true", "http", True), ("false", "https", False)],
)
def test_the_cookie_is_secure_as_set(
    make_app: Callable[[str], FastAPI], setting: str, scheme: str, secure: bool
) -> None:
    cookie = _set_cookie(make_app(setting), f"{scheme}://testserver")
    assert cookie.startswith("chainatlas_session=") and "httponly" in cookie and "samesite=lax" in cookie
    assert ("; secure" in cookie) is secure


def test_auto_believes_the_forwarded_scheme_only_from_a_trusted_proxy(make_app: Callable[[str], FastAPI]) -> None:
    app = make_app("auto")
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}
    trusted = ProxyHeadersMiddleware(app, trusted_hosts="testclient")  # what `serve` does with the setting
    assert "; secure" in _set_cookie(trusted, "http://testserver", forwarded)
    untrusted = ProxyHeadersMiddleware(app, trusted_hosts="127.0.0.1")
    assert "; secure" not in _set_cookie(untrusted, "http://testserver", forwarded)
    with Session(app.state.engine) as session:
        assert session.scalars(select(UserSessionRow.address).order_by(UserSessionRow.id)).all() == [
            "203.0.113.7",
            "testclient",
        ]


def test_a_wrong_setting_is_named() -> None:
    with pytest.raises(SettingError, match="CHAINATLAS_COOKIE_SECURE"):
        load_settings({"CHAINATLAS_COOKIE_SECURE": "maybe"}, database_url="sqlite://")
    with pytest.raises(SettingError, match="CHAINATLAS_TOKEN_DAYS"):
        load_settings({"CHAINATLAS_TOKEN_DAYS": "-3"}, database_url="sqlite://")
