"""Stored alerts on a real database (SQLite, then PostgreSQL): raised once and only once, cleared,
reopened, acknowledged with a change record, and never duplicated by concurrent evaluations."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from tests.analytics.projects_cases import AS_OF_A, AS_OF_B, KEYS_A, KEYS_B

from chainatlas.domain.user import Role, User
from chainatlas.services.alerts import acknowledge_alert, evaluate_alerts, list_alerts
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.errors import Conflict, NotAllowed
from chainatlas.services.records import create_record
from chainatlas.services.scorecard import scorecard
from chainatlas.store.history import HistoryRepository
from chainatlas.store.rows import AlertRow

ANA = User(id=1, username="ana", role=Role.ANALYST)
VIC = User(id=2, username="vic", role=Role.VIEWER)
CTX = WriteContext(actor="ana", via=Via.CLI, at=dt.datetime(2026, 1, 20, 9, tzinfo=dt.UTC))


def evaluate(engine: Engine, as_of: dt.date) -> dict[str, list[str]]:
    with Session(engine) as session:
        done = evaluate_alerts(session, ANA, CTX, as_of=as_of)
        session.commit()
    return {"raised": done.raised, "refreshed": done.refreshed, "reopened": done.reopened, "cleared": done.cleared}


def alert_changes(engine: Engine) -> list[tuple[str, str, str | None, str | None]]:
    with Session(engine) as session:
        changes = HistoryRepository(session).changes(kind="alerts", limit=1000)
    return [
        (c.record_key.split(":", 1)[1], c.action, (c.before or {}).get("state"), (c.after or {}).get("state"))
        for c in reversed(changes)
    ]


def row_count(engine: Engine) -> int:
    with Session(engine) as session:
        return int(session.scalar(select(func.count()).select_from(AlertRow)) or 0)


def test_rules_fire_once_and_only_once(seeded: Engine) -> None:
    assert evaluate(seeded, AS_OF_A) == {"raised": KEYS_A, "refreshed": [], "reopened": [], "cleared": []}
    assert evaluate(seeded, AS_OF_A) == {"raised": [], "refreshed": KEYS_A, "reopened": [], "cleared": []}
    assert row_count(seeded) == len(KEYS_A) == 3
    assert alert_changes(seeded) == [(key, "create", None, "open") for key in KEYS_A]  # refreshes are not recorded
    with Session(seeded) as session:
        second, first = HistoryRepository(session).batches(limit=2)  # each evaluation is a batch, newest first
        created = {c.batch_id for c in HistoryRepository(session).changes(kind="alerts") if c.action == "create"}
    assert first.counts["alerts"] == {"as_of": "2025-04-15", "raised": 3, "refreshed": 0, "reopened": 0, "cleared": 0}
    assert second.counts["alerts"]["refreshed"] == 3 and (first.actor, first.via) == ("ana", "cli")
    assert created == {first.id}


def test_cleared_then_reappearing_reopens_the_same_alert(seeded: Engine) -> None:
    evaluate(seeded, AS_OF_A)
    with Session(seeded) as session:
        late = next(a for a in list_alerts(session, ANA) if a.rule.value == "milestone_late")
        acknowledge_alert(session, ANA, CTX, alert_id=late.id)
        session.commit()
    assert evaluate(seeded, AS_OF_B) == {
        "raised": ["capacity_behind:projects/X1", "indicator_drop:indicators/exports/cluster/2025"],
        "refreshed": ["stale_data:indicators/rd_spend/cluster", "stale_data:projects/X2"],
        "reopened": [],
        "cleared": ["milestone_late:projects/X1/投产"],
    }
    assert row_count(seeded) == 5
    assert evaluate(seeded, AS_OF_A) == {
        "raised": [],
        "refreshed": ["stale_data:indicators/rd_spend/cluster", "stale_data:projects/X2"],
        "reopened": ["milestone_late:projects/X1/投产"],
        "cleared": ["capacity_behind:projects/X1", "indicator_drop:indicators/exports/cluster/2025"],
    }
    with Session(seeded) as session:
        again = next(a for a in list_alerts(session, ANA) if a.rule.value == "milestone_late")
        assert again.id == late.id and again.times_raised == 2 and again.state.value == "open"
        assert again.acknowledged_by is None and again.cleared_on is None
        assert [a.key for a in list_alerts(session, ANA, state="cleared")] == sorted(set(KEYS_B) - set(KEYS_A))
    assert row_count(seeded) == 5


def test_acknowledgement_is_recorded_in_the_history(seeded: Engine) -> None:
    evaluate(seeded, AS_OF_A)
    with Session(seeded) as session:
        stale = next(a for a in list_alerts(session, ANA) if a.rule.value == "stale_data")
        with pytest.raises(NotAllowed):
            acknowledge_alert(session, VIC, CTX, alert_id=stale.id)
        done = acknowledge_alert(session, ANA, CTX, alert_id=stale.id)
        session.commit()
        assert done.state.value == "acknowledged" and done.acknowledged_by == "ana" and done.acknowledged_at == CTX.at
        with pytest.raises(Conflict, match="acknowledged by ana"):
            acknowledge_alert(session, ANA, CTX, alert_id=stale.id)
        [change] = [c for c in HistoryRepository(session).changes(kind="alerts") if c.action == "update"]
    assert change.actor == "ana" and change.via == "cli" and change.at == CTX.at
    assert change.before is not None and change.before["state"] == "open"
    assert (
        change.after is not None
        and change.after["state"] == "acknowledged"
        and change.after["acknowledged_by"] == "ana"
    )
    # A re-evaluation leaves the acknowledgement standing.
    evaluate(seeded, AS_OF_A)
    with Session(seeded) as session:
        assert [a.state.value for a in list_alerts(session, ANA) if a.id == stale.id] == ["acknowledged"]


def test_viewers_may_list_but_not_evaluate(seeded: Engine) -> None:
    with Session(seeded) as session:
        with pytest.raises(NotAllowed):
            evaluate_alerts(session, VIC, CTX, as_of=AS_OF_A)
        assert list_alerts(session, VIC) == []


def concurrently(engine: Engine, as_of: dt.date, n: int = 4) -> list[dict[str, list[str]]]:
    """Run n evaluations released at the same moment from n threads; return what each did."""
    start, results, errors = threading.Barrier(n), [], []

    def run() -> None:
        try:
            start.wait(timeout=30)
            results.append(evaluate(engine, as_of))
        except Exception as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert len(results) == n
    return results


def test_concurrent_evaluations_do_not_duplicate(seeded: Engine) -> None:
    results = concurrently(seeded, AS_OF_A)
    assert row_count(seeded) == len(KEYS_A)
    assert sorted(key for r in results for key in r["raised"]) == KEYS_A  # each raised by exactly one evaluation
    assert sorted(k for k, action, _, _ in alert_changes(seeded) if action == "create") == KEYS_A
    # Moving on to B at once: the late milestone is cleared once, the two new conditions raised once each.
    results = concurrently(seeded, AS_OF_B)
    assert row_count(seeded) == len(set(KEYS_A) | set(KEYS_B))
    assert sorted(key for r in results for key in r["cleared"]) == ["milestone_late:projects/X1/投产"]
    assert sorted(key for r in results for key in r["raised"]) == sorted(set(KEYS_B) - set(KEYS_A))
    changes = alert_changes(seeded)
    assert [c for c in changes if c[1] == "update"] == [
        ("milestone_late:projects/X1/投产", "update", "open", "cleared")
    ]
    assert len([c for c in changes if c[1] == "create"]) == len(set(KEYS_A) | set(KEYS_B))


def test_a_target_the_scorecard_calls_off_track_raises_an_alert(seeded: Engine) -> None:
    # As of B exports were 100, 120, 102 (2023–2025). A log-linear fit: slope (ln 102 − ln 100) / 2 ≈ 0.01,
    # residuals ≈ −0.057, 0.115, −0.057, s ≈ 0.14 on 1 degree of freedom; at 2026 the 80 % upper bound is about
    # exp(4.69 + 3.08 × 0.14 × √(1 + 1/3 + 2)) ≈ 240, nowhere near 1000: off track by any reading.
    with Session(seeded) as session:
        target = {
            "metric": "exports",
            "scope": "cluster",
            "target_period": "2026",
            "target_value": "1000",
            "unit": "亿元",
            "source": "synthetic",
        }
        create_record(session, CTX, kind="targets", data=target)
        session.commit()
        scores = scorecard(session, ANA, as_of=AS_OF_B)
    assert {(s.metric, s.scope, s.target_period) for s in scores if s.status == "off_track"} == {
        ("exports", "cluster", "2026")
    }
    raised = evaluate(seeded, AS_OF_B)["raised"]
    assert raised == sorted([*KEYS_B, "target_off_track:targets/exports/cluster/2026"])
    assert evaluate(seeded, AS_OF_B)["raised"] == []
