"""Access-log entries written beside a unit of work: never blocked by it, never lost with it."""

from __future__ import annotations

import datetime as dt
import time

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from chainatlas.services.access_log import log_apart, set_origin
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.records import create_record
from chainatlas.store.access_log import AccessFilter, AccessLogRepository

CTX = WriteContext(actor="t", via=Via.CLI, at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
NODE = {"code": "X", "name_zh": "新", "segment": "support", "source": "synthetic"}


def logged(engine: Engine) -> list[str]:
    with Session(engine) as session:
        return [e.username for e in reversed(AccessLogRepository(session).entries(AccessFilter()))]


def test_an_entry_outlives_a_rolled_back_unit_of_work(engine: Engine) -> None:
    with Session(engine) as session:
        set_origin(session, address="192.0.2.1", via="api", at=CTX.at)
        log_apart(session, username="a", user=None, event="sign_in_failed", detail={})
        session.rollback()
    assert logged(engine) == ["a"]


def test_an_entry_after_a_write_neither_waits_for_the_write_lock_nor_is_lost(engine: Engine) -> None:
    with Session(engine) as session:
        set_origin(session, address="192.0.2.1", via="web", at=CTX.at)
        create_record(session, CTX, kind="chain_nodes", data=NODE)
        started = time.perf_counter()
        log_apart(session, username="b", user=None, event="sign_in", detail={})
        assert time.perf_counter() - started < 5  # SQLite's busy timeout is 30 s
        session.commit()
    assert logged(engine) == ["b"]
