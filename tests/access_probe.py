"""Call every route of the app as every role and say whether it was let through (the access-matrix test's probe).

The policy table lives in docs/security.md ("Access policy"): one row per method and route, one column per
role, `yes` (allowed), `no` (refused) or `own` (allowed for the user's own enterprise's record, refused for
another's). A call is *refused* when it answers 401 or 403, or (a page) sends the visitor to sign in; any
other answer (200, 201, 204, 303 elsewhere, 400, 404, 409, 422 …) means the policy let it through.

A new route needs its row in that table; a new path parameter a value in PARAMS; a write whose body the
framework validates before the access check (a Pydantic model, a form field without a default) a valid
body in API_BODIES or PAGE_FORMS, or a signed-in role without the right would answer 422 and count as let
through.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from tests.api.kind_bodies import KEY_PATH, NEW, SECOND
from tests.factories import write_basic

from chainatlas.domain.kinds import KINDS
from chainatlas.domain.user import Role
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.imports import run_import
from chainatlas.services.records import create_record
from chainatlas.services.users import add_user, create_token
from chainatlas.store.engine import make_engine

ROOT = Path(__file__).resolve().parents[1]
ROLES = ("anonymous", "viewer", "participant", "member", "analyst", "admin")
USERS = {
    "viewer": (Role.VIEWER, None),
    "participant": (Role.PARTICIPANT, "E3"),
    "member": (Role.MEMBER, "E3"),
    "analyst": (Role.ANALYST, None),
    "admin": (Role.ADMIN, None),
}
"""The signed-in roles' users (named after their role); E3 is the enterprise registered at fair F9 as FP9."""
PASSWORD = "s3cret-password"
CTX = WriteContext(actor="setup", via=Via.CLI, at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
WRITES = {"POST", "PUT", "PATCH", "DELETE"}
ROW = re.compile(r"^\| (?P<method>[A-Z]+) \| `(?P<path>[^`]+)` \|(?P<cells>[^\n]+)\|$", re.MULTILINE)

# A small registry: the basic three files plus one record of every kind (tests/api/test_every_kind.py: a fair
# F9 where E3 exhibits as FP9 and the buyer FP8 has no enterprise), so every path parameter names a record that
# exists and an allowed call is never mistaken for a refused one.
PARAMS = {
    "enterprise_id": "E1",
    "code": "U.HYD",
    "node_id": "E1",
    "project_id": "P9",
    "alert_id": "999999",
    "fair_id": "F9",
    "participant_id": "FP9",
    "role": "suppliers",
    "username": "nobody",
    "token_id": "999999",
    "kind": "enterprises",
    "change_id": "999999",
    "batch_id": "999999",
    "article_id": "999999",
    "proposal_id": "999999",
    "job_id": "b999999",
    "series": "monthly",
    "period": "2025-12",
    "section": "headline",
    "lang": "zh",
    "audience": "viewer",
    "fmt": "html",
}
OTHERS = {"participant_id": "FP8"}
"""Path parameters naming someone else's record, for the `own` cells."""
PATH_PARAMS = {"/lang/{code}": {"code": "en"}}


@dataclass(frozen=True)
class Call:
    """One cell of the matrix: a route, a role, and (for `own` cells) whose record it names."""

    method: str
    path: str
    role: str
    own: bool = True


def app_routes(app: FastAPI) -> set[tuple[str, str]]:
    """Return every (method, path) the app serves (HEAD, which Starlette adds to every GET, left out)."""
    found = set()
    for context in iter_route_contexts(app.routes):
        for method in context.methods or ():
            if method != "HEAD" and context.path is not None:
                found.add((method, context.path))
    return found


def documented_policy(text: str) -> dict[tuple[str, str], dict[str, str]]:
    """Return the policy table of docs/security.md: (method, path) → role → yes/no/own."""
    section = text.split("## Access policy", 1)[1].split("\n## ", 1)[0]
    table: dict[tuple[str, str], dict[str, str]] = {}
    for row in ROW.finditer(section):
        cells = [cell.strip() for cell in row["cells"].split("|")]
        assert len(cells) == len(ROLES), f"row {row['method']} {row['path']} has {len(cells)} role cells"
        assert set(cells) <= {"yes", "no", "own"}, f"row {row['method']} {row['path']}: {cells}"
        key = (row["method"], row["path"])
        assert key not in table, f"row {key} is in the table twice"
        table[key] = dict(zip(ROLES, cells, strict=True))
    return table


def seed(db_url: str, folder: Path) -> dict[str, str]:
    """Fill a database with the small registry and one user per role; return each user's API token."""
    engine = make_engine(db_url)
    tokens = {}
    with Session(engine) as session:
        assert run_import(session, [write_basic(folder)], CTX).ok
        for spec in KINDS:
            create_record(session, CTX, kind=spec.name, data=NEW[spec.name][0])
            if spec.name in SECOND:
                create_record(session, CTX, kind=spec.name, data=SECOND[spec.name][1])
        for name, (role, firm) in USERS.items():
            add_user(session, CTX, username=name, role=role, password=PASSWORD, enterprise_id=firm)
            tokens[name] = create_token(
                session, replace(CTX, at=dt.datetime.now(dt.UTC)), username=name, name="matrix"
            )  # tokens expire: stamped now
        session.commit()
    engine.dispose()
    return tokens


def concrete_path(path: str, *, own: bool) -> str:
    """Return a route's path with every parameter filled from the small registry."""
    kind = path.removeprefix("/api/v1/").split("/", 1)[0]
    values = {**PARAMS, **({} if own else OTHERS), **PATH_PARAMS.get(path, {})}
    values["key"] = KEY_PATH.get(kind, "")

    def fill(match: re.Match[str]) -> str:
        assert match.group(1) in values, (
            f"{path}: add a value for {{{match.group(1)}}} to PARAMS in tests/access_probe.py"
        )
        return values[match.group(1)]

    return re.sub(r"\{(\w+)(?::\w+)?\}", fill, path)


@dataclass
class Probe:
    """Clients for every role: bearer tokens for the API, signed-in cookie sessions for pages."""

    app: FastAPI
    tokens: dict[str, str]
    pages: dict[str, TestClient]
    csrf: dict[str, str]
    api: TestClient

    def refused(self, call: Call) -> bool:
        """Make the call and return whether the app refused it (pages: redirects followed, sign-in counts)."""
        response = self._send(call)
        first = response.history[0] if response.history else response
        if first.status_code in (302, 303, 307) and first.headers["location"].startswith("/login?"):
            return True
        return response.status_code in (401, 403)

    def _send(self, call: Call) -> Any:
        path = concrete_path(call.path, own=call.own)
        if (call.method, call.path) in COOKIE_API:
            return self._send_with_cookie(call, path)
        if call.path.startswith("/api/") or call.path == "/healthz":
            headers = {"Authorization": f"Bearer {self.tokens[call.role]}"} if call.role in self.tokens else {}
            try:
                return self.api.request(call.method, path, headers=headers, follow_redirects=False, **api_body(call))
            finally:
                self.api.cookies.clear()  # a sign-in through the API sets a cookie: the next call starts afresh
        if (call.method, call.path, call.role) == ("POST", "/login", "anonymous"):
            with self.fresh_client(call.role) as client:  # signed in afterwards: not the anonymous client
                return client.post(path, follow_redirects=True, **page_form(call, self.csrf_of(client)))
        client = self.pages[call.role]  # a signed-in role signs in again as itself; sign-out comes last
        if call.method == "GET":
            return client.get(path, follow_redirects=True)
        response = client.request(call.method, path, follow_redirects=True, **page_form(call, self.csrf[call.role]))
        if call.path == "/login":  # a new session, with a new CSRF token
            self.csrf[call.role] = self.csrf_of(client)
        return response

    def _send_with_cookie(self, call: Call, path: str) -> Any:
        """Call an API route that only a cookie session may use, as the role's signed-in browser would."""
        client = self.pages[call.role]
        headers = {"X-CSRF-Token": self.csrf[call.role]} if call.role != "anonymous" else {}
        return client.request(call.method, path, headers=headers, follow_redirects=False, **api_body(call))

    def csrf_of(self, client: TestClient) -> str:
        """Return the CSRF token of a client's session."""
        match = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)
        assert match, "no CSRF token on /login"
        return match.group(1)

    def fresh_client(self, role: str) -> TestClient:
        """Return a new page client, signed in as the role's user (anonymous: not signed in)."""
        client = TestClient(self.app)
        if role != "anonymous":
            form = {"username": role, "password": PASSWORD, "csrf_token": self.csrf_of(client), "next": "/"}
            assert client.post("/login", data=form, follow_redirects=False).status_code == 303
        return client


