"""Cached pages: each session gets its own CSRF token, each reader their own page, and writes show at once."""

from __future__ import annotations

import datetime as dt

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from tests.web.conftest import CSRF, PASSWORD, Pages

from chainatlas.services.context import Via, WriteContext
from chainatlas.services.records import update_record


def test_a_cached_page_carries_each_sessions_own_csrf_token(pages: Pages) -> None:
    pages.ensure_user("ana")
    first = CSRF.search(pages.client.get("/login").text)
    with TestClient(pages.client.app) as other:
        second_page = other.get("/login")  # the same page, now from the cache
        second = CSRF.search(second_page.text)
        assert first and second and first.group(1) != second.group(1)
        data = {"username": "ana", "password": PASSWORD, "csrf_token": second.group(1), "next": "/"}
        assert other.post("/login", data=data, follow_redirects=False).status_code == 303
        stale = {"username": "ana", "password": PASSWORD, "csrf_token": first.group(1), "next": "/"}
    with TestClient(pages.client.app) as third:
        third.get("/login")
        assert third.post("/login", data=stale, follow_redirects=False).status_code == 403


def test_each_reader_gets_their_own_page(pages: Pages) -> None:
    pages.login("ana")
    assert "ana" in pages.client.get("/enterprises").text
    with TestClient(pages.client.app) as other:
        pages.ensure_user("vic")
        csrf = CSRF.search(other.get("/login").text)
        assert csrf
        other.post("/login", data={"username": "vic", "password": PASSWORD, "csrf_token": csrf.group(1), "next": "/"})
        page = other.get("/enterprises").text
        assert "vic" in page and ">ana<" not in page


def test_a_write_shows_on_the_next_request(pages: Pages) -> None:
    pages.login("ana")
    assert "三一重工" in pages.client.get("/enterprises/E0001").text
    ctx = WriteContext(actor="ana", via=Via.API, at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    with Session(pages.engine) as session:
        update_record(session, ctx, kind="enterprises", key=("E0001",), changes={"name_zh": "三一重工股份有限公司"})
        session.commit()
    assert "三一重工股份有限公司" in pages.client.get("/enterprises/E0001").text
