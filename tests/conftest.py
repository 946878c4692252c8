"""Shared fixtures: a fresh, migrated database per test, on SQLite or on PostgreSQL.

By default every database test runs on a new SQLite file. With CHAINATLAS_TEST_DATABASE_URL set
(`make test` does so in its second pass, with `-m db`), the same tests run on that PostgreSQL
server, each in a schema of its own.

Service tests may instead share one migrated database per module (`module_engine`, which a module seeds by
overriding it) and run each test in a transaction that is rolled back (`rollback_session`).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from chainatlas import config
from chainatlas.cli.main import app
from chainatlas.store.engine import make_engine
from chainatlas.store.migrate import upgrade

HELPER_MODULES = sorted(
    ".".join(path.relative_to(Path(__file__).parents[1]).with_suffix("").parts)
    for path in Path(__file__).parent.rglob("*.py")
    if not path.name.startswith(("test_", "conftest"))
)
"""The helper modules (tests/**/*.py that hold no test): pytest rewrites their asserts too, for its messages."""
pytest.register_assert_rewrite(*HELPER_MODULES)

# The server's alert scheduler stays off in tests (it would evaluate as every test app starts); the tests of the
# scheduler turn it on with CHAINATLAS_ALERTS_AT.
config.DEFAULT_ALERTS_AT = "off"
config.DEFAULT_FEEDS_POLL_SECONDS = "off"  # likewise the feed scheduler: its tests start one of their own
os.environ.setdefault("CHAINATLAS_ALERTS_AT", "off")
# Likewise the background refresh of analyses after a write (a test that reads right after writing would otherwise
# meet the previous version's results, marked stale); its tests turn it on.
config.DEFAULT_BACKGROUND_REFRESH = "off"
os.environ.setdefault("CHAINATLAS_BACKGROUND_REFRESH", "off")

DB_FIXTURES = {"db_url", "engine", "session", "cli", "api", "module_engine", "rollback_session"}
TEST_DB_ENV = "CHAINATLAS_TEST_DATABASE_URL"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that uses a database fixture with `db`, so the PostgreSQL pass picks it up."""
    for item in items:
        if DB_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.db)


CHECKOUT_TAG = hashlib.sha256(str(Path(__file__).resolve().parent).encode()).hexdigest()[:6]


def _postgres_url(base: str, name: str) -> str:
    """Schema per test and per checkout, so two checkouts can run the suite on one server at once."""
    schema = f"t{CHECKOUT_TAG}_" + re.sub(r"[^a-z0-9]", "_", name.lower())[-50:]
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    admin.dispose()
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}options=-csearch_path%3D{schema}"


@pytest.fixture
def db_url(tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """Return the URL of a fresh database at the newest schema revision."""
    base = os.environ.get(TEST_DB_ENV)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw")
    url = _postgres_url(base, f"{worker}_{request.node.name}") if base else f"sqlite:///{tmp_path / 'test.db'}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    return url


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """Return an engine on the test database."""
    made = make_engine(db_url)
    yield made
    made.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """Return a session on the test database; the test commits what it wants kept."""
    with Session(engine) as opened:
        yield opened


def rollback_engine(url: str) -> Engine:
    """Return an engine whose transactions may hold SAVEPOINTs, on SQLite too.

    The sqlite3 driver begins a transaction only before a write and none at all for a SAVEPOINT, so a
    RELEASE could commit what the test wrote; here SQLAlchemy's BEGIN is sent as such (its documented recipe).
    """
    engine = make_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _driver_leaves_transactions_alone)
        event.listen(engine, "begin", _begin)
    return engine


def _driver_leaves_transactions_alone(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None


def _begin(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN")


VERSION_STRIDE = 1_000_000
"""How far every concern's version moves on, for good, before each rolled-back test (see `rolled_back`)."""


@contextmanager
def rolled_back(engine: Engine) -> Iterator[Session]:
    """Yield a session inside a transaction that is rolled back at the end, whatever the session committed.

    First every concern's version moves on by VERSION_STRIDE: a rollback takes the versions back, so without
    that, caches keyed on (database, version) would hand one test a result computed in another.
    """
    with engine.begin() as connection:
        connection.execute(text("UPDATE registry_state SET version = version + :stride"), {"stride": VERSION_STRIDE})
    with engine.connect() as connection:
        outer = connection.begin()
        with Session(bind=connection, join_transaction_mode="create_savepoint") as session:
            yield session
        outer.rollback()


@pytest.fixture(scope="module")
def module_engine(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """Return an engine on a fresh migrated database shared by one test module (seed it by overriding this)."""
    base = os.environ.get(TEST_DB_ENV)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw")
    if base:
        url = _postgres_url(base, f"{worker}_m_{request.module.__name__}")
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('module_db') / 'test.db'}"
    migrated = make_engine(url)
    upgrade(migrated)
    migrated.dispose()
    made = rollback_engine(url)
    yield made
    made.dispose()


@pytest.fixture
def rollback_session(module_engine: Engine) -> Iterator[Session]:
    """Return a session on the module's database whose writes, committed or not, are undone after the test."""
    with rolled_back(module_engine) as opened:
        yield opened


class Cli:
    """Run `chainatlas` in-process against the test database."""

    def __init__(self, db_url: str, workdir: Path) -> None:
        self.db_url = db_url
        self.workdir = workdir
        self.runner = CliRunner()

    def __call__(self, *args: str, user: str | None = None, lang: str = "en_US.UTF-8") -> tuple[int, str, str]:
        """Return (exit code, stdout, stderr) of one command, as `--as-user USER` (an existing user) if given,
        else as the login name, in the locale `lang` (English unless a test asks for another)."""
        named = ["--as-user", user] if user else []
        # a CHAINATLAS_USER or a locale of the shell running the tests must not leak in
        env = {"CHAINATLAS_USER": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": lang}
        result = self.runner.invoke(app, ["--db", self.db_url, *named, *args], env=env, catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def cli(db_url: str, tmp_path: Path) -> Cli:
    """Return a runner for CLI commands on the test database."""
    return Cli(db_url, tmp_path)
