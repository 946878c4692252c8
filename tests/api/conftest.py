"""An in-process API client over a small hand-made registry, with users of each role and their tokens."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from tests.factories import write_basic

from chainatlas.app import create_app
from chainatlas.config import load_settings
from chainatlas.domain.user import Role
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.imports import run_import
from chainatlas.services.users import add_user, create_token
from chainatlas.store.engine import make_engine

CTX = WriteContext(actor="setup", via=Via.CLI, at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
PASSWORD = "s3cret-password"


def now_context() -> WriteContext:
    """Return a setup write context stamped now."""
    return WriteContext(actor="setup", via=Via.CLI, at=dt.datetime.now(dt.UTC))


@dataclass
class Api:
    """A client plus bearer headers per role."""

    client: TestClient
    headers: dict[str, dict[str, str]]


def _seed(db_url: str, folder: Path) -> dict[str, str]:
    engine = make_engine(db_url)
    tokens = {}
    with Session(engine) as session:
        assert run_import(session, [write_basic(folder)], CTX).ok
        for name, role, firm in (("ana", Role.ANALYST, None), ("vic", Role.VIEWER, None), ("mem", Role.MEMBER, "E3")):
            add_user(session, CTX, username=name, role=role, password=PASSWORD, enterprise_id=firm)
            # stamped now: a token expires 90 days after it was made, and CTX lies in the past
            tokens[name] = create_token(session, now_context(), username=name, name="test")
        session.commit()
    engine.dispose()
    return tokens


@pytest.fixture
def api(db_url: str, tmp_path: Path) -> Iterator[Api]:
    """Return an API client on a fresh database holding the basic registry and users ana, vic and mem."""
    tokens = _seed(db_url, tmp_path / "seed")
    app = create_app(load_settings({}, database_url=db_url), var_dir=tmp_path / "var")
    with TestClient(app, headers={"Accept-Language": "en"}) as client:  # English answers; tests of Chinese ask
        yield Api(client, {name: {"Authorization": f"Bearer {token}"} for name, token in tokens.items()})
    app.state.engine.dispose()
