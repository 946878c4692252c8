"""Alerts on a schedule (定时预警评估): the use cases a scheduler calls, one unit of work each.

A scheduler (one per worker process, see `web.alert_scheduler`) tries to `claim` the lease every little
while: when an evaluation is due and nobody holds the lease it takes it (committed at once, so other
processes see it), runs `evaluate_claimed` (the evaluation, the run's record and the lease's release in one
transaction) and, should that fail, `release`s the lease. The lease is a conditional update, so two processes that find an evaluation due at once evaluate
once. The evaluation writes alerts (concern `alerts`) and never the registry, so analysis caches stay.

An import wakes the schedulers of its process once its transaction commits (`wake_after_commit`); a scheduler
in another process sees the registry version move at its next look.
"""

from __future__ import annotations

import datetime as dt
import threading
import uuid

from sqlalchemy.orm import Session

from chainatlas.domain.access import Action
from chainatlas.domain.alert_schedule import ScheduleStatus, evaluation_due, latest_slot, next_slot
from chainatlas.domain.monitoring_results import Evaluation
from chainatlas.domain.user import Role, User
from chainatlas.services.access import require
from chainatlas.services.alerts import evaluate_alerts
from chainatlas.services.context import Via, WriteContext
from chainatlas.store.alert_schedule import AlertScheduleRepository
from chainatlas.store.engine import after_commit
from chainatlas.store.history import registry_version

SCHEDULER_NAME = "scheduler"
SCHEDULER = User(id=0, username=SCHEDULER_NAME, display_name="定时任务", role=Role.ANALYST)
"""Who a scheduled evaluation runs as: the server itself, with an analyst's reading of the registry."""
LEASE = dt.timedelta(minutes=10)
"""How long a lease lasts: a process that died while evaluating holds it no longer than this."""

_WAITING: set[threading.Event] = set()
_WAITING_LOCK = threading.Lock()


def new_holder() -> str:
    """Return a name for one scheduler, unique across processes and machines."""
    return f"scheduler-{uuid.uuid4().hex}"


def claim(session: Session, holder: str, *, now: dt.datetime, zone: dt.tzinfo, at: dt.time, starting: bool) -> bool:
    """Take the evaluation's lease if an evaluation is due and nobody holds it; the caller commits at once."""
    repo = AlertScheduleRepository(session)
    state = repo.state()
    version = registry_version(session)[0]
    if not evaluation_due(state, now=now, zone=zone, at=at, registry_version=version, starting=starting):
        return False
    return repo.claim(holder, now=now, until=now + LEASE, runs_seen=state.runs)


def evaluate_claimed(session: Session, holder: str, *, now: dt.datetime, as_of: dt.date) -> Evaluation | None:
    """Evaluate the rules as of a date as the scheduler and record the run, releasing the lease; return None when
    the lease was lost meanwhile (another process took it over): the caller then rolls back."""
    version = registry_version(session)[0]
    ctx = WriteContext(actor=SCHEDULER_NAME, via=Via.SCHEDULE, at=now)
    done = evaluate_alerts(session, SCHEDULER, ctx, as_of=as_of)
    if not AlertScheduleRepository(session).finish(holder, at=now, as_of=as_of, registry_version=version):
        return None
    return done


def release(session: Session, holder: str) -> None:
    """Give the lease back after a failed evaluation; the caller commits."""
    AlertScheduleRepository(session).release(holder)


def schedule_status(
    session: Session, user: User | None, *, now: dt.datetime, zone: dt.tzinfo, at: dt.time | None
) -> ScheduleStatus:
    """Return the schedule for the alerts page: its time (None: off), the last scheduled run and the next one due."""
    require(user, Action.READ)
    state = AlertScheduleRepository(session).state()
    upcoming = None
    if at is not None:
        missed = state.last_run_at is None or state.last_run_at < latest_slot(now, zone, at)
        upcoming = now if missed else next_slot(now, zone, at)
    return ScheduleStatus(at=at, last_run_at=state.last_run_at, last_as_of=state.last_as_of, next_due=upcoming)


def listen(event: threading.Event) -> None:
    """Have `wake` set an event (a scheduler waits on it between looks)."""
    with _WAITING_LOCK:
        _WAITING.add(event)


def stop_listening(event: threading.Event) -> None:
    """Stop setting an event on `wake`."""
    with _WAITING_LOCK:
        _WAITING.discard(event)


def wake() -> None:
    """Ask every scheduler of this process to look now whether an evaluation is due."""
    with _WAITING_LOCK:
        for event in _WAITING:
            event.set()


def wake_after_commit(session: Session) -> None:
    """Wake the schedulers once the session's transaction commits (never if it is rolled back)."""
    after_commit(session, wake)
