"""Uploads: UTF-16/32 read by their byte-order mark, names that are not file names refused, same-named
uploads kept apart, and the size limit on every upload path."""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import Workbook
from tests.api.conftest import Api, _seed
from tests.interchange.bad_corpus import HEADER, line
from tests.interchange.registry_counts import written
from tests.web.conftest import Pages

from chainatlas.app import create_app
from chainatlas.config import load_settings

GOOD = {"country": "CN", "in_cluster": "true", "source": "synthetic"}
ENCODINGS = {
    "E91": (codecs.BOM_UTF16_LE, "utf-16-le"),
    "E92": (codecs.BOM_UTF16_BE, "utf-16-be"),
    "E93": (codecs.BOM_UTF32_LE, "utf-32-le"),
    "E94": (codecs.BOM_UTF32_BE, "utf-32-be"),
}


def enterprise_csv(*ids: str, name: str = "长沙某公司") -> bytes:
    """Return a UTF-8 enterprises CSV with one row per id."""
    return (HEADER + "".join(line("enterprises", id=i, name_zh=f"{name}{i}", **GOOD) for i in ids)).encode()


def test_utf16_and_utf32_files_with_a_byte_order_mark_are_read(api: Api) -> None:
    """Each encoding's file imports its row, Chinese name intact."""
    ana = api.headers["ana"]
    files = [
        ("files", (f"{i}.csv", bom + (HEADER + line("enterprises", id=i, name_zh=f"株洲{i}", **GOOD)).encode(codec)))
        for i, (bom, codec) in ENCODINGS.items()
    ]
    for name, data in files:
        response = api.client.post("/api/v1/imports", headers=ana, data={"kind": "enterprises"}, files=[(name, data)])
        assert response.status_code == 200, response.text
    for i in ENCODINGS:
        assert api.client.get(f"/api/v1/enterprises/{i}", headers=ana).json()["name_zh"] == f"株洲{i}"


def multipart(name: str, data: bytes) -> tuple[bytes, str]:
    """Return a multipart body carrying the name byte for byte (a client library would escape a NUL or a newline)."""
    boundary = "b0undary"
    head = f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n\r\n'.encode()
    return head + data + f"\r\n--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


NOT_NAMES = {
    "..": "is not a file name",
    ".": "is not a file name",
    " ": "is not a file name",
    "x" * 252 + ".csv": "longer than 255 bytes",
    "企" * 84 + ".csv": "longer than 255 bytes",  # 256 bytes in UTF-8 though only 88 characters
    "../enterprises.csv": "path separator",
    "..\\enterprises.csv": "path separator",
    "enterprises\x00.csv": "control character",
    "enterprises\n.csv": "control character",
}


@pytest.mark.parametrize("name", NOT_NAMES, ids=range(len(NOT_NAMES)))
def test_upload_names_that_are_not_file_names_get_a_422(api: Api, name: str) -> None:
    """The API says why the name is refused and writes nothing."""
    before = written(api.client.app.state.engine)  # type: ignore[attr-defined]
    body, content_type = multipart(name, enterprise_csv("E95"))
    headers = {**api.headers["ana"], "Content-Type": content_type}
    response = api.client.post("/api/v1/imports", headers=headers, content=body)
    assert response.status_code == 422, response.text
    problems = response.json()["problems"]
    assert len(problems) == 1 and NOT_NAMES[name] in problems[0]["message"]
    assert written(api.client.app.state.engine) == before  # type: ignore[attr-defined]


