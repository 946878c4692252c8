"""The server's alert scheduler: two app instances on one database evaluate once when they start, an import
committed in the process wakes the scheduler, the alerts page says when the rules ran and run next, and
stopping the app leaves no thread behind."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from zoneinfo import ZoneInfo

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from tests.analytics.projects_cases import write_monitoring
from tests.web.conftest import CTX, Pages, seed_demo

from chainatlas.app import create_app
from chainatlas.config import load_settings
from chainatlas.services.imports import run_import
from chainatlas.store.engine import make_engine
from chainatlas.store.history import HistoryRepository

SCHEDULER_THREAD = "alert-scheduler"


def scheduled_app(db_url: str, folder: Path, *, poll: float = 0.1) -> FastAPI:
    settings = load_settings({"CHAINATLAS_ALERTS_AT": "07:30"}, database_url=db_url, alerts_poll_seconds=poll)
    return create_app(settings, var_dir=folder)


def evaluation_count(db_url: str) -> int:
    engine = make_engine(db_url)
    with Session(engine) as session:
        found = sum("alerts" in b.counts for b in HistoryRepository(session).batches())
    engine.dispose()
    return found


def wait_for(condition: Callable[[], bool], seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def scheduler_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == SCHEDULER_THREAD and t.is_alive()]


def test_two_instances_on_one_database_evaluate_once_and_stop_cleanly(db_url: str, tmp_path: Path) -> None:
    engine = make_engine(db_url)
    with Session(engine) as session:
        assert run_import(session, [write_monitoring(tmp_path / "monitoring")], CTX).ok
        session.commit()
    engine.dispose()
    apps = [scheduled_app(db_url, tmp_path / f"var{n}") for n in (1, 2)]
    with ExitStack() as stack:
        for app in apps:
            stack.enter_context(TestClient(app))
        assert len(scheduler_threads()) == 2
        assert wait_for(lambda: evaluation_count(db_url) >= 1)
        time.sleep(1.0)  # ten more looks by each: nothing more is due
        assert evaluation_count(db_url) == 1
        assert sum(len(app.state.alert_scheduler.runs) for app in apps) == 1
    assert scheduler_threads() == []
    for app in apps:
        app.state.engine.dispose()


def test_an_import_committed_in_the_process_wakes_the_scheduler(db_url: str, tmp_path: Path) -> None:
    app = scheduled_app(db_url, tmp_path / "var", poll=600)  # only the start and the import make it look
    with TestClient(app):
        assert wait_for(lambda: evaluation_count(db_url) == 1)
        with Session(app.state.engine) as session:
            assert run_import(session, [write_monitoring(tmp_path / "monitoring")], CTX).ok
            time.sleep(0.5)
            assert evaluation_count(db_url) == 1  # not before the import commits
            session.commit()
        assert wait_for(lambda: evaluation_count(db_url) == 2, 10)
    app.state.engine.dispose()


def shanghai_day(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def test_the_alerts_page_says_when_the_rules_ran_and_run_next(db_url: str, tmp_path: Path) -> None:
    seed_demo(db_url)
    app = scheduled_app(db_url, tmp_path / "var")
    with TestClient(app) as client:
        pages = Pages(client, app.state.engine)
        pages.login("vic")
        assert wait_for(lambda: evaluation_count(db_url) == 1)
        html = client.get("/alerts").text
        now = dt.datetime.now(ZoneInfo("Asia/Shanghai"))
        after = now.date() + dt.timedelta(days=1) if now.time() >= dt.time(7, 30) else now.date()
        assert "定时评估：每天 07:30（Asia/Shanghai）" in html
        assert f"（截至 {shanghai_day(now.date())}）" in html
        assert f"下次：{shanghai_day(after)} 07:30" in html
        assert "（最近一次评估：定时任务" in html
        assert "alert.target" not in html and "milestone_late:" not in html
        client.cookies.set("lang", "en")
        english = client.get("/alerts").text
        assert "Scheduled evaluation: every day at 07:30 (Asia/Shanghai)." in english
        assert f"(as of {now.date().isoformat()})" in english and "定时" not in english
    app.state.engine.dispose()


def test_the_page_says_when_the_schedule_is_off(db_url: str, tmp_path: Path) -> None:
    app = create_app(load_settings({"CHAINATLAS_ALERTS_AT": "off"}, database_url=db_url), var_dir=tmp_path / "var")
    with TestClient(app) as client:
        assert scheduler_threads() == []
        Pages(client, app.state.engine).login("vic")
        assert "定时评估已关闭" in client.get("/alerts").text
    app.state.engine.dispose()
