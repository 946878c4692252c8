"""Normalise scraped Chinese news text (文本规范化) and keep a map back to the original offsets.

What changes: pinyin glued after characters by some reposting sites (`長沙工程機(jī)械` → `长沙工程机械`) is removed,
real brackets (`三一重工(600031)`, `(记者 朱泽寰)`) stay; Traditional characters become Simplified one character at
a time with OpenCC `t2s` (never a phrase profile, so every character keeps its place); full-width ASCII and the
ideographic space fold to half-width; doubled punctuation (`,,` `,、` `,。`) keeps its last mark; a space before a
punctuation mark after a Chinese character goes; a line repeated from earlier in the text (a title printed twice) and
a line that starts by repeating an earlier line lose the repeat. Spam lines are flagged, not dropped.

Every character of the normalised text remembers the original range it came from; a removed artefact belongs to the
character before it, so `span()` of a name that ends in an artefact covers the artefact too.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import opencc

PINYIN_LETTERS = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
ARTEFACT = re.compile(rf"\(([{PINYIN_LETTERS}]{{1,24}})\)")
TONE_MARKS = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")
DOUBLING = frozenset(",，、。;；:：!！?？")
SPACED_BEFORE = frozenset(",，、。;；:：!！?？)）")
MIN_REPEATED_LINE = 6


def is_han(char: str) -> bool:
    """Return whether a character is a CJK unified ideograph (basic block or extension A)."""
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


@cache
def pinyin_syllables() -> frozenset[str]:
    """Return every toneless pinyin syllable (the data file `pinyin_syllables.txt`)."""
    text = resources.files("chainatlas.analytics.news").joinpath("data/pinyin_syllables.txt").read_text("utf-8")
    return frozenset(text.split())


def toneless(word: str) -> str:
    """Return pinyin without tone marks (ü as u)."""
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def is_pinyin(word: str) -> bool:
    """Return whether a word splits wholly into pinyin syllables (`rìxùn` → ri·xun; `kg`, `app` do not)."""
    plain, syllables = toneless(word), pinyin_syllables()
    reachable = [True] + [False] * len(plain)
    for end in range(1, len(plain) + 1):
        reachable[end] = any(reachable[s] and plain[s:end] in syllables for s in range(max(0, end - 6), end))
    return reachable[-1]


def artefact_spans(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) of every pinyin artefact: `(pinyin)` glued after a Chinese character.

    A bracket right after another artefact counts as glued to the same character; a letter before a bracket (mojibake
    such as `C(jī)`) counts only when the pinyin carries a tone mark.
    """
    spans: list[tuple[int, int]] = []
    for match in ARTEFACT.finditer(text):
        start, word = match.start(), match.group(1)
        before = text[start - 1] if start else ""
        glued = is_han(before) or (spans and spans[-1][1] == start)
        toned = bool(TONE_MARKS.search(word))
        if (glued or (toned and before.isalpha())) and is_pinyin(word):
            spans.append((start, match.end()))
    return spans


_T2S = opencc.OpenCC("t2s")


@cache
def simplified(char: str) -> str:
    """Return one character folded to half-width and converted to Simplified (itself when t2s would change length)."""
    code = ord(char)
    if 0xFF01 <= code <= 0xFF5E:
        return chr(code - 0xFEE0)
    if char in "\u3000\u00a0":
        return " "
    converted = _T2S.convert(char)
    return converted if len(converted) == 1 else char