def test_ordinary_names_in_any_wording_are_accepted(api: Api) -> None:
    """A Chinese workbook name (kind from its sheet), a name with spaces and brackets, a Chinese kind name."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "企业"
    sheet.append(HEADER.strip().split(","))
    sheet.append(line("enterprises", id="E96", name_zh="湘潭某公司", **GOOD).strip().split(","))
    buffer = io.BytesIO()
    book.save(buffer)
    ana = api.headers["ana"]
    for name, data, form in (
        ("企业名单2025.xlsx", buffer.getvalue(), {}),
        ("my list (final) v2.csv", enterprise_csv("E97"), {"kind": "enterprises"}),
        ("企业.csv", enterprise_csv("E98"), {}),
    ):
        response = api.client.post("/api/v1/imports", headers=ana, data=form, files=[("files", (name, data))])
        assert response.status_code == 200, response.text
    assert [api.client.get(f"/api/v1/enterprises/{i}", headers=ana).status_code for i in ("E96", "E97", "E98")] == [
        200
    ] * 3


def test_two_uploads_with_one_name_do_not_overwrite_each_other(api: Api) -> None:
    """Both files of one request named enterprises.csv are imported."""
    files = [
        ("files", ("enterprises.csv", enterprise_csv("E71"))),
        ("files", ("enterprises.csv", enterprise_csv("E72"))),
    ]
    response = api.client.post("/api/v1/imports", headers=api.headers["ana"], files=files)
    assert response.status_code == 200, response.text
    assert response.json()["counts"]["enterprises"]["added"] == 2


def test_page_refuses_a_name_that_is_not_a_file_name(pages: Pages) -> None:
    """The import page answers 422 with the problem in its table, never a 500."""
    pages.login("ana")
    data = {"csrf_token": pages.csrf("/import")}
    response = pages.client.post("/import", data=data, files=[("files", ("..", enterprise_csv("E95")))])
    assert response.status_code == 422
    assert "不是文件名" in response.text  # the page's language: Chinese


@pytest.fixture
def small_limit(db_url: str, tmp_path: Path) -> Iterator[tuple[Pages, dict[str, str]]]:
    """Return a page client (ana signed in) and ana's API headers, on an app whose uploads may be at most 1 MB."""
    tokens = _seed(db_url, tmp_path / "seed")
    app = create_app(load_settings({"CHAINATLAS_MAX_UPLOAD_MB": "1"}, database_url=db_url), var_dir=tmp_path / "var")
    with TestClient(app) as client:
        pages = Pages(client, app.state.engine, users={"ana"})
        pages.login("ana")
        yield pages, {"Authorization": f"Bearer {tokens['ana']}"}
    app.state.engine.dispose()


@pytest.mark.parametrize("size_mb", [1.5, 6])
@pytest.mark.parametrize("path", ["/api/v1/imports", "/import", "/fairs/import"])
def test_uploads_over_the_limit_get_a_413_naming_the_file_and_the_limit(
    small_limit: tuple[Pages, dict[str, str]], path: str, size_mb: float
) -> None:
    """Just over the limit (refused while saving) or far over it (refused while the body streams in): 413, nothing written."""
    pages, token = small_limit
    before = written(pages.engine)
    data = {"csrf_token": pages.csrf("/import")}
    body = enterprise_csv("E99", name="x" * int(size_mb * (1 << 20)))
    headers = token if path.startswith("/api/") else {}
    response = pages.client.post(path, data=data, files=[("files", ("大名单.csv", body))], headers=headers)
    assert response.status_code == 413, response.text[:500]
    assert "大名单.csv" in response.text and "upload limit of 1 MB" in response.text
    assert written(pages.engine) == before


def _strings(value: object) -> list[str]:
    """Return every string inside a JSON value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


@pytest.mark.parametrize("size_mb", [1.5, 6])
def test_an_api_upload_over_the_limit_gets_a_413_in_chinese_first(
    small_limit: tuple[Pages, dict[str, str]], size_mb: float
) -> None:
    """Refused while saving (1.5 MB) or while the body streams in (6 MB): the message says it in Chinese, then English."""
    pages, token = small_limit
    body = enterprise_csv("E99", name="x" * int(size_mb * (1 << 20)))
    response = pages.client.post("/api/v1/imports", files=[("files", ("大名单.csv", body))], headers=token)
    assert response.status_code == 413
    said = [s for s in _strings(response.json()) if "upload limit" in s]
    assert said and all(re.search(r"超过上传上限 1 MB.*is larger than the upload limit of 1 MB", s) for s in said)
