"""User administration services (issue 13): admins only; summaries with last sign-in and live tokens; an
enterprise or a fair registration found by name; password reset; the paged sign-in log."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from chainatlas.cli.registry import demo_dir
from chainatlas.domain.user import Role, User
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.errors import Conflict, InvalidInput, NotAllowed
from chainatlas.services.imports import run_import
from chainatlas.services.sessions import session_user, start_session
from chainatlas.services.user_admin import (
    UserForm,
    add_user_as,
    affiliation,
    reset_password_as,
    set_role_as,
    sign_in_log,
    user_summaries,
)
from chainatlas.services.users import add_user, authenticate, create_token, revoke_token, user_named
from chainatlas.store.access_log import SIGN_IN, SIGN_IN_FAILED, AccessLogRepository
from chainatlas.store.rows import ChangeRow

AT = dt.datetime(2026, 3, 1, 8, tzinfo=dt.UTC)
CTX = WriteContext(actor="root", via=Via.WEB, at=AT)
PASSWORD = "s3cret-password"


@pytest.fixture
def demo(engine: Engine, tmp_path: Path) -> Engine:
    """Return the engine holding the demo dataset."""
    with Session(engine) as session:
        assert run_import(session, [demo_dir()], CTX).ok
        session.commit()
    return engine


def _users(session: Session) -> tuple[User, User]:
    root = add_user(session, CTX, username="root", role=Role.ADMIN, password=PASSWORD)
    ana = add_user(session, CTX, username="ana", role=Role.ANALYST, password=PASSWORD)
    return root, ana


def test_only_an_admin_reads_or_changes_users(session: Session) -> None:
    _, ana = _users(session)
    with pytest.raises(NotAllowed) as refused:
        user_summaries(session, ana, now=AT)
    assert refused.value.text("zh") == "只有管理员可以管理用户" and refused.value.signed_in
    with pytest.raises(NotAllowed):
        sign_in_log(session, None, username=None, event=None, page=1)
    with pytest.raises(NotAllowed):
        add_user_as(session, ana, CTX, username="eve", form=UserForm(role=Role.VIEWER))


def test_summaries_count_live_tokens_and_the_last_successful_sign_in(session: Session) -> None:
    root, _ = _users(session)
    create_token(session, CTX, username="ana", name="live", days=10)
    create_token(session, CTX, username="ana", name="expired", days=1)
    create_token(session, CTX, username="ana", name="revoked", days=10)
    revoke_token(session, CTX, token_id=3)
    log = AccessLogRepository(session)
    for hours, event in ((1, SIGN_IN), (2, SIGN_IN), (3, SIGN_IN_FAILED)):
        log.add(at=AT + dt.timedelta(hours=hours), username="ana", user_id=None, address=None, event=event, detail={})
    now = AT + dt.timedelta(days=2)  # the one-day token has expired
    found = {s.user.username: (s.last_sign_in, s.live_tokens) for s in user_summaries(session, root, now=now)}
    assert found == {"ana": (AT + dt.timedelta(hours=2), 1), "root": (None, 0)}


def test_an_enterprise_is_found_by_id_by_a_unique_part_of_its_name_or_by_its_exact_name(demo: Engine) -> None:
    with Session(demo) as session:
        assert affiliation(session, Role.MEMBER, enterprise="三一", registration="") == ("E0001", [])
        assert affiliation(session, Role.MEMBER, enterprise=" E0004 ", registration="") == ("E0004", [])
        assert affiliation(session, Role.MEMBER, enterprise="铁建重工", registration="") == ("E0003", [])
        assert affiliation(session, Role.VIEWER, enterprise="三一", registration="") == (None, [])
        none, problems = affiliation(session, Role.MEMBER, enterprise="重工", registration="")
        assert none is None and [p.code for p in problems] == ["users.enterprise_ambiguous"]
        assert problems[0].text("zh").startswith("“重工”对应多家企业（三一重工 E0001、铁建重工 E0003、")
        _, missing = affiliation(session, Role.MEMBER, enterprise="", registration="")
        assert [(p.field, p.text("zh")) for p in missing] == [("enterprise", "成员账号须属于一家企业")]


def test_a_participant_is_linked_through_a_registration_that_names_an_enterprise(demo: Engine) -> None:
    with Session(demo) as session:
        assert affiliation(session, Role.PARTICIPANT, enterprise="", registration="C23-B001") == ("E0183", [])
        assert affiliation(session, Role.PARTICIPANT, enterprise="", registration="楠霁") == ("E0183", [])
        _, unlinked = affiliation(session, Role.PARTICIPANT, enterprise="", registration="俄罗斯经销商19")
        assert [p.code for p in unlinked] == ["users.registration_unknown"]


def test_adding_reports_every_problem_at_once_and_writes_nothing(demo: Engine) -> None:
    with Session(demo) as session:
        root, _ = _users(session)
        form = UserForm(role=Role.MEMBER, enterprise="没有这家公司")
        with pytest.raises(InvalidInput) as refused:
            add_user_as(session, root, CTX, username="a b", form=form)
        assert [(p.field, p.code) for p in refused.value.problems] == [
            ("username", "users.username_invalid"),
            ("enterprise", "users.enterprise_unknown"),
        ]
        user, password = add_user_as(
            session, root, CTX, username="zoe", form=UserForm(role=Role.MEMBER, enterprise="山河")
        )
        assert (user.enterprise_id, user.must_change_password) == ("E0004", True)
        assert authenticate(session, username="zoe", password=password) is not None
        assert user_named(session, "a b") is None


def test_a_role_change_checks_the_affiliation_and_records_before_and_after(demo: Engine) -> None:
    with Session(demo) as session:
        root, _ = _users(session)
        assert set_role_as(session, root, CTX, username="ana", form=UserForm(role=Role.MEMBER, enterprise="三一")) == 0
        row = session.scalars(select(ChangeRow).where(ChangeRow.action == "role")).one()
        assert (row.before, row.after, row.via) == (
            {"role": "analyst", "enterprise_id": None},
            {"role": "member", "enterprise_id": "E0001"},
            "web",
        )


def test_a_reset_gives_a_one_time_password_ends_sessions_and_revokes_tokens_unless_kept(session: Session) -> None:
    root, ana = _users(session)
    secret = start_session(session, ana, at=AT, address=None)
    create_token(session, CTX, username="ana", name="robot")
    password = reset_password_as(session, root, CTX, username="ana", keep_tokens=False)
    assert session_user(session, secret, now=AT + dt.timedelta(minutes=1)) is None
    assert authenticate(session, username="ana", password=PASSWORD) is None
    reset = authenticate(session, username="ana", password=password)
    assert reset is not None and reset.must_change_password
    create_token(session, CTX, username="ana", name="kept")
    reset_password_as(session, root, CTX, username="ana", keep_tokens=True)
    rows = session.scalars(select(ChangeRow).where(ChangeRow.action == "reset").order_by(ChangeRow.id)).all()
    assert [(r.after, r.via, r.actor) for r in rows] == [
        ({"sessions_ended": 1, "tokens_revoked": 1, "tokens_kept": False}, "web", "root"),
        ({"sessions_ended": 0, "tokens_revoked": 0, "tokens_kept": True}, "web", "root"),
    ]
    assert password not in str([r.after for r in rows])
    with pytest.raises(Conflict) as own:
        reset_password_as(session, root, CTX, username="root", keep_tokens=False)
    assert own.value.code == "users.reset_own"


def test_the_sign_in_log_pages_newest_first_filtered_by_user_and_event(session: Session) -> None:
    root, _ = _users(session)
    log = AccessLogRepository(session)
    for minute in range(7):
        event = SIGN_IN_FAILED if minute == 3 else SIGN_IN
        at = AT + dt.timedelta(minutes=minute)
        log.add(at=at, username="ana", user_id=None, address=None, event=event, detail={})
    log.add(at=AT, username="bob", user_id=None, address=None, event=SIGN_IN, detail={})
    second = sign_in_log(session, root, username="ana", event=None, page=2, per_page=3)
    assert second.total == 7 and [e.at.minute for e in second.entries] == [3, 2, 1]
    assert [
        e.at.minute for e in sign_in_log(session, root, username="ana", event=None, page=3, per_page=3).entries
    ] == [0]
    ok = sign_in_log(session, root, username="ana", event=SIGN_IN, page=1, per_page=10)
    assert ok.total == 6 and 3 not in [e.at.minute for e in ok.entries]
    assert sign_in_log(session, root, username=None, event=None, page=1).total == 8
    with pytest.raises(InvalidInput) as refused:
        sign_in_log(session, root, username=None, event="nope", page=0)
    assert [p.field for p in refused.value.problems] == ["page", "event"]