@dataclass
class Normalised:
    """A normalised text with, for each of its characters, the original range it came from."""

    original: str
    text: str
    starts: list[int]
    ends: list[int]
    spam_lines: list[tuple[int, int]] = field(default_factory=list)
    """(start, end) of each line that looks like spam or an advert, in original offsets: flagged, kept."""

    def to_original(self, i: int) -> int:
        """Return the original offset of normalised offset `i` (the text's end maps to the original's end)."""
        return self.starts[i] if i < len(self.starts) else len(self.original)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Return the original (start, end) of the normalised text[start:end], artefacts glued to its end included."""
        if end <= start:
            at = self.to_original(start)
            return at, at
        return self.starts[start], self.ends[end - 1]

    def in_spam(self, start: int) -> bool:
        """Return whether a normalised offset falls on a flagged spam line."""
        at = self.to_original(start)
        return any(s <= at < e for s, e in self.spam_lines)


class _Builder:
    """Collect normalised characters with their original ranges."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []

    def pop(self) -> None:
        self.chars.pop()
        self.starts.pop()
        self.ends.pop()

    def push(self, char: str, start: int, end: int) -> None:
        if char in DOUBLING and self.chars and self.chars[-1] in DOUBLING:
            self.pop()
        if char in SPACED_BEFORE:
            self.drop_spaces_after_han()
        self.chars.append(char)
        self.starts.append(start)
        self.ends.append(end)

    def drop_spaces_after_han(self) -> None:
        count = 0
        while count < len(self.chars) and self.chars[-1 - count] == " ":
            count += 1
        if count and count < len(self.chars) and is_han(self.chars[-1 - count]):
            for _ in range(count):
                self.pop()

    def extend_last(self, end: int) -> None:
        if self.ends:
            self.ends[-1] = end


def _characters(text: str) -> _Builder:
    """Return the text character by character: artefacts removed, folded, simplified, punctuation undoubled."""
    built = _Builder()
    spans = artefact_spans(text)
    index, cursor = 0, 0
    while cursor < len(text):
        if index < len(spans) and spans[index][0] == cursor:
            built.extend_last(spans[index][1])
            cursor = spans[index][1]
            index += 1
            continue
        built.push(simplified(text[cursor]), cursor, cursor + 1)
        cursor += 1
    return built


def _repeats(chars: list[str]) -> list[bool]:
    """Return a keep flag per character: False on a repeated line and on a repeated opening of a line."""
    keep = [True] * len(chars)
    seen: list[str] = []
    position = 0
    for line in "".join(chars).split("\n"):
        stripped = line.strip()
        cut = _repeated_length(line, stripped, seen)
        for i in range(position, min(position + cut, len(keep))):
            keep[i] = False
        if stripped and cut < len(line):
            seen.append(stripped)
        position += len(line) + 1
    return keep


def _repeated_length(line: str, stripped: str, seen: list[str]) -> int:
    """Return how many characters of a line repeat an earlier line (the whole line with its newline, or a prefix)."""
    if len(stripped) >= MIN_REPEATED_LINE and stripped in seen:
        return len(line) + 1
    lead = len(line) - len(line.lstrip())
    for earlier in seen:
        if len(earlier) >= MIN_REPEATED_LINE and line[lead:].startswith(earlier):
            return lead + len(earlier)
    return 0


def normalise(text: str, spam_words: tuple[str, ...] | None = None) -> Normalised:
    """Return the normalised text with its map back to `text` and the spam lines flagged."""
    built = _characters(text)
    keep = _repeats(built.chars)
    chars = [c for c, k in zip(built.chars, keep, strict=True) if k]
    starts = [s for s, k in zip(built.starts, keep, strict=True) if k]
    ends = [e for e, k in zip(built.ends, keep, strict=True) if k]
    return Normalised(text, "".join(chars), starts, ends, spam_line_spans(text, spam_words))


def spam_line_spans(text: str, spam_words: tuple[str, ...] | None = None) -> list[tuple[int, int]]:
    """Return the (start, end) of every original line that carries a spam or advert phrase."""
    words = spam_words if spam_words is not None else default_spam_words()
    spans: list[tuple[int, int]] = []
    position = 0
    for line in text.split("\n"):
        plain = "".join(simplified(c) for c in line)
        if any(word in plain for word in words):
            spans.append((position, position + len(line)))
        position += len(line) + 1
    return spans


@cache
def default_spam_words() -> tuple[str, ...]:
    """Return the spam and advert phrases of the data file `spam_words.txt` (one per line, # comments)."""
    text = resources.files("chainatlas.analytics.news").joinpath("data/spam_words.txt").read_text("utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))
