"""Every page a signed-in administrator can reach, for the walks that check them all (both languages, phone
width). Adding a page to the walks is one line in PAGES (or in POSTS for a form's answer)."""

from __future__ import annotations

import time

from sqlalchemy import Engine
from sqlalchemy.orm import Session
from starlette.testclient import TestClient
from tests.web.conftest import CSRF, CTX, PASSWORD

from chainatlas.domain.user import Role
from chainatlas.services.users import add_user

WALKER = "walker"
"""The administrator who walks the pages (no password change due)."""
FAIR = "CICEE2023"
PAGES = (
    "/",
    "/enterprises",
    "/enterprises?district=望城区",
    "/enterprises/E0001",
    "/enterprises/E0006",
    "/enterprises/E0001/suppliers",
    "/enterprises/E0001/customers",
    "/chain",
    "/chain/nodes/U.HYD.VALVE.MAIN",
    "/chain/nodes/U.HYD.VALVE.MAIN/targets",
    "/chain/gaps",
    "/chain/scenarios",
    "/chain/scenarios?attract=E0081",
    "/scorecard",
    "/projects",
    "/projects/P01",
    "/alerts",
    "/news",
    "/news/review",
    "/import",
    "/resilience",
    "/resilience/nodes/E0001",
    "/resilience/what-if",
    "/resilience/what-if?by=firms&firms=E0001",
    "/resilience/what-if?by=country&country=DE",
    "/resilience/mitigations",
    "/fairs",
    "/fairs/import",
    f"/fairs/{FAIR}",
    f"/fairs/{FAIR}/participants",
    f"/fairs/{FAIR}/participants/C23-B001",
    "/account/password",
    "/admin/users",
    "/admin/users/walker",
    "/admin/sign-ins",
    "/account/tokens",
    "/history",
    "/history?kind=enterprises&record=E0001",
    "/history/batches/1",
    "/records",
    "/records/enterprises",
    "/records/enterprises/new",
    "/records/enterprises/E0001/edit",
    "/records/enterprises/E0001/delete",
    "/records/supply_links",
    "/records/supply_links/new",
    "/records/milestones",
    "/records/chain_nodes/U.HYD.VALVE.MAIN",
    "/login",
    "/nope",
    "/enterprises/nope",
    "/enterprises/nope/extra",
    "/chain/nodes/NOPE/targets",
)
"""Pages reached by GET: the menu, the detail pages, the what-if forms and their answers, the 404 pages."""
POSTS: tuple[tuple[str, dict[str, str]], ...] = (
    ("/chain/scenarios", {"attract_firm": "E0081", "attract_district": "长沙县"}),
    ("/import", {}),
    ("/records/enterprises/new", {"id": "E9999", "employees": "many"}),
    ("/account/password", {"current_password": "wrong", "new_password": "short", "confirm_password": "other"}),
)
"""Forms posted with the session's token: a scenario's result, an import with no file, a refused password."""
UPLOADS: tuple[tuple[str, str, bytes], ...] = (
    ("/import", "enterprises.csv", b"id,name_zh,unified_code,country,source\nX1,,91430100MA4L0XXXX4,CN,synthetic\n"),
    ("/import", "picture.png", b"\x89PNG\r\n\x1a\n"),
)
"""Files uploaded to a page's form (path, file name, content): a row with problems, a file that is not data."""
REFUSED = ("/chain/scenarios", "/account/password")
"""Forms posted without a token: the 403 page."""


def add_walker(engine: Engine) -> None:
    """Add the walking administrator."""
    with Session(engine) as session:
        add_user(session, CTX, username=WALKER, role=Role.ADMIN, password=PASSWORD, must_change_password=False)
        session.commit()


def sign_in(client: TestClient) -> None:
    """Sign the client in as the walking administrator."""
    token = csrf(client, "/login")
    data = {"username": WALKER, "password": PASSWORD, "csrf_token": token, "next": "/"}
    assert client.post("/login", data=data, follow_redirects=False).status_code == 303


def csrf(client: TestClient, path: str) -> str:
    """Return the CSRF token of a page's forms."""
    match = CSRF.search(client.get(path).text)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def settled(client: TestClient, path: str, limit: float = 120.0) -> str:
    """Return a page once its background analysis is done (202 until then), whatever its final status."""
    deadline = time.monotonic() + limit
    response = client.get(path)
    while response.status_code == 202 and time.monotonic() < deadline:
        time.sleep(0.3)
        response = client.get(path)
    assert response.status_code != 202, f"{path} still running after {limit} s"
    assert response.status_code < 500, f"{path}: {response.status_code}"
    return response.text


def posted(client: TestClient, path: str, data: dict[str, str]) -> str:
    """Return the page a form answers, posted with the session's token."""
    response = client.post(path, data={**data, "csrf_token": csrf(client, path)})
    assert response.status_code < 500, f"POST {path}: {response.status_code}"
    return response.text


def uploaded(client: TestClient, path: str, name: str, content: bytes) -> str:
    """Return the page a form answers to an uploaded file."""
    files = {"files": (name, content, "application/octet-stream")}
    response = client.post(path, data={"csrf_token": csrf(client, path)}, files=files)
    assert response.status_code < 500, f"POST {path} with {name}: {response.status_code}"
    return response.text


def refused(client: TestClient, path: str) -> str:
    """Return the 403 page of a form posted without a token."""
    response = client.post(path, data={})
    assert response.status_code == 403, f"POST {path} without a token: {response.status_code}"
    return response.text
