"""The message catalogue: every code has a Chinese and an English text taking the same placeholders."""

from __future__ import annotations

import re

import pytest

from chainatlas.domain.common import Problem
from chainatlas.domain.messages import CATALOGUE, message_text, placeholders

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_both_texts_take_the_same_placeholders(code: str) -> None:
    zh, en = CATALOGUE[code]
    assert placeholders(zh) == placeholders(en), code


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_chinese_text_is_chinese_and_english_text_is_not(code: str) -> None:
    zh, en = CATALOGUE[code]
    assert CJK.search(zh) or zh == "{reason}", code
    assert not CJK.search(en), code


def test_a_coded_problem_renders_in_each_language() -> None:
    problem = Problem.coded("name", "record.not_found", kind="企业", key="E1")
    assert problem.text("zh") == "没有企业记录 E1"
    assert problem.message == "no 企业 record E1"
    assert message_text("no.such.code", {}, "zh") == "no.such.code"
