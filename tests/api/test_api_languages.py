"""Problem details in the reader's language: Chinese by default, English on `Accept-Language: en`; every error
carries its message code and parameters, and a body's problems all come in one answer."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from tests.api.conftest import Api
from tests.api.problems import assert_problem

from chainatlas.api.lang import accepted_lang

BAD_FIRM = {
    "id": "E9",
    "name_zh": "坏",
    "country": "CHINA",  # not a two-letter code
    "employees": -5,  # below 0
    "parent_id": "E404",  # no such enterprise: the service's own rule
    "source": "synthetic",
}


def _bare(api: Api) -> TestClient:
    """Return a client on the same app that sends no Accept-Language at all."""
    return TestClient(api.client.app)


def test_a_body_with_three_bad_fields_gets_three_errors_in_chinese_by_default(api: Api) -> None:
    response = _bare(api).post("/api/v1/enterprises", headers=api.headers["ana"], json=BAD_FIRM)
    problem = assert_problem(response, 422)
    assert response.headers["content-language"] == "zh-CN"
    assert (problem["title"], problem["detail"], problem["code"]) == (
        "输入有误",
        "输入不符合规则，见各项错误",
        "input.invalid",
    )
    found = {e["field"]: (e["code"], e["params"], e["message"], e["value"]) for e in problem["errors"]}
    assert found == {
        "country": (
            "enterprise.pattern",
            {"example": "CN (ISO 3166-1 alpha-2)"},
            "格式应如 CN (ISO 3166-1 alpha-2)",
            "CHINA",
        ),
        "employees": ("field.at_least", {"limit": 0}, "须不小于 0", "-5"),
        "parent_id": (
            "reference.unknown_enterprises",
            {"ref": "E404"},
            "未知的企业 E404（本次导入和登记库中都没有）",
            "E404",
        ),
    }


def test_accept_language_en_answers_in_english_with_the_same_codes(api: Api) -> None:
    headers = {**api.headers["ana"], "Accept-Language": "en-GB,en;q=0.9,zh;q=0.5"}
    problem = assert_problem(api.client.post("/api/v1/enterprises", headers=headers, json=BAD_FIRM), 422)
    assert (problem["title"], problem["detail"]) == ("Invalid input", "the input breaks rules; see errors")
    found = {e["field"]: (e["code"], e["message"]) for e in problem["errors"]}
    assert found == {
        "country": ("enterprise.pattern", "must look like CN (ISO 3166-1 alpha-2)"),
        "employees": ("field.at_least", "must be at least 0"),
        "parent_id": (
            "reference.unknown_enterprises",
            "unknown enterprise E404 (not in this import nor in the registry)",
        ),
    }


def test_a_service_error_carries_its_code_and_params_in_both_languages(api: Api) -> None:
    zh = assert_problem(_bare(api).get("/api/v1/enterprises/E404", headers=api.headers["ana"]), 404)
    assert (zh["title"], zh["detail"]) == ("未找到", "没有企业记录 E404")
    assert (zh["code"], zh["params"]) == ("record.not_found.enterprises", {"kind": "enterprises", "key": "E404"})
    en = assert_problem(api.client.get("/api/v1/enterprises/E404", headers=api.headers["ana"]), 404)
    assert (en["title"], en["detail"], en["code"]) == ("Not found", "no enterprise record E404", zh["code"])


def test_refusals_and_request_shape_errors_are_translated(api: Api) -> None:
    anonymous = assert_problem(_bare(api).post("/api/v1/enterprises", json=BAD_FIRM), 401)
    assert (anonymous["title"], anonymous["detail"], anonymous["code"]) == (
        "需要登录",
        "请先登录（或发送 API 令牌）再写入",
        "access.sign_in_to_write",
    )
    not_json = _bare(api).post(
        "/api/v1/enterprises",
        headers={**api.headers["ana"], "Content-Type": "application/json"},
        content=b'{"id": ',
    )
    shape = assert_problem(not_json, 422)
    assert shape["detail"] == "请求与 API 不符，见各项错误"
    assert [(e["field"], e["code"]) for e in shape["errors"]] == [("body", "field.json")]
    assert shape["errors"][0]["message"].startswith("请求体不是有效的 JSON（第 7 个字符）")


@pytest.mark.parametrize(
    ("header", "lang"),
    [
        (None, "zh"),
        ("", "zh"),
        ("en", "en"),
        ("en-US,en;q=0.9", "en"),
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh"),
        ("fr-FR, en;q=0.5", "en"),
        ("en;q=0.3, zh-TW;q=0.7", "zh"),
        ("de", "zh"),
        ("en;q=0", "zh"),
    ],
)
def test_accept_language_picks_the_preferred_of_chinese_and_english(header: str | None, lang: str) -> None:
    assert accepted_lang(header) == lang


def test_a_change_with_three_bad_fields_gets_three_errors(api: Api) -> None:
    change = {"country": "CHINA", "employees": -5, "parent_id": "E404"}
    problem = assert_problem(api.client.patch("/api/v1/enterprises/E1", headers=api.headers["ana"], json=change), 422)
    assert sorted((e["field"], e["code"]) for e in problem["errors"]) == [
        ("country", "enterprise.pattern"),
        ("employees", "field.at_least"),
        ("parent_id", "reference.unknown_enterprises"),
    ]


def test_the_create_operation_still_documents_the_record_schema(api: Api) -> None:
    post = api.client.get("/api/openapi.json").json()["paths"]["/api/v1/enterprises"]["post"]
    schema = post["requestBody"]["content"]["application/json"]["schema"]
    assert schema["$ref"] == "#/components/schemas/Enterprise" and post["requestBody"]["required"] is True
