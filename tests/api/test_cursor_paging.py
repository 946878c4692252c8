"""`after=` on /api/v1/<kind>: the `next` cursor walks a list, a search too, the first page counted, the others not."""

from __future__ import annotations

from typing import Any

from tests.api.conftest import Api
from tests.api.test_name_search import firms  # noqa: F401  (the fixture)


def walk(api: Api, path: str, **params: Any) -> tuple[list[str], list[int | None]]:
    ids: list[str] = []
    totals: list[int | None] = []
    after: str | None = None
    while True:
        sent = {**params, **({"after": after} if after else {})}
        answer = api.client.get(path, params=sent, headers=api.headers["ana"])
        assert answer.status_code == 200, answer.text
        body = answer.json()
        ids += [item["id"] for item in body["items"]]
        totals.append(body["total"])
        after = body["next"]
        if after is None:
            return ids, totals


def test_the_cursor_walks_the_enterprises(api: Api) -> None:
    assert walk(api, "/api/v1/enterprises", limit=2) == (["E1", "E2", "E3"], [3, None])


def test_the_cursor_walks_a_search_in_its_order(firms: Api) -> None:  # noqa: F811
    # 三一 starts the names of S1 三一重工 and S2 三一重机 (as long: by id), and is inside S3's
    assert walk(firms, "/api/v1/enterprises", q="三一", limit=1) == (["S1", "S2", "S3"], [3, None, None])


def test_a_bad_cursor_is_a_problem(api: Api) -> None:
    answer = api.client.get("/api/v1/enterprises", params={"after": "zz"}, headers=api.headers["ana"])
    assert answer.status_code == 422
    assert [(e["field"], e["code"]) for e in answer.json()["errors"]] == [("after", "paging.cursor")]


def test_a_first_page_counts_up_to_the_cap_and_says_so(api: Api, monkeypatch: Any) -> None:
    monkeypatch.setattr("chainatlas.api.routes.registry.COUNT_CAP", 2)
    chinese = {**api.headers["ana"], "Accept-Language": "zh-CN"}
    zh = api.client.get("/api/v1/enterprises", params={"limit": 1}, headers=chinese).json()
    # three enterprises match (E1, E2, E3): counting stops after the third, and says "more than 2"
    assert (zh["total"], zh["total_capped"], zh["total_note"]["code"]) == (2, True, "paging.total_capped")
    assert zh["total_note"]["message"] == "超过 2 条（只数到 2 条为止）"
    english = {**api.headers["ana"], "Accept-Language": "en"}
    en = api.client.get("/api/v1/enterprises", params={"limit": 1, "after": zh["next"]}, headers=english).json()
    assert (en["total"], en["total_capped"], en["total_note"]) == (
        None,
        False,
        {"code": "paging.not_counted", "message": "a page after a cursor is not counted"},
    )
    monkeypatch.setattr("chainatlas.api.routes.registry.COUNT_CAP", 3)
    exact = api.client.get("/api/v1/enterprises", headers=api.headers["ana"]).json()
    assert (exact["total"], exact["total_capped"], exact["total_note"]) == (3, False, None)
