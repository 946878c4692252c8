"""Normalisation of scraped Chinese news: pinyin artefacts go, real brackets stay, every character maps back."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from chainatlas.analytics.news.normalise import is_pinyin, normalise

ARTEFACT_CHECK = re.compile(r"[\u4e00-\u9fff]\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")


def test_pinyin_glued_after_characters_is_removed_and_the_span_covers_it() -> None:
    original = "長沙工程機(jī)械產(chǎn)業(yè)6月(yuè)14日讯(rìxùn)"
    norm = normalise(original)
    assert norm.text == "长沙工程机械产业6月14日讯"
    start = norm.text.index("机械")
    assert original[slice(*norm.span(start, start + 2))] == "機(jī)械"
    end = norm.text.index("产业") + 2
    assert original[slice(*norm.span(norm.text.index("产业"), end))] == "產(chǎn)業(yè)"


def test_real_brackets_stay() -> None:
    for text in (
        "三一重工(600031)长沙18号工厂",
        "(记者 朱泽寰)",
        "中联重科副总裁郭学红(中)当选",
        "中联重科(4.950, 0.01, 0.20%)",
        "单位(kg)",
        "应用(app)",
        "湖南湘江新区(长沙高新区) 管委会",
    ):
        assert normalise(text).text == text, text


def test_pinyin_is_told_from_latin_words_by_its_syllables() -> None:
    assert is_pinyin("rìxùn") and is_pinyin("yáoyáolǐngxiān") and is_pinyin("de") and is_pinyin("nián")
    assert not is_pinyin("kg") and not is_pinyin("app") and not is_pinyin("bus")


def test_traditional_width_and_punctuation_are_folded_character_by_character() -> None:
    norm = normalise("中聯重科，，全年營收ＡＢＣ１２３,、挖掘機,。")
    assert norm.text == "中联重科,全年营收ABC123、挖掘机。"
    assert len(norm.starts) == len(norm.text)


def test_a_repeated_title_line_and_a_repeated_opening_go() -> None:
    title = "打造世界工程机械第三极"
    norm = normalise(f"{title}\n{title}\n{title}长沙晚报讯 正文")
    assert norm.text == f"{title}\n长沙晚报讯 正文"


def test_spam_lines_are_flagged_in_original_offsets_not_dropped() -> None:
    original = "您好!欢迎光临澳门三期必开一期是生肖官网!\n长沙工程机械"
    norm = normalise(original)
    assert norm.spam_lines == [(0, original.index("\n"))]
    assert "澳门" in norm.text and norm.in_spam(0) and not norm.in_spam(norm.text.index("长沙"))


BASE = "长沙经开区工程机械出口额达99.93亿元同比增长三一重工中联重科铁建重工山河智能"
AFTER_HAN = [i for i in range(1, len(BASE) + 1) if "\u4e00" <= BASE[i - 1] <= "\u9fff"]
"""Where a reposting site glues pinyin: right after a Chinese character."""
PINYIN = st.sampled_from(["(jī)", "(xiè)", "(chǎn)", "(yè)", "(de)", "(rìxùn)", "(qū)"])
REAL = st.sampled_from(["(600031)", "(记者 朱泽寰)", "(中)", "(kg)", "(4.950, 0.01)"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(AFTER_HAN), PINYIN), max_size=8))
def test_inserted_artefacts_vanish_and_every_character_maps_back(insertions: list[tuple[int, str]]) -> None:
    text = BASE
    for at, artefact in sorted(insertions, reverse=True):
        text = text[:at] + artefact + text[at:]
    norm = normalise(text)
    assert norm.text == BASE
    assert not ARTEFACT_CHECK.search(norm.text)
    for i, char in enumerate(norm.text):
        assert text[norm.to_original(i)] == char
    for start in range(len(BASE)):
        for end in range(start + 1, min(len(BASE), start + 6) + 1):
            s, e = norm.span(start, end)
            assert normalise(text[s:e]).text == BASE[start:end]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(1, len(BASE)), REAL), max_size=6), st.lists(st.sampled_from(AFTER_HAN), max_size=4)
)
def test_real_brackets_survive_beside_artefacts(real: list[tuple[int, str]], glued: list[int]) -> None:
    pieces = [(at, bracket) for at, bracket in real] + [(at, "(jī)") for at in glued]
    text = BASE
    for at, piece in sorted(pieces, key=lambda p: p[0], reverse=True):
        text = text[:at] + piece + text[at:]
    expected = BASE
    for at, piece in sorted(real, key=lambda p: p[0], reverse=True):
        expected = expected[:at] + piece + expected[at:]
    norm = normalise(text)
    assert norm.text == expected
    for i, char in enumerate(norm.text):
        assert text[norm.to_original(i)] == char
