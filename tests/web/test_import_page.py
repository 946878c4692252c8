"""The import page's templates and kind chooser without a browser: downloads, a link to a chosen kind, an
unknown kind answered with the styled 404 page."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from tests.web.conftest import Pages


def test_templates_download_from_the_page_and_the_chooser_takes_a_kind(pages: Pages) -> None:
    pages.login("ana")
    page = pages.client.get("/import?kind=supply_links")
    assert page.status_code == 200
    assert '<option value="supply_links" selected>供应关系</option>' in page.text
    assert (
        page.text.count('href="/import/templates/') == 22
    )  # one template per kind, by hand: 19 kinds + clusters and cluster_members
    template = pages.client.get("/import/templates/brands.xlsx")
    assert template.status_code == 200
    sheet = load_workbook(io.BytesIO(template.content))["品牌"]
    assert [c.value for c in sheet[1]] == [
        "品牌编号 (id)",
        "品牌名称 (name_zh)",
        "英文名称 (name_en)",
        "所属企业 (owner_id)",
        "来源 (source)",
    ]
    missing = pages.client.get("/import/templates/widgets.xlsx")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("text/html")
