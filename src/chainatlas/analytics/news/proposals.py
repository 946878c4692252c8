"""Organisations the registry does not know (待审机构), found by segmentation: proposed for review, never added.

jieba segments the text with the registry's names added to its dictionary. A run of name-like tokens that ends in an
organisation suffix (集团, 协会, 研究院, 经开区 … the data file `org_suffixes.txt`) is a candidate; so is an item of an enumeration (`A、B、C`) that lists known enterprises or
ends in `等…企业`. Names the registry knows, and text inside a registry name, are left out.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from weakref import WeakKeyDictionary

import jieba  # type: ignore[import-untyped]  # jieba ships no type stubs
import jieba.posseg  # type: ignore[import-untyped]  # as above

from chainatlas.analytics.news.lexicon import Lexicon, LexiconMatch
from chainatlas.analytics.news.normalise import is_han
from chainatlas.analytics.news.rules import Rules

jieba.setLogLevel(logging.WARNING)
NAME_FLAGS = ("n", "j", "eng", "b", "vn", "m", "t")
"""Part-of-speech tags (prefixes) of tokens that can stand inside an organisation's name."""
PROPER_FLAGS = ("ns", "nr", "nz", "nt", "j", "eng", "nrt", "nrfg")
GENERIC_LEAD = frozenset(
    {"年度", "项目", "民企", "国企", "企业", "龙头", "全国", "我国", "本土", "该", "本", "原", "新"}
)
"""Words that open a run of name tokens without being part of the name (`2020年度中国…协会`)."""
MAX_NAME = 16
MIN_NAME = 3
ENUMERATION = re.compile(r"(?:[\u4e00-\u9fff]{2,10}、)+[\u4e00-\u9fff]{2,10}?(?=等|[^\u4e00-\u9fff]|$)")
ENTERPRISE_TAIL = re.compile(r"等(?:\d+|[一二三四五六七八九十百几多]+)?[余多]?家[^,。]{0,10}企业")


@dataclass(frozen=True)
class FoundOrganisation:
    """An organisation name the registry does not know: [start, end) in the normalised text."""

    start: int
    end: int
    name: str


_segmenters: WeakKeyDictionary[Lexicon, jieba.posseg.POSTokenizer] = WeakKeyDictionary()


def segmenter(lexicon: Lexicon) -> jieba.posseg.POSTokenizer:
    """Return a jieba part-of-speech tokenizer with the lexicon's names in its dictionary (built once per lexicon)."""
    found = _segmenters.get(lexicon)
    if found is None:
        tokenizer = jieba.Tokenizer()
        for key, _entry in lexicon.entries():
            if all(is_han(c) for c in key):
                tokenizer.add_word(key, 100000, "nt")
        found = jieba.posseg.POSTokenizer(tokenizer)
        _segmenters[lexicon] = found
    return found


def _tokens(text: str, lexicon: Lexicon) -> list[tuple[int, int, str, str]]:
    """Return (start, end, word, flag) for every token of the text."""
    tokens, at = [], 0
    for pair in segmenter(lexicon).cut(text):
        word, flag = pair.word, pair.flag
        tokens.append((at, at + len(word), word, flag))
        at += len(word)
    return tokens


Token = tuple[int, int, str, str]


def _name_like(token: Token) -> bool:
    return token[3].startswith(NAME_FLAGS) and token[2] not in GENERIC_LEAD


def _suffixed(tokens: list[Token], rules: Rules) -> list[tuple[int, int]]:
    """Return the spans of name-token runs that end in an organisation suffix (`省` + `工商联`, `土方机械` + `公司`)."""
    spans: list[tuple[int, int]] = []
    for i, (_, end, word, _flag) in enumerate(tokens):
        if not word.endswith(rules.org_suffixes) or _name_goes_on(tokens, i + 1, rules):
            continue
        j = i
        while j > 0 and _name_like(tokens[j - 1]) and end - tokens[j - 1][0] <= MAX_NAME:
            j -= 1
        while j < i and tokens[j][3].startswith(("m", "t")):
            j += 1
        run = tokens[j : i + 1]
        length = end - run[0][0]
        proper = any(t[3] in PROPER_FLAGS for t in run[:-1])
        if length >= MIN_NAME and (len(run) >= 2 or (proper and length >= 4)):
            spans.append((run[0][0], end))
    return spans


def _name_goes_on(tokens: list[Token], at: int, rules: Rules) -> bool:
    """Return whether the token after a suffix carries the name on (`国家大学` + `科技城`), a title apart."""
    if at >= len(tokens):
        return False
    word, flag = tokens[at][2], tokens[at][3]
    return flag.startswith("n") and not word.endswith(rules.org_suffixes) and word not in rules.roles


def _listed(text: str, tokens: list[Token], known: list[LexiconMatch], rules: Rules) -> list[tuple[int, int]]:
    """Return the items of enumerations that name a known enterprise or end in `等…企业`, trimmed to name tokens."""
    spans: list[tuple[int, int]] = []
    for match in ENUMERATION.finditer(text):
        has_known = any(k.entry.kind == "enterprise" and match.start() <= k.start < match.end() for k in known)
        if not (has_known or ENTERPRISE_TAIL.match(text, match.end())):
            continue
        items = text[match.start() : match.end()].split("、")
        at = match.start()
        for number, item in enumerate(items):
            span = _trimmed(tokens, at, at + len(item), first=number == 0, last=number == len(items) - 1)
            if span and not any(role in text[span[0] : span[1]] for role in rules.roles):
                spans.append(span)
            at += len(item) + 1
    return spans


def _trimmed(tokens: list[Token], start: int, end: int, *, first: bool, last: bool) -> tuple[int, int] | None:
    """Return an enumeration item cut to its name tokens (a first item loses a leading verb, a last one a trailing
    word), or None when a token inside is not name-like or a token crosses the item's edge."""
    inside = [t for t in tokens if start <= t[0] and t[1] <= end]
    if not inside or inside[0][0] != start or inside[-1][1] != end:
        return None
    while first and inside and not _name_like(inside[0]):
        inside = inside[1:]
    while last and inside and not _name_like(inside[-1]):
        inside = inside[:-1]
    cut = next((k for k, t in enumerate(inside) if not _name_like(t)), len(inside))
    if cut < len(inside) and not last:
        return None
    inside = inside[:cut]
    if not inside or inside[-1][1] - inside[0][0] < 2:
        return None
    return inside[0][0], inside[-1][1]


def propose(text: str, lexicon: Lexicon, known: list[LexiconMatch], rules: Rules) -> list[FoundOrganisation]:
    """Return unknown organisation names in a normalised text, in order, none overlapping a registry name."""
    tokens = _tokens(text, lexicon)
    spans = _suffixed(tokens, rules) + _listed(text, tokens, known, rules)
    taken = [(k.start, k.end) for k in known]
    found: list[FoundOrganisation] = []
    for start, end in sorted(set(spans), key=lambda s: (s[0], -s[1])):
        if any(s < end and start < e for s, e in taken) or lexicon.lookup(text[start:end]):
            continue
        taken.append((start, end))
        found.append(FoundOrganisation(start, end, text[start:end]))
    return found
