"""News documents from files: plain text, HTML without its chrome, RSS, Atom, JSON Lines, folders; bad input
named by file, line and field."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from tests.news_cases import ATOM, HTML, RSS

from chainatlas.interchange.news_files import read_documents
from chainatlas.interchange.news_html import html_text
from chainatlas.interchange.problems import UnreadableFile

DAY = dt.date(2026, 3, 6)


def test_plain_text_is_kept_as_it_is_with_its_first_line_as_title(tmp_path: Path) -> None:
    text = "長沙工程機(jī)械\n第二行 (记者 朱泽寰)\n"
    (tmp_path / "n1.txt").write_text(text, encoding="utf-8")
    [doc] = read_documents(tmp_path / "n1.txt", retrieved=DAY)
    assert (doc.text, doc.title, doc.id, doc.retrieved) == (text, "長沙工程機(jī)械", "n1", DAY)


def test_gbk_text_is_read(tmp_path: Path) -> None:
    (tmp_path / "gbk.txt").write_bytes("三一重工在长沙".encode("gbk"))
    [doc] = read_documents(tmp_path / "gbk.txt", retrieved=DAY)
    assert doc.text == "三一重工在长沙"


def test_html_keeps_the_article_and_drops_the_chrome(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(HTML, encoding="utf-8")
    [doc] = read_documents(tmp_path / "page.html", retrieved=DAY)
    assert doc.title == "铁建重工盾构机下线"
    assert doc.text == "铁建重工盾构机下线\n近日，铁建重工第1000台盾构机在长沙下线。\n该设备将用于城市地铁建设。"
    for chrome in ("首页", "网站标志", "热门文章", "版权所有", "tracking", "color"):
        assert chrome not in doc.text


def test_html_without_an_article_element_drops_navigation_and_scripts() -> None:
    title, text = html_text(
        "<body><nav>菜单</nav><p>第一段</p><div class='share-bar'>分享</div><p>a &amp; b</p></body>"
    )
    assert (title, text) == (None, "第一段\na & b")


def test_rss_entries_become_documents(tmp_path: Path) -> None:
    (tmp_path / "feed.rss").write_text(RSS, encoding="utf-8")
    docs = read_documents(tmp_path / "feed.rss", retrieved=DAY)
    assert [(d.id, d.url, d.title, d.published) for d in docs] == [
        ("news-1", "http://news.example/a/1.html", "长沙工程机械出口增长", dt.date(2026, 3, 3)),
        ("news-2", "http://news.example/a/2.html", "三一重工发布新款挖掘机", dt.date(2026, 3, 4)),
    ]
    assert docs[0].text == "2025年，长沙工程机械出口额同比增长12%。\n中联重科海外收入创新高。"


def test_atom_entries_become_documents(tmp_path: Path) -> None:
    (tmp_path / "feed.atom").write_text(ATOM, encoding="utf-8")
    [doc] = read_documents(tmp_path / "feed.atom", retrieved=DAY)
    assert (doc.id, doc.url, doc.published, doc.text) == (
        "urn:test:1",
        "http://atom.example/1",
        dt.date(2026, 3, 5),
        "山河智能位于长沙经开区的新厂正式投产。",
    )


def test_json_lines_of_the_shared_corpus_shape(tmp_path: Path) -> None:
    rows = [
        {"id": "N01", "url": "http://a.example/1", "retrieved": "2026-12-07", "text": "第一篇"},
        {"id": 7, "url": "http://a.example/2", "text": "第二篇", "title": "标题", "published": "2025-06-14"},
    ]
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n\n", "utf-8")
    docs = read_documents(tmp_path / "a.jsonl", retrieved=DAY)
    assert [(d.id, d.url, d.title, d.published, d.retrieved, d.text) for d in docs] == [
        ("N01", "http://a.example/1", None, None, dt.date(2026, 12, 7), "第一篇"),
        ("7", "http://a.example/2", "标题", dt.date(2025, 6, 14), DAY, "第二篇"),
    ]
    assert docs[0].source == "http://a.example/1"


def test_a_folder_reads_every_known_file_at_any_depth(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("乙", encoding="utf-8")
    (tmp_path / "sub" / "a.html").write_text("<p>甲</p>", encoding="utf-8")
    (tmp_path / "sub" / "c.atom").write_text(ATOM, encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    docs = read_documents(tmp_path, retrieved=DAY)
    assert [d.text for d in docs] == ["乙", "甲", "山河智能位于长沙经开区的新厂正式投产。"]


def test_bad_json_lines_are_each_named_with_line_and_field(tmp_path: Path) -> None:
    lines = [
        '{"id": "x", "text": "好"}',
        "not json",
        '{"id": "y"}',
        '{"id": "z", "text": "t", "published": "6月"}',
        "[1]",
    ]
    (tmp_path / "bad.jsonl").write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(UnreadableFile) as caught:
        read_documents(tmp_path / "bad.jsonl", retrieved=DAY)
    found = [(p.row, p.column, p.code) for p in caught.value.problems]
    assert found == [
        (2, None, "news.bad_line"),
        (3, "text", "news.no_text"),
        (4, "published", "news.bad_field"),
        (5, None, "news.bad_line"),
    ]


def test_unknown_format_and_empty_feed_are_refused(tmp_path: Path) -> None:
    (tmp_path / "x.docx").write_bytes(b"PK")
    with pytest.raises(UnreadableFile) as caught:
        read_documents(tmp_path / "x.docx", retrieved=DAY)
    assert caught.value.problems[0].code == "news.unknown_format"
    (tmp_path / "broken.xml").write_text("<rss><channel><item>", encoding="utf-8")
    with pytest.raises(UnreadableFile) as caught:
        read_documents(tmp_path / "broken.xml", retrieved=DAY)
    assert caught.value.problems[0].code == "news.not_a_feed"
