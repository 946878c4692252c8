"""The enterprise picker in a real browser over the demo data: typing part of a name (三一) in a what-if form
offers 三一重工 from the name search, and the form submits its id (E0001), not the typed text."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect
from tests.web.browser import Walk, walk_in_browser
from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.browser
SANY = "E0001"  # 三一重工 in src/chainatlas/demo/data/enterprises.csv, the only demo name holding 三一


def sign_in_at(walk: Walk, path: str) -> None:
    walk.page.goto(walk.server + path)
    walk.submit_sign_in("ana", PASSWORD)
    expect(walk.page).to_have_url(walk.server + path)


def type_and_wait(walk: Walk, selector: str, text: str) -> None:
    """Type like a person, then wait for the suggestions of the name search."""
    field = walk.page.locator(selector)
    field.click()
    field.press_sequentially(text, delay=80)
    expect(field).to_have_attribute("data-found", "1")


def test_the_resilience_what_if_picker_finds_sany_by_name_and_submits_its_id(server: str) -> None:
    with walk_in_browser(server) as walk:
        sign_in_at(walk, "/resilience/what-if")
        page = walk.page
        type_and_wait(walk, "#whatif-firms", "三一")
        option = page.locator("#whatif-firms-choices option")
        expect(option).to_have_count(1)
        assert option.get_attribute("value") == SANY and option.inner_text().startswith("三一重工")
        page.check("input[name=by][value=firms]")
        page.click("#whatif-run")
        expect(page.locator("#whatif-result")).to_be_visible()
        assert parse_qs(urlparse(page.url).query)["firms"] == [SANY]
        expect(page.locator("#whatif-firms")).to_have_value(SANY)
        walk.shot("picker-resilience-what-if")
        assert walk.errors == []


def test_a_second_firm_completes_the_last_part_of_the_list(server: str) -> None:
    with walk_in_browser(server) as walk:
        sign_in_at(walk, "/resilience/what-if")
        type_and_wait(walk, "#whatif-firms", "E0002, sany")
        option = walk.page.locator("#whatif-firms-choices option")
        assert option.get_attribute("value") == f"E0002, {SANY}"


def test_the_chain_what_if_supplier_picker_finds_sany_and_submits_its_id(server: str) -> None:
    with walk_in_browser(server) as walk:
        sign_in_at(walk, "/chain/scenarios")
        page = walk.page
        type_and_wait(walk, "input[name=supplier_firm]", "三一")
        page.click("#evaluate")
        expect(page.locator("#form-problems")).to_be_visible()  # no customer or node yet: the form comes back
        expect(page.locator("input[name=supplier_firm]")).to_have_value(SANY)
