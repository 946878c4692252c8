"""Record forms: create, edit and delete every registry kind in the browser's forms (TestClient), with the
import's rules and messages beside each field, deletion refused while records refer to the record, and the
record's change history on its page."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from sqlalchemy.orm import Session
from tests.web.conftest import CTX, PASSWORD, Pages

from chainatlas.domain.user import Role
from chainatlas.services.users import add_user

EXAMPLES: dict[str, tuple[dict[str, str], str, dict[str, str], str, object]] = {
    # kind: (new record's fields, its key path, fields changed by the edit, a changed field, its value in the API)
    "chain_nodes": (
        {"code": "T.NEW", "parent_code": "D", "name_zh": "测试环节", "segment": "downstream", "source": "synthetic"},
        "T.NEW",
        {"name_zh": "测试环节二"},
        "name_zh",
        "测试环节二",
    ),
    "enterprises": (
        {"id": "T001", "name_zh": "测试液压有限公司", "country": "CN", "in_cluster": "true", "source": "synthetic"},
        "T001",
        {"employees": "1,200", "size_class": "medium"},
        "employees",
        1200,
    ),
    "enterprise_nodes": (
        {"enterprise_id": "E0300", "node_code": "D.AFT", "source": "synthetic"},
        "E0300/D.AFT",
        {"capacity": "50", "capacity_unit": "台"},
        "capacity",
        "50",
    ),
    "supply_links": (
        {"supplier_id": "E0300", "customer_id": "E0301", "node_code": "D.AFT", "source": "synthetic"},
        "E0300/E0301/D.AFT",
        {"share": "0.25", "confidential": "true"},
        "share",
        0.25,
    ),
    "indicators": (
        {"metric": "test_metric", "scope": "cluster", "period": "2024", "value": "12.5", "source": "synthetic"},
        "test_metric/cluster/2024",
        {"value": "13"},
        "value",
        "13",
    ),
    "targets": (
        {"metric": "test_metric", "scope": "cluster", "target_period": "2030", "target_value": "100", "source": "s"},
        "test_metric/cluster/2030",
        {"target_value": "120"},
        "target_value",
        "120",
    ),
    "projects": (
        {"id": "PT1", "name_zh": "测试项目", "kind": "manufacturing", "source": "synthetic"},
        "PT1",
        {"planned_investment_cny": "1000000.50"},
        "planned_investment_cny",
        "1000000.50",
    ),
    "milestones": (
        {"project_id": "P01", "name": "测试里程碑", "planned_date": "2026-03-31", "source": "synthetic"},
        "P01/测试里程碑",
        {"actual_date": "2026-04-02"},
        "actual_date",
        "2026-04-02",
    ),
    "project_progress": (
        {"project_id": "P01", "period": "2026-Q1", "investment_completed_cny": "5000", "source": "synthetic"},
        "P01/2026-Q1",
        {"capacity_reached": "10"},
        "capacity_reached",
        "10",
    ),
    "brands": (
        {"id": "BT1", "name_zh": "测试品牌", "owner_id": "E0300", "source": "synthetic"},
        "BT1",
        {"name_en": "Test brand"},
        "name_en",
        "Test brand",
    ),
    "brand_rankings": (
        {"brand_id": "B0001", "ranking": "test_list", "year": "2024", "rank": "7", "source": "synthetic"},
        "B0001/test_list/2024",
        {"rank": "6"},
        "rank",
        6,
    ),
    "innovation_platforms": (
        {"id": "PLT1", "name_zh": "测试平台", "kind": "key_laboratory", "level": "provincial", "source": "synthetic"},
        "PLT1",
        {"level": "national"},
        "level",
        "national",
    ),
}
OWN_PAGES = {"enterprises": "/enterprises/", "projects": "/projects/"}


def record_page(kind: str, key: str) -> str:
    """Return where a record's page is (enterprises and projects have their own)."""
    return OWN_PAGES[kind] + quote(key, safe="") if kind in OWN_PAGES else f"/records/{kind}/{quote(key)}"


def post_form(pages: Pages, path: str, data: dict[str, str], *, token_from: str) -> tuple[int, str, str]:
    """Post a form with the CSRF token of a page; return the status, the redirect target and the body."""
    response = pages.client.post(path, data={**data, "csrf_token": pages.csrf(token_from)}, follow_redirects=False)
    return response.status_code, response.headers.get("location", ""), response.text


