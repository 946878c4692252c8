"""The briefing page: analysts make a briefing in the background, follow it and download its stored files;
editorial texts go on the draft; viewers do not get the page."""

from __future__ import annotations

import hashlib
import re
import time

import pytest
from tests.web.conftest import Pages

pytestmark = pytest.mark.slow  # the demo data and its resilience analysis take a while


def test_analyst_makes_follows_and_downloads_a_briefing(pages: Pages) -> None:
    pages.login("ana")
    page = pages.client.get("/reports/briefing")
    assert page.status_code == 200 and 'id="briefing-form"' in page.text
    assert 'href="/reports/briefing"' in page.text  # in the menu
    token = pages.csrf("/reports/briefing")
    form = {"as_of": "2025-12-31", "lang": "zh", "audience": "viewer", "formats": ["html", "xlsx"], "csrf_token": token}
    started = pages.client.post("/reports/briefing", data=form, follow_redirects=False)
    assert started.status_code == 303, started.text
    for _ in range(600):
        shown = pages.client.get(started.headers["location"]).text
        if 'data-state="running"' not in shown:
            break
        time.sleep(0.1)
    assert 'data-state="done"' in shown, shown[-2000:]
    links = dict(re.findall(r'href="(/api/v1/reports/briefing/[^"]+briefing\.(\w+))"', shown))
    sums = dict(re.findall(r"briefing\.(\w+)</a> <code>(\w+)</code>", shown))
    assert set(sums) == {"html", "xlsx"}
    for url in links:
        body = pages.client.get(url).content
        fmt = url.rsplit(".", 1)[1]
        assert hashlib.sha256(body).hexdigest().startswith(sums[fmt])
    note = {"period": "2025-12", "section": "alerts", "text": "本月无新发预警。", "csrf_token": token}
    assert pages.client.post("/reports/briefing/note", data=note, follow_redirects=False).status_code == 303
    assert "本月无新发预警。" in pages.client.get("/reports/briefing").text


def test_viewer_gets_no_briefing_page(pages: Pages) -> None:
    pages.login("vic")
    assert pages.client.get("/reports/briefing").status_code == 403


@pytest.mark.parametrize(
    ("field", "value"), [("as_of", "2025-13-40"), ("lang", "xx"), ("audience", "public")], ids=["date", "lang", "aud"]
)
def test_a_bad_form_field_is_named_on_a_400_page_not_a_500(pages: Pages, field: str, value: str) -> None:
    pages.login("ana")
    token = pages.csrf("/reports/briefing")
    form = {"as_of": "2025-12-31", "lang": "zh", "audience": "viewer", "formats": ["html"], "csrf_token": token}
    answer = pages.client.post("/reports/briefing", data={**form, field: value}, follow_redirects=False)
    assert answer.status_code == 400, answer.text[-500:]
    assert field in answer.text and value in answer.text


def test_the_chinese_page_names_the_sections_in_chinese(pages: Pages) -> None:
    pages.login("ana")
    page = pages.client.get("/reports/briefing").text
    assert "主要指标</label>" in page and "补链招商</label>" in page  # by hand: the zh names of headline and gaps
    assert "> headline</label>" not in page and "> gaps</label>" not in page
