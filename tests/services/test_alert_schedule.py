"""Alerts on a schedule: the lease lets one of several schedulers evaluate, the daily time and an import make an
evaluation due, and an evaluation never moves the registry version that analysis caches key on."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from tests.analytics.projects_cases import write_monitoring
from tests.api.conftest import CTX

from chainatlas.domain.as_of import ClusterClock
from chainatlas.services.alert_schedule import claim
from chainatlas.services.cache import PUBLIC_CACHE
from chainatlas.services.imports import run_import
from chainatlas.store.history import Concern, HistoryRepository, concern_versions
from chainatlas.web.alert_scheduler import AlertScheduler, ScheduleSettings

SHANGHAI = ZoneInfo("Asia/Shanghai")
# 2025-04-15 08:00 in Shanghai is 00:00 UTC: after that day's 07:30 (23:30 UTC on the 14th).
MORNING = dt.datetime(2025, 4, 15, 0, 0, tzinfo=dt.UTC)


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, now: dt.datetime) -> None:
        self.instant = now

    def now(self) -> dt.datetime:
        return self.instant


def seeded(engine: Engine, folder: Path) -> None:
    with Session(engine) as session:
        assert run_import(session, [write_monitoring(folder)], CTX).ok
        session.commit()


def evaluations(engine: Engine) -> list[dict[str, object]]:
    with Session(engine) as session:
        return [b.counts["alerts"] for b in HistoryRepository(session).batches() if "alerts" in b.counts]


def scheduler(engine: Engine, clock: FakeClock, at: dt.time = dt.time(7, 30)) -> AlertScheduler:
    return AlertScheduler(engine, ScheduleSettings(at, ClusterClock(zone=SHANGHAI, now=clock.now), poll_seconds=60))


def test_two_schedulers_that_find_an_evaluation_due_at_once_evaluate_once(engine: Engine, tmp_path: Path) -> None:
    seeded(engine, tmp_path / "monitoring")
    clock = FakeClock(MORNING)
    first, second = scheduler(engine, clock), scheduler(engine, clock)
    together = threading.Barrier(2)
    done: list[object] = []

    def look(which: AlertScheduler) -> None:
        together.wait()
        done.append(which.run_if_due(starting=True))

    threads = [threading.Thread(target=look, args=(s,)) for s in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(done) == 2 and sum(result is not None for result in done) == 1
    assert len(evaluations(engine)) == 1
    # Neither finds another one due: the run is recorded, the lease given back.
    assert (first.run_if_due(starting=True), second.run_if_due(starting=True)) == (None, None)
    assert len(evaluations(engine)) == 1


def test_the_daily_time_and_an_import_make_an_evaluation_due(engine: Engine, tmp_path: Path) -> None:
    seeded(engine, tmp_path / "monitoring")
    clock = FakeClock(MORNING)
    one = scheduler(engine, clock)
    assert one.run_if_due(starting=True) is not None  # never evaluated: at start
    # The evaluation is as of the cluster's date: 2025-04-15 in Shanghai (still the 14th in UTC before 00:00).
    assert evaluations(engine)[0]["as_of"] == "2025-04-15"
    clock.instant = dt.datetime(2025, 4, 15, 23, 29, tzinfo=dt.UTC)  # 07:29 on the 16th in Shanghai
    assert one.run_if_due() is None
    clock.instant = dt.datetime(2025, 4, 15, 23, 30, tzinfo=dt.UTC)  # 07:30 on the 16th
    assert one.run_if_due() is not None
    assert one.run_if_due() is None
    assert [e["as_of"] for e in evaluations(engine)] == ["2025-04-16", "2025-04-15"]


def test_an_import_that_writes_makes_an_evaluation_due(engine: Engine, tmp_path: Path) -> None:
    clock = FakeClock(MORNING)
    one = scheduler(engine, clock)
    assert one.run_if_due(starting=True) is not None
    assert one.run_if_due() is None
    seeded(engine, tmp_path / "monitoring")  # a registry write: the rules run again
    assert one.run_if_due() is not None
    assert one.run_if_due() is None
    assert len(evaluations(engine)) == 2


def test_a_scheduled_evaluation_never_empties_the_analysis_caches(engine: Engine, tmp_path: Path) -> None:
    seeded(engine, tmp_path / "monitoring")
    with Session(engine) as session:
        before = concern_versions(session)
        assert PUBLIC_CACHE.get(session, ("schedule-test",), lambda: "kept") == "kept"
    assert scheduler(engine, FakeClock(MORNING)).run_if_due(starting=True) is not None
    with Session(engine) as session:
        after = concern_versions(session)
        assert PUBLIC_CACHE.get(session, ("schedule-test",), lambda: "computed again") == "kept"
    assert after[Concern.REGISTRY] == before[Concern.REGISTRY]
    assert after[Concern.ALERTS] > before[Concern.ALERTS]


def test_a_lease_left_by_a_process_that_died_is_taken_over_after_ten_minutes(engine: Engine, tmp_path: Path) -> None:
    seeded(engine, tmp_path / "monitoring")
    with Session(engine) as session:
        assert claim(session, "died", now=MORNING, zone=SHANGHAI, at=dt.time(7, 30), starting=True)
        session.commit()
    clock = FakeClock(MORNING + dt.timedelta(minutes=9, seconds=59))
    other = scheduler(engine, clock)
    assert other.run_if_due(starting=True) is None  # still held
    clock.instant = MORNING + dt.timedelta(minutes=10, seconds=1)
    assert other.run_if_due(starting=True) is not None
    assert len(evaluations(engine)) == 1


def test_a_failed_evaluation_gives_the_lease_back(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeded(engine, tmp_path / "monitoring")
    clock = FakeClock(MORNING)
    one, other = scheduler(engine, clock), scheduler(engine, clock)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("the rules broke")

    monkeypatch.setattr("chainatlas.services.alert_schedule.evaluate_alerts", broken)
    with pytest.raises(RuntimeError):
        one.run_if_due(starting=True)
    monkeypatch.undo()
    assert other.run_if_due(starting=True) is not None  # the lease is free again, nothing was recorded
    assert len(evaluations(engine)) == 1
