"""The API's imports as people do them: templates, any file name with `kind`, absent columns, messages in the
reader's language with their code, files that are not text (422, nothing written)."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from tests.api.conftest import Api
from tests.api.problems import assert_problem

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"


def test_the_template_of_a_kind_downloads_as_xlsx(api: Api) -> None:
    response = api.client.get("/api/v1/imports/templates/chain_nodes.xlsx", headers=api.headers["ana"])
    assert response.status_code == 200
    assert response.headers["content-type"] == XLSX
    disposition = response.headers["content-disposition"]
    assert 'filename="chain_nodes-template.xlsx"' in disposition
    assert "filename*=UTF-8''%E4%BA%A7%E4%B8%9A%E9%93%BE" in disposition  # 产业链…
    sheet = load_workbook(io.BytesIO(response.content))["产业链环节"]
    assert [c.value for c in sheet[1]] == [
        "编码 (code)",
        "上级编码 (parent_code)",
        "名称 (name_zh)",
        "英文名称 (name_en)",
        "环节 (segment)",
        "卡脖子 (key_technology)",
        "来源 (source)",
    ]
    assert_problem(api.client.get("/api/v1/imports/templates/widgets.xlsx", headers=api.headers["ana"]), 404)
    assert_problem(api.client.get("/api/v1/imports/templates/chain_nodes.xlsx"), 401)
    assert_problem(api.client.get("/api/v1/imports/templates/chain_nodes.xlsx", headers=api.headers["vic"]), 403)


def test_a_file_of_any_name_imports_with_kind_and_reports_absent_columns(api: Api) -> None:
    body = "企业编号,企业名称,国家,来源\nE7,长沙新公司,中国,synthetic\n".encode()
    files = [("files", ("企业名单2025.csv", body, "text/csv"))]
    done = api.client.post("/api/v1/imports", headers=api.headers["ana"], files=files, data={"kind": "enterprises"})
    assert done.status_code == 200, done.text
    report = done.json()
    assert report["counts"] == {"enterprises": {"added": 1, "updated": 0, "unchanged": 0}}
    assert report["files"][0]["file"] == "企业名单2025.csv"
    assert report["files"][0]["absent_columns"][:3] == ["name_en", "unified_code", "province"]
    assert "in_cluster" in report["files"][0]["absent_columns"]
    guessed = api.client.post("/api/v1/imports", headers=api.headers["ana"], files=files)  # no kind: from headers
    assert guessed.json()["counts"] == {"enterprises": {"added": 0, "updated": 0, "unchanged": 1}}


def test_a_png_renamed_csv_is_a_422_in_the_readers_language(api: Api) -> None:
    files = [("files", ("截图.csv", PNG, "text/csv"))]
    zh = {**api.headers["ana"], "Accept-Language": "zh-CN,zh;q=0.9"}
    problem = assert_problem(api.client.post("/api/v1/imports", headers=zh, files=files), 422)
    assert [(p["file"], p["code"], p["message"]) for p in problem["problems"]] == [
        ("截图.csv", "import.not_text", "不是文本文件（是 PNG 文件）：请上传 CSV、XLSX 或 JSON 文件")
    ]
    assert problem["counts"] == {}
    english = assert_problem(api.client.post("/api/v1/imports", headers=api.headers["ana"], files=files), 422)
    assert english["problems"][0]["message"] == "is not a text file (it is a PNG file): upload a CSV, XLSX or JSON file"
    assert api.client.get("/api/v1/enterprises/E7", headers=api.headers["ana"]).status_code == 404