def field_block(html: str, name: str) -> str:
    """Return the HTML of one field of a record form."""
    match = re.search(rf'<div class="form-field[^"]*" data-field="{name}">(.*?)</div>', html, re.S)
    assert match, f"no field {name} on the form"
    return match.group(1)


@pytest.mark.parametrize("kind", sorted(EXAMPLES))
def test_create_edit_and_delete_a_record_through_its_forms(pages: Pages, kind: str) -> None:
    new, key, edit, changed, expected = EXAMPLES[kind]
    pages.login("ana")
    new_path, api = f"/records/{kind}/new", f"/api/v1/{kind}/{quote(key)}"
    assert pages.client.get(api).status_code == 404

    status, location, body = post_form(pages, new_path, new, token_from=new_path)
    assert (status, location) == (303, record_page(kind, key)), body
    assert pages.client.get(api).status_code == 200

    edit_path = f"/records/{kind}/{quote(key)}/edit"
    form = pages.client.get(edit_path)
    assert form.status_code == 200 and "readonly" in form.text  # the key cannot change
    status, location, body = post_form(pages, edit_path, {**new, **edit}, token_from=edit_path)
    assert (status, location) == (303, record_page(kind, key)), body
    assert pages.client.get(api).json()[changed] == expected

    page = pages.client.get(record_page(kind, key) + ("?as_of=2026-06-30" if kind == "projects" else ""))
    history = page.text[page.text.index('id="history"') :]
    assert history.count("<tr>") == 3  # the header, the creation, the change
    assert "修改" in history and "新建" in history and "ana" in history and "网页" in history
    assert f"/history?kind={kind}&amp;record={quote(key)}" in history

    delete_path = f"/records/{kind}/{quote(key)}/delete"
    assert 'id="delete-form"' in pages.client.get(delete_path).text
    status, location, _ = post_form(pages, delete_path, {}, token_from=delete_path)
    assert status == 303
    assert pages.client.get(api).status_code == 404


def test_every_problem_is_shown_beside_its_field_in_the_page_language(pages: Pages) -> None:
    pages.login("ana")
    bad = {"id": "T002", "name_zh": "", "country": "CN", "employees": "abc", "export_share": "2", "source": "s"}
    status, _, html = post_form(pages, "/records/enterprises/new", bad, token_from="/records/enterprises/new")
    assert status == 422
    assert "有 3 处需要修改" in html
    assert "必填" in field_block(html, "name_zh")
    assert "须为整数" in field_block(html, "employees")
    assert "出口占比是 0 到 1 之间的小数（2 % 写作 0.02）" in field_block(html, "export_share")
    assert 'value="abc"' in field_block(html, "employees")  # what was typed stays, to be corrected
    assert "must be" not in html and " is " not in html
    pages.client.cookies.set("lang", "en")
    status, _, html = post_form(pages, "/records/enterprises/new", bad, token_from="/records/enterprises/new")
    assert "must be a whole number" in field_block(html, "employees") and "须为整数" not in html
    assert "(2 % is 0.02)" in field_block(html, "export_share")
    assert pages.client.get("/api/v1/enterprises/T002").status_code == 404


def test_an_unknown_reference_and_a_taken_key_are_refused_beside_their_fields(pages: Pages) -> None:
    pages.login("ana")
    link = {"supplier_id": "E9999", "customer_id": "E0301", "node_code": "D.AFT", "source": "synthetic"}
    path = "/records/supply_links/new"
    status, _, html = post_form(pages, path, link, token_from=path)
    assert status == 422 and "未知的企业 E9999（本次导入和登记库中都没有）" in field_block(html, "supplier_id")
    to_itself = {**link, "supplier_id": "E0301", "since": "2020", "until": "2019"}
    status, _, html = post_form(pages, path, to_itself, token_from=path)
    assert status == 422 and "企业不能向自己供货" in field_block(html, "customer_id")
    assert "结束早于开始（2020）" in field_block(html, "until")
    taken = {"id": "E0001", "name_zh": "重复", "country": "CN", "source": "synthetic"}
    status, _, html = post_form(pages, "/records/enterprises/new", taken, token_from="/records/enterprises/new")
    assert status == 409 and "企业记录 E0001 已存在" in field_block(html, "id")


