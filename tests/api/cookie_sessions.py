"""Cookie sessions through the API: sign in, send a request with exactly one cookie, add an admin."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from tests.api.conftest import PASSWORD, Api, now_context

from chainatlas.domain.user import Role
from chainatlas.services.users import add_user, create_token

COOKIE = "chainatlas_session"


def send(client: TestClient, method: str, url: str, cookie: str, **kwargs: Any) -> Any:
    """Send one request carrying exactly this session cookie (nothing left over from earlier answers)."""
    client.cookies.clear()
    headers = {**kwargs.pop("headers", {}), "Cookie": f"{COOKIE}={cookie}"}
    return client.request(method, url, headers=headers, follow_redirects=False, **kwargs)


def sign_in(client: TestClient, username: str = "ana", password: str = PASSWORD) -> tuple[str, str]:
    """Sign in through the API; return the session cookie's value and the CSRF token, leaving the jar empty."""
    client.cookies.clear()
    answer = client.post("/api/v1/session", json={"username": username, "password": password})
    assert answer.status_code == 200, answer.text
    cookie = answer.cookies[COOKIE]
    client.cookies.clear()
    return cookie, answer.json()["csrf_token"]


def add_admin(api: Api) -> dict[str, str]:
    """Add an admin, `root`, and return bearer headers for it."""
    with Session(api.client.app.state.engine) as session:  # type: ignore[attr-defined]
        add_user(session, now_context(), username="root", role=Role.ADMIN, password=PASSWORD)
        token = create_token(session, now_context(), username="root", name="test")
        session.commit()
    return {"Authorization": f"Bearer {token}"}
