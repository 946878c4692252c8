"""Every page in both languages, read as a person reads it: no Chinese on an English page and no English on a
Chinese page, outside names and data (marked `translate="no"` or shown as `<code>`, see tests/web/language.py)."""

from __future__ import annotations

import pytest
from tests.web.conftest import Pages
from tests.web.language import foreign_text
from tests.web.walk import PAGES, POSTS, REFUSED, UPLOADS, add_walker, posted, refused, settled, sign_in, uploaded


def walked(pages: Pages, lang: str) -> dict[str, list[str]]:
    """Return, for every page of the walk in a language, the pieces of text in the other language."""
    client = pages.client
    client.cookies.set("lang", lang)
    found = {path: foreign_text(settled(client, path), lang) for path in PAGES}
    found |= {f"POST {path}": foreign_text(posted(client, path, data), lang) for path, data in POSTS}
    found |= {f"POST {path} (no token)": foreign_text(refused(client, path), lang) for path in REFUSED}
    return {path: pieces for path, pieces in found.items() if pieces}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_is_in_one_language_outside_names_and_data(pages: Pages, lang: str) -> None:
    add_walker(pages.engine)
    sign_in(pages.client)
    found = walked(pages, lang)
    assert not found, "\n".join(f"{path}: {' | '.join(dict.fromkeys(pieces))}" for path, pieces in found.items())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_import_problems_are_in_the_page_language(pages: Pages, lang: str) -> None:
    add_walker(pages.engine)
    sign_in(pages.client)
    pages.client.cookies.set("lang", lang)
    found = {name: foreign_text(uploaded(pages.client, path, name, content), lang) for path, name, content in UPLOADS}
    assert not any(found.values()), found


def test_the_check_finds_the_other_language() -> None:
    page = '<p>概览 <span translate="no">Sany Heavy Industry</span> <code>E0001</code> API</p><p>lower bound</p>'
    assert foreign_text(page, "zh") == ["lower bound"]
    assert foreign_text("<p>不是 .csv、.xlsx 或 .json 文件</p><p>不是 csv 文件</p>", "zh") == ["不是 csv 文件"]
    assert foreign_text('<p title="供应商">Suppliers</p><p lang="zh-CN">中文</p>', "en") == ["供应商"]
    assert foreign_text('<span translate="no">长沙晚报 <span translate="yes">（下限）</span></span>', "en") == [
        "（下限）"
    ]
