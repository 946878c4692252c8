"""Organisations the registry does not know (待审机构), found by segmentation: proposed for review, never added.

jieba segments the text with the registry's names added to its dictionary. A run of name-like tokens that ends in an
organisation suffix (集团, 协会, 研究院, 经开区 … the data file `org_suffixes.txt`) or a token jieba tags as an
organisation (`nt`) is a candidate; so is an item of an enumeration (`A、B、C`) that lists known enterprises or
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
NAME_FLAGS = ("n", "ns", "nr", "nz", "nt", "j", "eng", "nrt", "nrfg", "ng", "vn", "an", "b")
PROPER_FLAGS = ("ns", "nr", "nz", "nt", "j", "eng", "nrt", "nrfg")
MAX_NAME = 16
MIN_NAME = 3
ENUMERATION = re.compile(r"(?:[\u4e00-\u9fff]{2,10}、){1,}[\u4e00-\u9fff]{2,10}")
ENTERPRISE_TAIL = re.compile(r"^等(?:\d+|[一二三四五六七八九十百几多]+)?[余多]?家[^,。]{0,10}企业")
LEAD_WORDS = ("还有", "包括", "其中", "以及", "除了", "除", "如", "和", "及", "与", "有")


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


def _suffixed(tokens: list[tuple[int, int, str, str]], rules: Rules) -> list[tuple[int, int]]:
    """Return the spans of token runs that end in an organisation suffix and hold a proper-name token."""
    spans: list[tuple[int, int]] = []
    for i, (_, end, word, flag) in enumerate(tokens):
        if not (word.endswith(rules.org_suffixes) or flag == "nt"):
            continue
        j = i
        while j > 0 and tokens[j - 1][3].startswith(NAME_FLAGS) and end - tokens[j - 1][0] <= MAX_NAME:
            j -= 1
        run = tokens[j : i + 1]
        if end - run[0][0] >= MIN_NAME and (flag == "nt" or any(t[3] in PROPER_FLAGS for t in run)):
            spans.append((run[0][0], end))
    return spans


def _listed(text: str, known: list[LexiconMatch]) -> list[tuple[int, int]]:
    """Return the items of enumerations that name a known enterprise or end in `等…企业`."""
    spans: list[tuple[int, int]] = []
    for match in ENUMERATION.finditer(text):
        items = _items(text, match.start(), match.end())
        has_known = any(k.entry.kind == "enterprise" and match.start() <= k.start < match.end() for k in known)
        if has_known or ENTERPRISE_TAIL.match(text, match.end()):
            spans += items
    return spans


def _items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Return the items of an enumeration, a leading word such as 还有 or 包括 cut from the first."""
    spans, at = [], start
    for item in text[start:end].split("、"):
        lead = next((w for w in LEAD_WORDS if item.startswith(w) and len(item) - len(w) >= 2), "")
        spans.append((at + len(lead), at + len(item)))
        at += len(item) + 1
    return spans


def propose(text: str, lexicon: Lexicon, known: list[LexiconMatch], rules: Rules) -> list[FoundOrganisation]:
    """Return unknown organisation names in a normalised text, in order, none overlapping a registry name."""
    spans = _suffixed(_tokens(text, lexicon), rules) + _listed(text, known)
    taken = [(k.start, k.end) for k in known]
    found: list[FoundOrganisation] = []
    for start, end in sorted(set(spans), key=lambda s: (s[0], -s[1])):
        if any(s < end and start < e for s, e in taken) or lexicon.lookup(text[start:end]):
            continue
        taken.append((start, end))
        found.append(FoundOrganisation(start, end, text[start:end]))
    return found
