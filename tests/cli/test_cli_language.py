"""The command line speaks the locale's language: Chinese when it starts with zh, English otherwise."""

from __future__ import annotations

import pytest
from tests.conftest import Cli

from chainatlas.cli.lang import cli_lang


def test_refusals_are_chinese_under_a_chinese_locale(cli: Cli) -> None:
    code, _, err = cli("user", "add", "dave", "--role", "member", "--password", "short", lang="zh_CN.UTF-8")
    assert code == 3
    assert err.startswith("错误：")
    assert "password: 至少需要 10 个字符" in err
    assert "enterprise_id: 成员账号须属于一家企业" in err
    assert "must have" not in err


def test_refusals_are_english_under_an_english_locale(cli: Cli) -> None:
    code, _, err = cli("user", "add", "dave", "--role", "member", "--password", "short", lang="en_US.UTF-8")
    assert code == 3
    assert err.startswith("error:")
    assert "password: must have at least 10 characters" in err
    assert "enterprise_id: a member account belongs to one enterprise" in err


def test_a_not_found_error_follows_the_locale(cli: Cli) -> None:
    assert cli("user", "add", "erin", "--role", "viewer")[0] == 0
    assert "用户 erin 已存在" in cli("user", "add", "erin", lang="zh_CN.GB18030")[2]
    assert "user erin already exists" in cli("user", "add", "erin", lang="C")[2]


@pytest.mark.parametrize(
    ("env", "lang"),
    [
        ({}, "en"),
        ({"LANG": "C"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "zh_TW.Big5"}, "zh"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "zh_CN.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "en"),
        ({"LANG": "zh_CN.UTF-8", "LC_ALL": ""}, "zh"),
    ],
)
def test_the_locale_variables_decide_in_posix_order(env: dict[str, str], lang: str) -> None:
    assert cli_lang(env) == lang
