"""The change history pages over the demo data: who may open them, the `kind` and `record` links a record's
page gives, dates in the cluster's time zone written the Chinese way, the English page without Chinese labels,
and revert buttons for admins only."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy.orm import Session
from tests.web.conftest import Pages

from chainatlas.services.context import Via, WriteContext
from chainatlas.services.records import update_record
from chainatlas.store.history import HistoryRepository

CJK = re.compile(r"[\u3400-\u9fff]")
MOVED = WriteContext("ana", Via.WEB, dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.UTC))
"""2026-03-01 23:30 UTC is 2026-03-02 07:30 in Asia/Shanghai, the default CHAINATLAS_TIME_ZONE."""


def move_sany(pages: Pages) -> int:
    with Session(pages.engine) as session:
        update_record(session, MOVED, kind="enterprises", key=("E0001",), changes={"city": "株洲市"})
        session.commit()
        return HistoryRepository(session).newest_change_id()


def test_only_analysts_and_admins_open_the_history(pages: Pages) -> None:
    response = pages.client.get("/history", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login")
    pages.login("vic")
    assert pages.client.get("/history").status_code == 403
    assert 'href="/history"' not in pages.client.get("/").text


def test_a_record_link_filters_to_its_changes_with_shanghai_dates(pages: Pages) -> None:
    change_id = move_sany(pages)
    pages.login("ana")
    page = pages.client.get("/history?kind=enterprises&record=E0001").text
    assert f'href="/history/changes/{change_id}"' in page
    assert "2026年3月2日 07:30" in page and "共 1 条" in page
    assert 'href="/history"' in pages.client.get("/").text
    assert "共 0 条" in pages.client.get("/history?kind=enterprises&record=E0002").text
    detail = pages.client.get(f"/history/changes/{change_id}").text
    assert "revert-form" not in detail  # analysts read; only admins revert


def test_the_english_page_has_no_chinese_labels(pages: Pages) -> None:
    change_id = move_sany(pages)
    pages.login("ana")
    pages.client.get("/lang/en")
    listing = pages.client.get("/history?kind=enterprises").text
    assert "2026-03-02 07:30" in listing and "Change history" in listing
    detail = pages.client.get(f"/history/changes/{change_id}").text
    body = detail.split("<main", 1)[1].split("</main>", 1)[0]
    aliases = ("三一重工股份有限公司", "三一集团有限公司", "三一集团", "三一重机")  # Sany's aliases: data, as written
    for data in (*aliases, "株洲市", "长沙市", "三一重工", "三一", "湖南省", "全球50强", "上市", "中国工程机械"):
        body = body.replace(data, "")
    assert not CJK.findall(body), CJK.findall(body)


def test_an_imported_record_links_to_the_import_that_added_it(pages: Pages) -> None:
    pages.login("ana")
    page = pages.client.get("/history?kind=enterprises&record=E0002").text
    assert 'id="added-in-1"' in page and 'href="/history/batches/1"' in page  # the demo import, the first batch
