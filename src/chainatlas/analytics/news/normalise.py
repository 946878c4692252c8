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

import numpy as np
import numpy.typing as npt
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
    starts: npt.NDArray[np.int64]
    """The original offset each normalised character starts at."""
    ends: npt.NDArray[np.int64]
    """The original offset each normalised character's range ends at (after a removed artefact glued to it)."""
    spam_lines: list[tuple[int, int]] = field(default_factory=list)
    """(start, end) of each line that looks like spam or an advert, in original offsets: flagged, kept."""

    def to_original(self, i: int) -> int:
        """Return the original offset of normalised offset `i` (the text's end maps to the original's end)."""
        return int(self.starts[i]) if i < len(self.starts) else len(self.original)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Return the original (start, end) of the normalised text[start:end], artefacts glued to its end included."""
        if end <= start:
            at = self.to_original(start)
            return at, at
        return int(self.starts[start]), int(self.ends[end - 1])

    def in_spam(self, start: int) -> bool:
        """Return whether a normalised offset falls on a flagged spam line."""
        at = self.to_original(start)
        return any(s <= at < e for s, e in self.spam_lines)


FOLDED_RANGES = ((0x00A0, 0x00A1), (0x2E80, 0xA000), (0xF900, 0xFB00), (0xFF01, 0xFF5F), (0x3000, 0x3001))
"""Code points `simplified` may change: no-break space, CJK (radicals to unified ideographs), compatibility
ideographs, full-width ASCII, the ideographic space; everything else maps to itself."""


@cache
def folding_table() -> npt.NDArray[np.uint32]:
    """Return `simplified` for every code point of the Basic Multilingual Plane, as an array (built once)."""
    table = np.arange(0x10000, dtype=np.uint32)
    for low, high in FOLDED_RANGES:
        for code in range(low, high):
            table[code] = ord(simplified(chr(code)))
    return table


def _folded(codes: npt.NDArray[np.uint32]) -> npt.NDArray[np.uint32]:
    """Return the code points folded and simplified (`simplified`, one character at a time)."""
    inside = codes < 0x10000
    return np.where(inside, folding_table()[np.where(inside, codes, 0)], codes)


_PUNCT = re.escape("".join(sorted(DOUBLING)))
_DROPPED = re.compile(
    rf"[{_PUNCT}](?=[{_PUNCT}])|(?<=[\u4e00-\u9fff\u3400-\u4dbf]) +(?=[{re.escape(''.join(sorted(SPACED_BEFORE)))}])"
)
"""A punctuation mark doubled by the next one, and spaces between a Chinese character and a punctuation mark."""


def _codes(text: str) -> npt.NDArray[np.uint32]:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _text(codes: npt.NDArray[np.uint32]) -> str:
    return codes.tobytes().decode("utf-32-le", "surrogatepass")


def _without_artefacts(text: str) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.int64]]:
    """Return a keep flag per original character (False inside an artefact) and each character's original end
    (a removed artefact joins the kept character before it)."""
    keep = np.ones(len(text), dtype=bool)
    ends = np.arange(1, len(text) + 1, dtype=np.int64)
    anchor, last_end = -1, -1
    for start, end in artefact_spans(text):
        keep[start:end] = False
        anchor = anchor if start == last_end else start - 1
        if anchor >= 0:
            ends[anchor] = end
        last_end = end
    return keep, ends


def _repeats(text: str) -> npt.NDArray[np.bool_]:
    """Return a keep flag per character: False on a repeated line and on a repeated opening of a line."""
    keep = np.ones(len(text), dtype=bool)
    seen: list[str] = []
    position = 0
    for line in text.split("\n"):
        stripped = line.strip()
        cut = _repeated_length(line, stripped, seen)
        keep[position : position + cut] = False
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
    keep, ends = _without_artefacts(text)
    starts = np.arange(len(text), dtype=np.int64)[keep]
    ends = ends[keep]
    all_codes = _folded(_codes(text))
    spam = spam_line_spans(_text(all_codes), spam_words, folded=True)
    codes = all_codes[keep]
    folded = _text(codes)
    undoubled = np.ones(len(folded), dtype=bool)
    for match in _DROPPED.finditer(folded):
        undoubled[match.start() : match.end()] = False
    codes, starts, ends = codes[undoubled], starts[undoubled], ends[undoubled]
    unrepeated = _repeats(_text(codes))
    codes, starts, ends = codes[unrepeated], starts[unrepeated], ends[unrepeated]
    return Normalised(text, _text(codes), starts, ends, spam)


def spam_line_spans(
    text: str, spam_words: tuple[str, ...] | None = None, *, folded: bool = False
) -> list[tuple[int, int]]:
    """Return the (start, end) of every line that carries a spam or advert phrase (`folded`: the text is already
    folded and simplified character by character, so its offsets are the original's)."""
    words = spam_words if spam_words is not None else default_spam_words()
    spans: list[tuple[int, int]] = []
    position = 0
    for line in text.split("\n"):
        plain = line if folded else "".join(simplified(c) for c in line)
        if any(word in plain for word in words):
            spans.append((position, position + len(line)))
        position += len(line) + 1
    return spans


@cache
def default_spam_words() -> tuple[str, ...]:
    """Return the spam and advert phrases of the data file `spam_words.txt` (one per line, # comments)."""
    text = resources.files("chainatlas.analytics.news").joinpath("data/spam_words.txt").read_text("utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))
