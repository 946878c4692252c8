"""Users: one-time passwords."""

from __future__ import annotations


def test_one_time_passwords_always_meet_the_password_rules() -> None:
    from chainatlas.domain.user import password_problems
    from chainatlas.services.users import one_time_password

    # An all-letter token (about 4 % of raw tokens) once made `user add` and the first start fail.
    assert all(password_problems(one_time_password()) == [] for _ in range(2000))


def test_disable_enable_and_role_are_recorded_and_guarded(session: object) -> None:
    import datetime as dt

    import pytest
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from chainatlas.domain.user import Role
    from chainatlas.services.context import Via, WriteContext
    from chainatlas.services.errors import Conflict, InvalidInput
    from chainatlas.services.users import add_user, disable_user, enable_user, set_role, user_by_name
    from chainatlas.store.rows import ChangeRow

    assert isinstance(session, Session)
    ctx = WriteContext(actor="boss", via=Via.CLI, at=dt.datetime.now(dt.UTC))
    add_user(session, ctx, username="root", role=Role.ADMIN, password="s3cret-password")
    add_user(session, ctx, username="ana", role=Role.ANALYST, password="s3cret-password")
    assert disable_user(session, ctx, username="ana") == 0
    assert user_by_name(session, "ana") is None
    with pytest.raises(Conflict):
        disable_user(session, ctx, username="ana")
    enable_user(session, ctx, username="ana")
    set_role(session, ctx, username="ana", role=Role.VIEWER)
    with pytest.raises(InvalidInput, match="enterprise"):
        set_role(session, ctx, username="ana", role=Role.MEMBER)
    with pytest.raises(Conflict, match="only active admin"):
        disable_user(session, ctx, username="root")
    with pytest.raises(Conflict, match="only active admin"):
        set_role(session, ctx, username="root", role=Role.ANALYST)
    actions = session.execute(
        select(ChangeRow.action, ChangeRow.before, ChangeRow.after)
        .where(ChangeRow.record_key == "ana", ChangeRow.action != "create")
        .order_by(ChangeRow.id)
    ).all()
    assert [tuple(a) for a in actions] == [
        ("disable", None, {"is_active": False, "sessions_ended": 0, "tokens_revoked": 0}),
        ("enable", None, {"is_active": True}),
        ("role", {"role": "analyst", "enterprise_id": None}, {"role": "viewer", "enterprise_id": None}),
    ]
