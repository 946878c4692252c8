"""Name search (`q=` on /api/v1/enterprises, the enterprises page and every picker): a full legal name, a short
name, part of either, in Chinese or English (Latin letters in any case), exact and prefix matches first."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.orm import Session
from tests.api.conftest import Api, now_context

from chainatlas.domain.names import name_core
from chainatlas.services.records import create_record

FIRMS = (
    ("S3", "湖南三一重工能源装备有限公司", "Hunan Sany Energy Equipment Co., Ltd."),
    ("S1", "三一重工", "Sany Heavy Industry"),
    ("S2", "三一重机", "Sany Heavy Machinery"),
    ("Z1", "中联重科", "Zoomlion"),
)


@pytest.fixture
def firms(api: Api) -> Api:
    """Add the four firms above to the API's registry."""
    with Session(api.client.app.state.engine) as session:  # type: ignore[attr-defined]
        for key, zh, en in FIRMS:
            data = {"id": key, "name_zh": zh, "name_en": en, "country": "CN", "in_cluster": True, "source": "synthetic"}
            create_record(session, now_context(), kind="enterprises", data=data)
        session.commit()
    return api


def found(api: Api, q: str, **extra: Any) -> list[str]:
    answer = api.client.get("/api/v1/enterprises", params={"q": q, **extra}, headers=api.headers["ana"])
    assert answer.status_code == 200, answer.text
    return [item["id"] for item in answer.json()["items"]]


def test_the_typed_name_loses_its_legal_form() -> None:
    assert name_core("三一重工股份有限公司") == "三一重工"
    assert name_core("三一重工有限责任公司") == "三一重工"
    assert name_core(" Sany Heavy Industry Co., Ltd. ") == "sany heavy industry"
    assert name_core("ＳＡＮＹ") == "sany"  # full-width letters as typed by a Chinese input method
    assert name_core("有限公司") == "有限公司"  # nothing but a legal form stays a search for it


def test_the_full_legal_name_finds_the_short_name_on_file(firms: Api) -> None:
    assert found(firms, "三一重工股份有限公司") == ["S1", "S3"]  # 三一重工 exactly, then the one that contains it


def test_a_short_name_finds_every_firm_whose_name_holds_it_exact_and_prefix_first(firms: Api) -> None:
    # S1 and S2 start with 三一 (shorter name first within a rank, both of four characters: then by id),
    # S3 only contains it
    assert found(firms, "三一") == ["S1", "S2", "S3"]
    assert found(firms, "三一重机") == ["S2"]


def test_part_of_a_name_and_english_in_any_case(firms: Api) -> None:
    assert found(firms, "重科") == ["Z1"]
    assert found(firms, "zoom") == ["Z1"]
    assert found(firms, "SANY heavy") == ["S1", "S2"]
    assert found(firms, "sany") == ["S1", "S2", "S3"]  # prefix in English beats containing
    assert found(firms, "Sany Heavy Industry Co., Ltd.") == ["S1"]


def test_an_exact_match_comes_first_even_when_longer(firms: Api) -> None:
    assert found(firms, "zoomlion")[0] == "Z1"
    assert found(firms, "s1")[0] == "S1"  # the id, in any case


def test_an_explicit_sort_still_wins(firms: Api) -> None:
    assert found(firms, "三一", sort="-id") == ["S3", "S2", "S1"]
