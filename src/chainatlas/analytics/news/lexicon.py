"""The names of the registry as one Aho-Corasick automaton (pyahocorasick): longest match first, non-overlapping.

Names are keyed as the normaliser writes text (Simplified, half-width) and lower-cased, so `中聯重科`, `中联重科` and
`ZOOMLION` all find the same entry. A Latin name matches only as a whole word (`Sany` not inside `Sanya`).

The automaton runs over UTF-8 bytes (each spelt as one Latin-1 letter): pyahocorasick looks a letter up among a
node's children one by one, and 100,000 names start with thousands of different characters, so over characters the
root alone costs thousands of comparisons per letter; over bytes no node has more than 256 children. UTF-8 never
starts a character inside another, so a match always begins and ends on a character.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal, NamedTuple

import ahocorasick  # type: ignore[import-not-found]  # pyahocorasick ships no type stubs

from chainatlas.analytics.news.normalise import simplified

EntityKind = Literal["enterprise", "organisation", "project"]
KIND_ORDER: dict[str, int] = {"project": 0, "enterprise": 1, "organisation": 2}
"""Which entry a name keeps when two records claim it: a project's own name first, then an enterprise's."""


@dataclass(frozen=True)
class LexiconEntry:
    """One name of a registry record: the name as written, the record's canonical name, kind and id."""

    name: str
    canonical: str
    kind: EntityKind
    ref_id: str
    organisation_type: str | None = None


class LexiconMatch(NamedTuple):
    """A name found in a normalised text: [start, end) in that text and the entry it names."""

    start: int
    end: int
    entry: LexiconEntry


def name_key(name: str) -> str:
    """Return the key a name is looked up by: normalised character by character, lower-cased, trimmed."""
    return lowered("".join(simplified(c) for c in name.strip()))


def lowered(text: str) -> str:
    """Return the text lower-cased with its length kept (a character whose lower case is longer stays)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _as_bytes(text: str) -> str:
    """Return a text's UTF-8 bytes, each as the Latin-1 letter of the same value (the automaton's alphabet)."""
    return text.encode("utf-8", "surrogatepass").decode("latin-1")


def _is_word_char(char: str) -> bool:
    return char.isascii() and char.isalnum()


class Lexicon:
    """An automaton over registry names; `find` returns the longest non-overlapping matches, left to right."""

    def __init__(self, automaton: ahocorasick.Automaton, entries: dict[str, LexiconEntry]) -> None:
        self._automaton = automaton
        self._entries = entries
        self._parts: dict[str, list[tuple[str, LexiconEntry]]] | None = None

    @classmethod
    def build(cls, entries: Iterable[LexiconEntry]) -> Lexicon:
        """Return the lexicon of these entries (names shorter than two characters are left out)."""
        chosen: dict[str, LexiconEntry] = {}
        for entry in sorted(entries, key=lambda e: KIND_ORDER[e.kind]):
            key = name_key(entry.name)
            if len(key) >= 2 and key not in chosen:
                chosen[key] = entry
        automaton = ahocorasick.Automaton()
        for key, entry in chosen.items():
            latin_edge = _is_word_char(key[0]) or _is_word_char(key[-1])
            automaton.add_word(_as_bytes(key), (len(key), key, entry, latin_edge))
        if chosen:
            automaton.make_automaton()
        return cls(automaton, chosen)

    def __len__(self) -> int:
        return len(self._entries)

    def entries(self) -> Iterator[tuple[str, LexiconEntry]]:
        """Yield every (key, entry)."""
        yield from self._entries.items()

    def parts_of(self, key: str) -> list[tuple[str, LexiconEntry]]:
        """Return the projects whose name is this project's name and more (`中联智慧产业城` + `挖掘机械园区`), each
        with that remainder: a text that names the parent may name the part by the remainder alone."""
        if self._parts is None:
            self._parts = self._index_parts()
        return self._parts.get(key, [])

    def _index_parts(self) -> dict[str, list[tuple[str, LexiconEntry]]]:
        projects = {key: entry for key, entry in self._entries.items() if entry.kind == "project"}
        parts: dict[str, list[tuple[str, LexiconEntry]]] = {}
        for key, entry in projects.items():
            for cut in range(2, len(key) - MIN_PART + 1):
                parent = projects.get(key[:cut])
                rest = PHASE.sub("", key[cut:]).strip()
                if parent is not None and parent.ref_id != entry.ref_id and len(rest) >= MIN_PART:
                    parts.setdefault(key[:cut], []).append((rest, entry))
        return parts

    def lookup(self, name: str) -> LexiconEntry | None:
        """Return the entry of a name as written (normalised first), or None."""
        return self._entries.get(name_key(name))

    def find(self, text: str) -> list[LexiconMatch]:
        """Return every name found in a normalised text: leftmost, then longest, never overlapping."""
        if not self._entries:
            return []
        low = lowered(text)
        raw = low.encode("utf-8", "surrogatepass")
        found: list[LexiconMatch] = []
        byte_at, char_at = 0, 0
        for last, (length, key, entry, latin_edge) in self._automaton.iter_long(raw.decode("latin-1")):
            char_at += len(raw[byte_at : last + 1].decode("utf-8", "surrogatepass"))
            byte_at = last + 1
            if not latin_edge or self._whole_word(low, key, char_at - length, char_at):
                found.append(LexiconMatch(char_at - length, char_at, entry))
        return found

    @staticmethod
    def _whole_word(text: str, key: str, start: int, end: int) -> bool:
        """Return whether a Latin name stands as a word (no letter or digit glued at a Latin edge)."""
        if _is_word_char(key[0]) and start > 0 and _is_word_char(text[start - 1]):
            return False
        return not (_is_word_char(key[-1]) and end < len(text) and _is_word_char(text[end]))


MIN_PART = 4
"""The shortest remainder of a project's name that counts as its short form (`挖掘机械园区`)."""
PHASE = re.compile(r"[(（][^()（）]{1,8}[)）]$")
"""A bracketed phase or note at the end of a project's name: `（一期）`."""


def project_names(name: str, owner_names: Iterable[str] = ()) -> list[str]:
    """Return the names a project is written under: its own, without a trailing phase in brackets, and with its
    owner's short name spelt in each of the owner's other names (`中联智慧产业城` → `中联重科智慧产业城`)."""
    names = [name.strip()]
    bare = PHASE.sub("", names[0]).strip()
    if bare and bare not in names:
        names.append(bare)
    owners = sorted({n.strip() for n in owner_names if len(n.strip()) >= 2 and not n.isascii()}, key=len, reverse=True)
    for own in list(names):
        for short in owners:
            if own.startswith(short):
                names += [other + own[len(short) :] for other in owners if other != short and not own.startswith(other)]
                break
    return list(dict.fromkeys(names))