def open_probe(app: FastAPI, tokens: dict[str, str]) -> Iterator[Probe]:
    """Sign every role in once; yield the probe; close the clients."""
    probe = Probe(app, tokens, {}, {}, TestClient(app))
    for role in ROLES:
        probe.pages[role] = probe.fresh_client(role)
        probe.csrf[role] = probe.csrf_of(probe.pages[role])
    yield probe
    for client in (*probe.pages.values(), probe.api):
        client.close()


COOKIE_API = {("POST", "/api/v1/tokens")}
"""API routes that refuse bearer tokens (a token cannot mint tokens): called with the browser's cookie session."""
EMPTY_CSV = "id,name_zh,country,source\n"
API_BODIES: dict[tuple[str, str], dict[str, Any]] = {
    ("POST", "/api/v1/session"): {"json": {"username": "viewer", "password": PASSWORD}},
    ("POST", "/api/v1/tokens"): {"json": {"name": "probe", "days": 1}},
    ("POST", "/api/v1/chain/scenarios"): {"json": {"changes": [{"action": "attract", "firm": "E2"}]}},
    ("POST", "/api/v1/imports"): {"files": {"files": ("enterprises.csv", EMPTY_CSV.encode(), "text/csv")}},
    ("POST", "/api/v1/alerts/evaluate"): {"json": {"as_of": "2026-01-01"}},
    ("POST", "/api/v1/resilience/what-if"): {"json": {"firms": ["E2"]}},
    ("POST", "/api/v1/fairs/{fair_id}/schedule"): {"json": {"time_limit": 1}},
    ("POST", "/api/v1/articles/feeds"): {"json": {"url": "http://feeds.example/probe.xml"}},
    ("POST", "/api/v1/articles/proposals/{proposal_id}/accept"): {"json": {"as": "enterprise", "id": "X9"}},
    ("POST", "/api/v1/articles/proposals/{proposal_id}/merge"): {"json": {"target": "enterprises/E1"}},
    ("POST", "/api/v1/reports/briefing"): {
        "json": {"as_of": "2025-12-31", "formats": ["html"], "sections": ["alerts"]}
    },
    ("PUT", "/api/v1/reports/briefing/{series}/{period}/editorials/{section}"): {"json": {"text": "probe"}},
}


