"""A change of the clusters a user may see ends their sessions at once, as a role change does: a copied cookie is
refused after `chainatlas user set`, the end is recorded with its reason, and another user's session lives on."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session
from tests.api.conftest import Api
from tests.api.cookie_sessions import send, sign_in
from tests.conftest import Cli

from chainatlas.store.engine import make_engine
from chainatlas.store.rows import UserRow, UserSessionRow


def _reads(api: Api, cookie: str) -> int:
    return send(api.client, "GET", "/api/v1/enterprises?limit=1", cookie).status_code


def test_a_scope_change_ends_the_users_sessions(api: Api, cli: Cli) -> None:
    cookie, _ = sign_in(api.client)
    other, _ = sign_in(api.client, "vic")
    assert _reads(api, cookie) == 200
    code, out, err = cli("user", "set", "ana", "--cluster", "default")
    assert code == 0 and "1 session(s) ended" in out, out + err
    assert _reads(api, cookie) == 401
    assert _reads(api, other) == 200
    engine = make_engine(cli.db_url)
    with Session(engine) as session:
        reasons = session.scalars(
            select(UserSessionRow.ended_reason)
            .join(UserRow, UserRow.id == UserSessionRow.user_id)
            .where(UserRow.username == "ana")
        ).all()
    engine.dispose()
    assert reasons == ["scope_changed"]
