"""Pydantic's validation errors as coded problems: one per field, in Chinese and in English."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from chainatlas.domain.enterprise import Enterprise
from chainatlas.domain.indicator import Indicator
from chainatlas.domain.supply_link import SupplyLink
from chainatlas.services.field_problems import field_problems


def problems(model: type[Enterprise | Indicator | SupplyLink], data: dict[str, object]) -> dict[str, tuple[str, str]]:
    """Return field → (Chinese, English) of every problem of validating data as a model."""
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return {p.field: (p.text("zh"), p.text("en")) for p in field_problems(caught.value)}


def test_every_field_problem_has_a_chinese_text() -> None:
    found = problems(
        Enterprise,
        {"id": "E1", "country": "CN", "employees": "abc", "size_class": "huge", "founded": 1700, "source": "s"},
    )
    assert found == {
        "name_zh": ("必填", "is required"),
        "employees": ("必须是整数", "must be a whole number"),
        "size_class": ("必须是以下之一：large/medium/small/micro", "must be one of large/medium/small/micro"),
        "founded": ("不能小于 1800", "input should be greater than or equal to 1800"),
    }


def test_a_validator_s_own_words_and_number_limits_are_coded() -> None:
    found = problems(Indicator, {"metric": "m", "scope": "cluster", "period": "2024-13", "value": "x", "source": "s"})
    assert found["period"] == ("期间格式应为 YYYY、YYYY-Qn 或 YYYY-MM", "period must be YYYY, YYYY-Qn or YYYY-MM")
    assert found["value"] == ("必须是数字", "must be a number")
    link = {"supplier_id": "A", "customer_id": "B", "node_code": "N", "share": 2, "source": "s"}
    assert problems(SupplyLink, {**link, "annual_value_cny": "1.234"}) == {
        "share": ("不能大于 1", "input should be less than or equal to 1"),
        "annual_value_cny": ("小数最多 2 位", "must have at most 2 decimal places"),
    }


def test_the_value_shown_is_the_input_and_an_unknown_field_is_named() -> None:
    with pytest.raises(ValidationError) as caught:
        Enterprise.model_validate({"id": "E1", "name_zh": "甲", "country": "CN", "source": "s", "colour": "red"})
    (problem,) = field_problems(caught.value)
    assert (problem.field, problem.value, problem.text("zh")) == ("colour", "red", "不是这类记录的字段")