def api_body(call: Call) -> dict[str, Any]:
    """Return a valid body for an API write: a registry create repeats the seeded record (allowed: 409), an
    update changes nothing (allowed: 200)."""
    if (call.method, call.path) in API_BODIES:
        return API_BODIES[(call.method, call.path)]
    kind = call.path.removeprefix("/api/v1/").split("/", 1)[0]
    if call.method == "POST" and kind in NEW:
        return {"json": NEW[kind][0]}
    return {"json": {}} if call.method == "PATCH" else {}


PAGE_FORMS: dict[tuple[str, str], dict[str, Any]] = {
    ("POST", "/login"): {"username": "viewer", "password": PASSWORD, "next": "/"},
    ("POST", "/chain/scenarios"): {"attract_firm": "E2"},
    ("POST", "/account/password"): {
        "current_password": "wrong-password-1",
        "new_password": "x",
        "confirm_password": "y",
    },
    ("POST", "/alerts/evaluate"): {"as_of": "2026-01-01"},
    ("POST", "/fairs/{fair_id}/schedule"): {"time_limit": "0.5"},
    ("POST", "/fairs/{fair_id}/attendance"): {"exhibitor_id": "FP9", "buyer_id": "FP8", "outcome": "held"},
    ("POST", "/news/review/{proposal_id}/accept"): {"as_kind": "enterprise", "record_id": "X9"},
    ("POST", "/news/review/{proposal_id}/merge"): {"target_kind": "enterprises", "target_id": "E1"},
    ("POST", "/reports/briefing"): {"as_of": "2025-12-31", "formats": "html", "sections": "alerts"},
    ("POST", "/reports/briefing/note"): {"period": "2025-12", "section": "headline", "text": "probe"},
    ("POST", "/reports/briefing/issue"): {"period": "2025-12"},
}
UPLOADS = {("POST", "/import"), ("POST", "/fairs/import")}


def page_form(call: Call, csrf: str) -> dict[str, Any]:
    """Return a valid form (with the session's CSRF token) for a page post."""
    form = {**PAGE_FORMS.get((call.method, call.path), {}), "csrf_token": csrf}
    if call.path == "/login" and call.role != "anonymous":
        form["username"] = call.role
    if (call.method, call.path) in UPLOADS:
        return {
            "data": {**form, "dry_run": "true"},
            "files": {"files": ("enterprises.csv", EMPTY_CSV.encode(), "text/csv")},
        }
    return {"data": form}
