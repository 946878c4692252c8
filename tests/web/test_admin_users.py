"""The user administration pages (issue 13): admins only, every change recorded with source web, problems beside
their fields in Chinese, destructive actions confirmed, one-time passwords shown once, own tokens for everyone."""

from __future__ import annotations

import datetime as dt
import re

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from tests.web.conftest import CSRF, PASSWORD, Pages

from chainatlas.domain.user import Role
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.users import add_user, create_token, user_named
from chainatlas.store.access_log import SIGN_IN, AccessLogRepository
from chainatlas.store.rows import ChangeRow

SETUP = WriteContext(actor="setup", via=Via.CLI, at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
ONE_TIME = re.compile(r'id="one-time-password">([^<]+)<')


def _add(engine: Engine, username: str, role: Role, enterprise_id: str | None = None) -> None:
    with Session(engine) as session:
        add_user(session, SETUP, username=username, role=role, password=PASSWORD, enterprise_id=enterprise_id)
        session.commit()


def _sign_in(client: TestClient, username: str, password: str = PASSWORD) -> str:
    token = CSRF.search(client.get("/login").text)
    assert token
    data = {"username": username, "password": password, "csrf_token": token.group(1), "next": "/"}
    response = client.post("/login", data=data, follow_redirects=False)
    assert response.status_code == 303, response.text
    return str(response.headers["location"])


def _signed_in(client: TestClient) -> bool:
    return 'class="who"' in client.get("/").text


def _as_admin(pages: Pages) -> None:
    _add(pages.engine, "root", Role.ADMIN)
    _sign_in(pages.client, "root")


def _post(pages: Pages, path: str, data: dict[str, str], page: str = "/admin/users") -> object:
    return pages.client.post(path, data={**data, "csrf_token": pages.csrf(page)}, follow_redirects=False)


def _changes(engine: Engine, key: str) -> list[tuple[str, str, str]]:
    with Session(engine) as session:
        rows = session.execute(
            select(ChangeRow.action, ChangeRow.via, ChangeRow.actor)
            .where(ChangeRow.kind == "users", ChangeRow.record_key == key)
            .order_by(ChangeRow.id)
        ).all()
    return [(a, v, who) for a, v, who in rows]


def test_only_admins_open_the_page_and_see_the_menu_link(pages: Pages) -> None:
    assert pages.client.get("/admin/users", follow_redirects=False).headers["location"] == "/login?next=/admin/users"
    pages.login("ana")
    refused = pages.client.get("/admin/users")
    assert refused.status_code == 403 and "无权访问" in refused.text
    assert pages.client.get("/admin/sign-ins").status_code == 403
    assert 'href="/admin/users"' not in pages.client.get("/").text
    pages.client.post("/logout", data={"csrf_token": pages.csrf("/")})
    _as_admin(pages)
    listing = pages.client.get("/admin/users")
    assert listing.status_code == 200 and listing.headers["cache-control"] == "no-store"
    assert 'id="nav-admin-users"' in pages.client.get("/").text and "用户管理" in listing.text
    assert re.search(r'<a href="/admin/users/root">root</a>', listing.text)


def test_an_admin_adds_a_member_found_by_name_and_sees_the_password_once(pages: Pages) -> None:
    _as_admin(pages)
    form = {"username": "zoe", "display_name": "周", "role": "member", "enterprise": "三一", "registration": ""}
    added = _post(pages, "/admin/users", form)
    assert added.status_code == 200  # type: ignore[attr-defined]
    password = ONE_TIME.search(added.text)  # type: ignore[attr-defined]
    assert password and "只显示这一次" in added.text  # type: ignore[attr-defined]
    assert password.group(1) not in pages.client.get("/admin/users").text
    with Session(pages.engine) as session:
        zoe = user_named(session, "zoe")
    assert zoe is not None and (zoe.role, zoe.enterprise_id, zoe.must_change_password) == (Role.MEMBER, "E0001", True)
    assert _changes(pages.engine, "zoe") == [("create", "web", "root")]
    other = TestClient(pages.client.app)
    assert _sign_in(other, "zoe", password.group(1)) == "/account/password"
    row = re.search(r'<a href="/admin/users/zoe">zoe</a>.*?</tr>', pages.client.get("/admin/users").text, re.S)
    assert row and "三一重工 (E0001)" in row.group(0) and "会员企业" in row.group(0)


def test_every_problem_of_the_add_form_is_shown_beside_its_field_and_nothing_is_written(pages: Pages) -> None:
    _as_admin(pages)
    form = {"username": "x", "display_name": "", "role": "member", "enterprise": "重工", "registration": ""}
    refused = _post(pages, "/admin/users", form)
    assert refused.status_code == 422  # type: ignore[attr-defined]
    errors = dict(re.findall(r'data-field="(\w+)">([^<]+)<', refused.text))  # type: ignore[attr-defined]
    assert errors["username"] == "用户名须为 2–64 个字母、数字或 _ . @ -"
    assert errors["enterprise"].startswith("“重工”对应多家企业（三一重工 E0001、铁建重工 E0003、")
    assert 'value="重工"' in refused.text  # type: ignore[attr-defined]
    participant = {"username": "root", "display_name": "", "role": "participant", "enterprise": "", "registration": ""}
    twice = _post(pages, "/admin/users", participant)
    errors = dict(re.findall(r'data-field="(\w+)">([^<]+)<', twice.text))  # type: ignore[attr-defined]
    assert errors == {"username": "用户 root 已存在", "registration": "参会者账号须对应一个展会报名"}
    with Session(pages.engine) as session:
        assert user_named(session, "x") is None


def test_a_participant_is_linked_through_a_fair_registration_found_by_name(pages: Pages) -> None:
    _as_admin(pages)
    form = {"username": "pat", "display_name": "", "role": "participant", "enterprise": "", "registration": "楠霁"}
    assert _post(pages, "/admin/users", form).status_code == 200  # type: ignore[attr-defined]
    with Session(pages.engine) as session:
        pat = user_named(session, "pat")
    assert pat is not None and pat.enterprise_id == "E0183"
    detail = pages.client.get("/admin/users/pat").text
    assert "CICEE2023 · 长沙楠霁微电子科技有限公司 (C23-B001)" in detail
    assert 'id="role-registration" value="C23-B001"' in detail  # the role form starts from the registration


def test_disabling_asks_first_ends_the_users_session_and_enabling_lets_them_back(pages: Pages) -> None:
    _as_admin(pages)
    _add(pages.engine, "ana", Role.ANALYST)
    row = re.compile(r'<a href="/admin/users/ana">ana</a>.*?</tr>', re.S)
    assert "从未登录" in row.search(pages.client.get("/admin/users").text).group(0)  # type: ignore[union-attr]
    theirs = TestClient(pages.client.app)
    _sign_in(theirs, "ana")
    assert _signed_in(theirs)
    assert "从未登录" not in row.search(pages.client.get("/admin/users").text).group(0)  # type: ignore[union-attr]
    confirm = pages.client.get("/admin/users/ana/disable")
    assert "停用用户 ana？" in confirm.text and 'action="/admin/users/ana/disable"' in confirm.text
    done = _post(pages, "/admin/users/ana/disable", {}, page="/admin/users/ana/disable")
    assert done.headers["location"] == "/admin/users/ana?done=disabled"  # type: ignore[attr-defined]
    assert not _signed_in(theirs)
    assert "已停用" in pages.client.get("/admin/users/ana").text
    assert _post(pages, "/admin/users/ana/enable", {}, page="/admin/users/ana").status_code == 303  # type: ignore[attr-defined]
    _sign_in(theirs, "ana")
    assert _signed_in(theirs)
    assert [a for a, _, _ in _changes(pages.engine, "ana")] == ["create", "disable", "enable"]


def test_the_only_active_admin_cannot_be_disabled_or_demoted(pages: Pages) -> None:
    _as_admin(pages)
    refused = _post(pages, "/admin/users/root/disable", {}, page="/admin/users/root/disable")
    assert refused.status_code == 409  # type: ignore[attr-defined]
    assert "root 是唯一启用的管理员，不能停用或改为其他角色" in refused.text  # type: ignore[attr-defined]
    demoted = _post(pages, "/admin/users/root/role", {"role": "viewer"}, page="/admin/users/root")
    assert demoted.status_code == 409 and "唯一启用的管理员" in demoted.text  # type: ignore[attr-defined]
    assert [a for a, _, _ in _changes(pages.engine, "root")] == ["create"]


def test_a_role_change_names_the_enterprise_by_name_and_ends_the_sessions(pages: Pages) -> None:
    _as_admin(pages)
    _add(pages.engine, "vic", Role.VIEWER)
    theirs = TestClient(pages.client.app)
    _sign_in(theirs, "vic")
    missing = _post(
        pages, "/admin/users/vic/role", {"role": "member", "enterprise": "不存在的公司"}, "/admin/users/vic"
    )
    assert missing.status_code == 422  # type: ignore[attr-defined]
    assert "没有名称或编号含“不存在的公司”的企业" in missing.text  # type: ignore[attr-defined]
    no_role = _post(pages, "/admin/users/vic/role", {"enterprise": "山河智能"}, "/admin/users/vic")
    assert re.search(r'data-field="role">必填<', no_role.text)  # type: ignore[attr-defined]
    saved = _post(pages, "/admin/users/vic/role", {"role": "member", "enterprise": "山河智能"}, "/admin/users/vic")
    assert saved.headers["location"] == "/admin/users/vic?done=role&n=1"  # type: ignore[attr-defined]
    assert not _signed_in(theirs)
    with Session(pages.engine) as session:
        vic = user_named(session, "vic")
    assert vic is not None and (vic.role, vic.enterprise_id) == (Role.MEMBER, "E0004")


def test_a_reset_password_is_shown_once_and_ends_the_old_password_and_sessions(pages: Pages) -> None:
    _as_admin(pages)
    _add(pages.engine, "ana", Role.ANALYST)
    theirs = TestClient(pages.client.app)
    _sign_in(theirs, "ana")
    assert "重置用户 ana 的密码？" in pages.client.get("/admin/users/ana/reset").text
    reset = _post(pages, "/admin/users/ana/reset", {}, page="/admin/users/ana/reset")
    password = ONE_TIME.search(reset.text)  # type: ignore[attr-defined]
    assert password is not None
    assert not _signed_in(theirs)
    assert _sign_in(TestClient(pages.client.app), "ana", password.group(1)) == "/account/password"
    own = _post(pages, "/admin/users/root/reset", {}, page="/admin/users/root/reset")
    assert own.status_code == 409 and "不能在这里重置自己的密码" in own.text  # type: ignore[attr-defined]
    assert [a for a, v, _ in _changes(pages.engine, "ana")] == ["create", "reset"]


def test_tokens_listed_and_revoked_by_the_admin_and_by_their_owner(pages: Pages) -> None:
    _as_admin(pages)
    _add(pages.engine, "ana", Role.ANALYST)
    with Session(pages.engine) as session:
        now = WriteContext(actor="setup", via=Via.CLI, at=dt.datetime.now(dt.UTC))
        first = create_token(session, now, username="ana", name="robot")
        second = create_token(session, now, username="ana", name="laptop")
        session.commit()
    api = TestClient(pages.client.app)
    assert api.get("/api/v1/tokens", headers={"Authorization": f"Bearer {first}"}).status_code == 200
    detail = pages.client.get("/admin/users/ana")
    assert detail.text.count("/revoke") == 2 and first[:10] in detail.text and first not in detail.text
    token_id = re.findall(r'href="/admin/users/ana/tokens/(\d+)/revoke"', detail.text)[0]
    confirm = pages.client.get(f"/admin/users/ana/tokens/{token_id}/revoke")
    assert "撤销令牌“robot”" in confirm.text
    done = _post(pages, f"/admin/users/ana/tokens/{token_id}/revoke", {}, page="/admin/users/ana")
    assert done.headers["location"] == f"/admin/users/ana?done=revoked&token={token_id}"  # type: ignore[attr-defined]
    assert "已撤销令牌“robot”" in pages.client.get(done.headers["location"]).text  # type: ignore[attr-defined]
    assert api.get("/api/v1/tokens", headers={"Authorization": f"Bearer {first}"}).status_code == 401
    theirs = TestClient(pages.client.app)
    _sign_in(theirs, "ana")
    own = theirs.get("/account/tokens")
    assert "laptop" in own.text and own.text.count("/revoke") == 1
    laptop = re.findall(r'href="/account/tokens/(\d+)/revoke"', own.text)[0]
    csrf = CSRF.search(own.text)
    assert csrf
    refused = theirs.post(f"/account/tokens/{token_id}/revoke", data={"csrf_token": csrf.group(1)})
    assert refused.status_code == 409 and "令牌 " + token_id + " 已撤销" in refused.text
    gone = theirs.post(f"/account/tokens/{laptop}/revoke", data={"csrf_token": csrf.group(1)}, follow_redirects=False)
    assert gone.headers["location"] == f"/account/tokens?revoked={laptop}"
    assert "已撤销令牌“laptop”" in theirs.get(gone.headers["location"]).text
    assert api.get("/api/v1/tokens", headers={"Authorization": f"Bearer {second}"}).status_code == 401
    assert [a for a, _, who in _changes(pages.engine, "ana")][-2:] == ["revoke", "revoke"]


def test_an_own_token_is_created_on_the_account_page_and_shown_once(pages: Pages) -> None:
    pages.login("ana")
    bad = pages.client.post(
        "/account/tokens", data={"name": "", "days": "0", "csrf_token": pages.csrf("/account/tokens")}
    )
    errors = dict(re.findall(r'data-field="(\w+)">([^<]+)<', bad.text))
    assert bad.status_code == 422 and errors == {"name": "必填", "days": "须在 1 到 3650 之间"}
    made = pages.client.post(
        "/account/tokens", data={"name": "脚本", "days": "30", "csrf_token": pages.csrf("/account/tokens")}
    )
    token = re.search(r'id="new-token">(ca_[^<]+)<', made.text)
    assert token and token.group(1) not in pages.client.get("/account/tokens").text
    assert (
        TestClient(pages.client.app)
        .get("/api/v1/tokens", headers={"Authorization": f"Bearer {token.group(1)}"})
        .json()["user"]
        == "ana"
    )


def test_the_sign_in_log_is_newest_first_in_the_cluster_time_zone_filtered_and_paged(pages: Pages) -> None:
    _as_admin(pages)
    _add(pages.engine, "ana", Role.ANALYST)
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    with Session(pages.engine) as session:
        log = AccessLogRepository(session)
        for n in range(30):
            at = start + dt.timedelta(minutes=n)
            log.add(at=at, username="ana", user_id=None, address="10.0.0.1", event=SIGN_IN, detail={"via": "web"})
        session.commit()
    first = pages.client.get("/admin/sign-ins?user=ana")
    times = re.findall(r"<td>(2026年1月1日 \d\d:\d\d)</td>", first.text)
    assert times[:2] == ["2026年1月1日 08:29", "2026年1月1日 08:28"] and len(times) == 25
    assert "共 30 条" in first.text and "第 1 / 2 页" in first.text
    second = pages.client.get("/admin/sign-ins?user=ana&page=2")
    assert re.findall(r"<td>(2026年1月1日 \d\d:\d\d)</td>", second.text) == [
        f"2026年1月1日 08:0{m}" for m in range(4, -1, -1)
    ]
    assert "2026年1月1日 08:29" in pages.client.get("/admin/users").text  # ana's last sign-in, in Asia/Shanghai
    bad = pages.client.get("/admin/sign-ins?event=nope")
    assert bad.status_code == 400
    pages.client.cookies.set("lang", "en")
    english = pages.client.get("/admin/sign-ins?user=ana")
    assert re.findall(r"<td>(2026-01-01 \d\d:\d\d)</td>", english.text)[:1] == ["2026-01-01 08:29"]


def test_the_admin_pages_in_english_carry_no_chinese_labels(pages: Pages) -> None:
    _as_admin(pages)
    pages.client.cookies.set("lang", "en")
    for path in ("/admin/users", "/admin/users/root", "/admin/sign-ins", "/admin/users/root/reset", "/account/tokens"):
        body = re.sub(r"<script.*?</script>", "", pages.client.get(path).text, flags=re.S)
        text = re.sub(r"<[^>]+>", " ", body)
        chinese = [
            w for w in re.findall(r"[\u4e00-\u9fff]+", text) if w not in ("链图", "中文")
        ]  # the brand; the switch
        assert chinese == [], (path, chinese)


def test_a_form_without_the_csrf_token_is_refused(pages: Pages) -> None:
    _as_admin(pages)
    refused = pages.client.post("/admin/users", data={"username": "eve", "role": "viewer"})
    assert refused.status_code == 403
    with Session(pages.engine) as session:
        assert user_named(session, "eve") is None