def test_deleting_a_record_others_refer_to_is_refused_with_the_reason(pages: Pages) -> None:
    pages.login("ana")
    path = "/records/enterprises/E0001/delete"
    page = pages.client.get(path)
    assert page.status_code == 200
    assert "仍被以下记录引用" in page.text and 'id="delete-form"' not in page.text
    assert "供应关系的“供应商”" in page.text  # E0001 supplies others (demo supply_links.csv)
    status, _, body = post_form(pages, path, {}, token_from="/enterprises/E0001")
    assert status == 409 and "仍被以下记录引用" in body and "供应关系的“供应商”" in body
    assert 'id="delete-form"' not in body and "supply_links" not in body  # no table names on the page
    assert pages.client.get("/api/v1/enterprises/E0001").status_code == 200


def test_an_enterprise_field_takes_the_enterprise_s_name(pages: Pages) -> None:
    pages.login("ana")
    form = {"supplier_id": "星邦智能", "customer_id": "E0301", "node_code": "D.AFT", "source": "synthetic"}
    status, target, _ = post_form(pages, "/records/supply_links/new", form, token_from="/records/supply_links/new")
    assert status == 303 and "E0005" in target
    assert pages.client.get("/api/v1/supply_links/E0005/E0301/D.AFT").status_code == 200


def test_an_enterprise_a_member_account_belongs_to_lists_the_account(pages: Pages) -> None:
    with Session(pages.engine) as session:
        add_user(session, CTX, username="mem9", role=Role.MEMBER, password=PASSWORD, enterprise_id="E0003")
        session.commit()
    pages.login("ana")
    page = pages.client.get("/records/enterprises/E0003/delete")
    assert page.status_code == 200 and 'id="delete-form"' not in page.text
    assert "用户账号的“所属企业”：1 条" in page.text


def test_only_writers_see_the_buttons_and_may_post(pages: Pages) -> None:
    pages.login("vic")
    profile = pages.client.get("/enterprises/E0001").text
    assert "/records/enterprises/E0001/edit" not in profile and 'id="history"' not in profile
    assert "/records/enterprises/new" not in pages.client.get("/enterprises").text
    assert pages.client.get("/records/enterprises/new").status_code == 403
    new = EXAMPLES["brands"][0]
    status, _, _ = post_form(pages, "/records/brands/new", new, token_from="/enterprises")
    assert status == 403
    assert pages.client.get("/api/v1/brands/BT1").status_code == 404


def test_a_form_post_without_the_csrf_token_is_refused(pages: Pages) -> None:
    pages.login("ana")
    response = pages.client.post("/records/brands/new", data=EXAMPLES["brands"][0], follow_redirects=False)
    assert response.status_code == 403
    assert pages.client.get("/api/v1/brands/BT1").status_code == 404


def test_writers_see_new_edit_and_delete_where_records_are_listed_and_shown(pages: Pages) -> None:
    pages.login("ana")
    assert 'href="/records/enterprises/new"' in pages.client.get("/enterprises").text
    assert 'href="/records/projects/new"' in pages.client.get("/projects?as_of=2026-06-30").text
    profile = pages.client.get("/enterprises/E0001").text
    assert 'href="/records/enterprises/E0001/edit"' in profile and 'href="/records/enterprises/E0001/delete"' in profile
    listing = pages.client.get("/records/brands").text
    assert 'href="/records/brands/new"' in listing and 'href="/records/brands/B0001"' in listing
    assert "新建" in pages.client.get("/records").text


@pytest.mark.parametrize(
    ("kind", "key", "fields"),
    [
        ("enterprises", "T003", {"id": "T003", "name_zh": "测试别名有限公司", "country": "CN"}),
        ("organisations", "OT1", {"id": "OT1", "name_zh": "测试机构", "type": "association"}),
    ],
)
def test_a_record_s_aliases_show_as_the_import_writes_them(
    pages: Pages, kind: str, key: str, fields: dict[str, str]
) -> None:
    pages.login("ana")
    new_path = f"/records/{kind}/new"
    data = {**fields, "aliases": "甲别名;乙别名", "source": "synthetic"}
    status, location, body = post_form(pages, new_path, data, token_from=new_path)
    assert (status, location) == (303, record_page(kind, key)), body
    page = pages.client.get(record_page(kind, key)).text
    assert "('" not in page and "(&#39;" not in page and "甲别名;乙别名" in page  # not a Python tuple, escaped or not
    form = pages.client.get(f"/records/{kind}/{key}/edit").text
    assert 'value="甲别名;乙别名"' in field_block(form, "aliases")
