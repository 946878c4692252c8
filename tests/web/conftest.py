"""Pages over the demo dataset: an in-process client, users of each role, and a sign-in helper."""

from __future__ import annotations

import csv
import datetime as dt
import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import uvicorn
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from chainatlas.app import create_app
from chainatlas.cli.registry import demo_dir
from chainatlas.config import load_settings
from chainatlas.domain.user import Role
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.imports import run_import
from chainatlas.services.users import add_user
from chainatlas.store.engine import make_engine

CTX = WriteContext(actor="setup", via=Via.CLI, at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
PASSWORD = "s3cret-password"
USERS = (("ana", Role.ANALYST, False), ("vic", Role.VIEWER, False), ("boss", Role.ADMIN, True))
"""(username, role, must change password) of the test users, added on first sign-in; all share PASSWORD."""
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def seed_demo(db_url: str) -> None:
    """Load the shipped demo dataset into a database."""
    seed_files(db_url, demo_dir())


def seed_files(db_url: str, folder: Path) -> None:
    """Import a folder of interchange files into a database (they must import without a problem)."""
    engine = make_engine(db_url)
    with Session(engine) as session:
        assert run_import(session, [folder], CTX).ok
        session.commit()
    engine.dispose()


@contextmanager
def pages_over(db_url: str, var_dir: Path) -> Iterator[Pages]:
    """Serve the app over a database in-process and yield a page client of it."""
    app = create_app(load_settings({}, database_url=db_url), var_dir=var_dir)
    with TestClient(app) as client:
        yield Pages(client, app.state.engine)
    app.state.engine.dispose()


def add_test_user(engine: Engine, username: str) -> None:
    """Add one of the USERS to a database."""
    role, must_change = next((role, must) for name, role, must in USERS if name == username)
    with Session(engine) as session:
        add_user(session, CTX, username=username, role=role, password=PASSWORD, must_change_password=must_change)
        session.commit()


def demo_rows(kind: str) -> list[dict[str, str]]:
    """Return the demo CSV rows of a kind, read with the csv module (an oracle independent of the app)."""
    with (demo_dir() / f"{kind}.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@dataclass
class Pages:
    """An in-process browser of the pages: a client that keeps cookies, and helpers."""

    client: TestClient
    engine: Engine
    users: set[str] = field(default_factory=set)

    def ensure_user(self, username: str) -> None:
        """Add one of the USERS on first use (hashing passwords takes time, so only when a test needs it)."""
        if username in self.users:
            return
        add_test_user(self.engine, username)
        self.users.add(username)

    def csrf(self, path: str = "/login") -> str:
        """Return the CSRF token a page's forms carry."""
        match = CSRF.search(self.client.get(path).text)
        assert match, f"no CSRF token on {path}"
        return match.group(1)

    def login(self, username: str, password: str = PASSWORD, next_page: str = "/") -> str:
        """Sign in through the form (adding the user first if need be); return where the app sends them next."""
        self.ensure_user(username)
        data = {"username": username, "password": password, "csrf_token": self.csrf(), "next": next_page}
        response = self.client.post("/login", data=data, follow_redirects=False)
        assert response.status_code == 303, response.text
        return response.headers["location"]


@pytest.fixture
def pages(db_url: str, tmp_path: Path) -> Iterator[Pages]:
    """Return a page client over a fresh database holding the demo dataset (users come with `login`)."""
    seed_demo(db_url)
    with pages_over(db_url, tmp_path / "var") as pages:
        yield pages


@pytest.fixture
def server(db_url: str, tmp_path: Path) -> Iterator[str]:
    """Serve the app over the demo data (and an analyst, ana) with uvicorn on a free port; return its URL."""
    seed_demo(db_url)
    app = create_app(load_settings({}, database_url=db_url), var_dir=tmp_path / "var")
    add_test_user(app.state.engine, "ana")
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    running = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=running.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert running.started, "the server did not start"
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)
    listener.close()
    app.state.engine.dispose()
