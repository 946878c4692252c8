"""Forms: signing in and out, the forced password change, imports, and CSRF on every post."""

from __future__ import annotations

from dataclasses import replace

import pytest
from tests.factories import VALID_CODE
from tests.sign_in_clock import stamp_failures_now
from tests.web.conftest import PASSWORD, Pages
from tests.web.pages import BAD_CODE, enterprise_count, enterprise_csv

NEW_FIRM = {
    "id": "T001",
    "name_zh": "测试液压有限公司",
    "country": "CN",
    "in_cluster": "true",
    "unified_code": VALID_CODE,
    "source": "synthetic",
}
BAD_FIRM = {**NEW_FIRM, "id": "T002", "name_zh": "测试二号", "unified_code": BAD_CODE}


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/login", {"username": "ana", "password": PASSWORD}),
        ("/logout", {}),
        (
            "/account/password",
            {"current_password": PASSWORD, "new_password": "n3w-password!", "confirm_password": "n3w-password!"},
        ),
    ],
)
def test_a_post_without_the_csrf_token_is_refused(pages: Pages, path: str, data: dict[str, str]) -> None:
    pages.login("ana")
    for token in (None, "forged-token"):
        sent = data if token is None else {**data, "csrf_token": token}
        response = pages.client.post(path, data=sent, follow_redirects=False)
        assert response.status_code == 403, (path, token)
        assert "安全令牌" in response.text
    assert pages.client.get("/enterprises", follow_redirects=False).status_code == 200  # still signed in


def test_an_upload_without_the_csrf_token_is_refused_and_writes_nothing(pages: Pages) -> None:
    pages.login("ana")
    before = enterprise_count(pages)
    files = {"files": ("enterprises.csv", enterprise_csv(NEW_FIRM), "text/csv")}
    assert pages.client.post("/import", files=files).status_code == 403
    assert enterprise_count(pages) == before


def test_sign_in_goes_where_the_visitor_was_going_and_sign_out_ends_it(pages: Pages) -> None:
    assert pages.login("ana", next_page="/enterprises?q=x") == "/enterprises?q=x"
    assert pages.client.get("/enterprises").status_code == 200
    assert "ana" in pages.client.get("/").text
    # the page sign-in also serves the API (same session cookie)
    assert pages.client.get("/api/v1/enterprises?limit=1").status_code == 200
    response = pages.client.post("/logout", data={"csrf_token": pages.csrf("/")}, follow_redirects=False)
    assert response.status_code == 303
    assert pages.client.get("/enterprises", follow_redirects=False).status_code == 303


def test_sign_in_never_sends_the_user_off_the_site(pages: Pages) -> None:
    assert pages.login("ana", next_page="https://evil.example/") == "/"


def test_a_wrong_password_shows_the_form_again(pages: Pages) -> None:
    pages.ensure_user("ana")
    data = {"username": "ana", "password": "not-the-password1", "csrf_token": pages.csrf()}
    response = pages.client.post("/login", data=data)
    assert response.status_code == 401 and "用户名或密码不正确" in response.text
    assert pages.client.get("/enterprises", follow_redirects=False).status_code == 303


