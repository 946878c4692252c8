"""A version per concern (issue 11, point 2): sign-ins, users, tokens and alerts never empty analysis caches.

Before, every recorded write moved one registry version that every cache keyed on, so adding a user or evaluating
alerts threw away every cached analysis. Now those writes move their own concern's version only.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine
from sqlalchemy.orm import Session
from tests.analytics.projects_cases import AS_OF_A

from chainatlas.domain.user import Role, User
from chainatlas.services.access_log import set_origin
from chainatlas.services.alerts import acknowledge_alert, evaluate_alerts, list_alerts
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.records import create_record
from chainatlas.services.sign_in_limits import check_sign_in_allowed, record_sign_in, unlock_user
from chainatlas.services.stats import cluster_stats
from chainatlas.services.users import add_user, authenticate, create_token
from chainatlas.store.history import Concern, concern_versions

ANA = User(id=1, username="ana", role=Role.ANALYST)
ADMIN = User(id=0, username="root", role=Role.ADMIN)
CTX = WriteContext(actor="ana", via=Via.CLI, at=dt.datetime(2026, 1, 20, 9, tzinfo=dt.UTC))


def versions(engine: Engine) -> dict[Concern, int]:
    with Session(engine) as session:
        return concern_versions(session)


def stats(engine: Engine) -> object:
    with Session(engine) as session:
        return cluster_stats(session, ADMIN)  # signed in: the cached result itself, not a filtered copy


def sign_in_twice(engine: Engine) -> None:
    """A failed and a successful sign-in of `neu`, through the same calls as the login routes."""
    for password in ("wrong-password", "pw-for-neu-1"):
        with Session(engine) as session:
            set_origin(session, address="192.0.2.1", via="api", at=dt.datetime.now(dt.UTC))
            check_sign_in_allowed(session, username="neu")
            user = authenticate(session, username="neu", password=password)
            record_sign_in(session, username="neu", user=user)


def test_sign_ins_users_tokens_and_alerts_leave_cached_analyses_alone(seeded: Engine) -> None:
    before, first = versions(seeded), stats(seeded)
    with Session(seeded) as session:
        add_user(session, CTX, username="neu", role=Role.ANALYST, password="pw-for-neu-1")
        create_token(session, CTX, username="neu", name="t")
        session.commit()
    sign_in_twice(seeded)
    with Session(seeded) as session:
        unlock_user(session, CTX, ADMIN, username="neu")
        evaluate_alerts(session, ANA, CTX, as_of=AS_OF_A)
        acknowledge_alert(session, ANA, CTX, alert_id=list_alerts(session, ANA)[0].id)
        session.commit()
    after = versions(seeded)
    assert after[Concern.REGISTRY] == before[Concern.REGISTRY]
    assert after[Concern.USERS] == before[Concern.USERS] + 3  # user added, token created, unlock
    assert after[Concern.ALERTS] == before[Concern.ALERTS] + 3  # the evaluation batch, its changes, an acknowledgement
    assert stats(seeded) is first  # the cached result itself, not a recomputation


def test_a_registry_write_still_empties_the_cache(seeded: Engine) -> None:
    before, first = versions(seeded), stats(seeded)
    with Session(seeded) as session:
        data = {"code": "X", "name_zh": "新", "segment": "support", "source": "synthetic"}
        create_record(session, CTX, kind="chain_nodes", data=data)
        session.commit()
    after = versions(seeded)
    assert after[Concern.REGISTRY] == before[Concern.REGISTRY] + 1
    assert (after[Concern.USERS], after[Concern.ALERTS]) == (before[Concern.USERS], before[Concern.ALERTS])
    assert stats(seeded) is not first