def test_a_one_time_password_must_be_changed_before_anything_else(pages: Pages) -> None:
    assert pages.login("boss") == "/account/password"
    assert pages.client.get("/", follow_redirects=False).headers["location"] == "/account/password"
    assert pages.client.get("/enterprises", follow_redirects=False).headers["location"] == "/account/password"
    token = pages.csrf("/account/password")
    form = {"csrf_token": token, "current_password": PASSWORD}
    mismatch = pages.client.post(
        "/account/password", data={**form, "new_password": "n3w-password!", "confirm_password": "other-pass1"}
    )
    assert mismatch.status_code == 422 and "两次输入的新密码不一致" in mismatch.text
    weak = pages.client.post("/account/password", data={**form, "new_password": "short", "confirm_password": "short"})
    assert weak.status_code == 422 and "至少需要 10 个字符" in weak.text and "新密码" in weak.text
    done = pages.client.post(
        "/account/password",
        data={**form, "new_password": "n3w-password!", "confirm_password": "n3w-password!"},
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"] == "/"
    assert pages.client.get("/enterprises").status_code == 200


def test_a_viewer_may_not_import(pages: Pages) -> None:
    pages.login("vic")
    assert pages.client.get("/import").status_code == 403
    assert 'href="/import"' not in pages.client.get("/").text


def test_an_upload_with_a_bad_credit_code_lists_the_row_and_writes_nothing(pages: Pages) -> None:
    pages.login("ana")
    before = enterprise_count(pages)
    files = {"files": ("enterprises.csv", enterprise_csv(NEW_FIRM, BAD_FIRM), "text/csv")}
    response = pages.client.post("/import", data={"csrf_token": pages.csrf("/import")}, files=files)
    assert response.status_code == 422
    html = response.text
    assert "发现 1 个问题，未写入任何数据" in html
    # the bad firm is the second data row: file row 3 (the header is row 1)
    row = html[html.index('id="problem-table"') :]
    assert "enterprises.csv" in row and '<td class="num">3</td>' in row and "<code>unified_code</code>" in row
    # the problem in the page's language (Chinese): the check character 4 is wrong, 3 was expected
    assert f"<code>{BAD_CODE}</code>" in row and "校验码 4 不正确（应为 3）" in row
    assert enterprise_count(pages) == before


def test_a_dry_run_counts_and_writes_nothing_then_an_import_writes(pages: Pages) -> None:
    pages.login("ana")
    before = enterprise_count(pages)
    files = {"files": ("enterprises.csv", enterprise_csv(NEW_FIRM), "text/csv")}
    token = pages.csrf("/import")
    dry = pages.client.post("/import", data={"csrf_token": token, "dry_run": "true"}, files=files)
    assert dry.status_code == 200 and "仅校验，未写入" in dry.text
    counts = dry.text[dry.text.index('id="count-table"') :]
    assert '<td class="num">1</td><td class="num">0</td><td class="num">0</td>' in counts
    assert enterprise_count(pages) == before
    done = pages.client.post("/import", data={"csrf_token": token}, files=files)
    assert done.status_code == 200 and "导入成功" in done.text and "导入批次" in done.text
    assert enterprise_count(pages) == before + 1
    assert "测试液压有限公司" in pages.client.get("/enterprises/T001").text


def test_an_upload_without_files_asks_for_one(pages: Pages) -> None:
    pages.login("ana")
    response = pages.client.post("/import", data={"csrf_token": pages.csrf("/import")})
    assert response.status_code == 400 and "请至少选择一个文件" in response.text


def test_an_upload_larger_than_the_page_allows_is_refused(pages: Pages, monkeypatch: pytest.MonkeyPatch) -> None:
    state = pages.client.app.state  # type: ignore[attr-defined]
    monkeypatch.setattr(state, "settings", replace(state.settings, max_upload_mb=0))
    pages.login("ana")
    files = {"files": ("enterprises.csv", enterprise_csv(NEW_FIRM), "text/csv")}
    response = pages.client.post("/import", data={"csrf_token": pages.csrf("/import")}, files=files)
    assert response.status_code == 413 and "larger than the upload limit of 0 MB" in response.text


def test_guessing_the_current_password_on_the_password_page_meets_the_sign_in_limits(pages: Pages) -> None:
    pages.login("ana")
    token = pages.csrf("/account/password")
    new = {"new_password": "n3w-password!", "confirm_password": "n3w-password!", "csrf_token": token}
    for _ in range(5):  # five free failures, as at sign-in (docs/security.md)
        assert (
            pages.client.post("/account/password", data={**new, "current_password": "guess-number-1"}).status_code
            == 422
        )
    stamp_failures_now(pages.engine)  # the 1 s wait counts from here, however long the hashing took
    refused = pages.client.post("/account/password", data={**new, "current_password": PASSWORD})
    assert refused.status_code == 429 and "登录失败次数过多" in refused.text  # even the right password waits
