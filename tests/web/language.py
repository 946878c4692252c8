"""What a reader sees of a page, and the words in it that belong to the other language.

Names and data are marked in the templates with `translate="no"` (the HTML attribute that tells translators to
leave an element alone; `translate="yes"` inside it marks a part to translate again, such as a source's note),
and codes and ids are shown in `<code>`. An element whose `lang` names another language (the language switch) is
in that language on purpose. Everything else a page shows — its text, and the `title`, `placeholder`,
`aria-label` and `alt` a person reads — must be in the page's language.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

VOID = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]
)
HIDDEN = frozenset({"script", "style", "template", "code"})
READ_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff5e]")
WORD = re.compile(r"[A-Za-z]+")
FILE_NAME = re.compile(r"[\w.-]*\.(?:csv|xlsx|json|ics)\b")
"""A file name, or a bare extension such as .csv (a file format's name, as CSV is)."""
ALLOWED_WORDS = frozenset(
    [
        "Chain",
        "Atlas",
        "ECharts",
        "API",
        "CSV",
        "XLSX",
        "JSON",
        "HTML",
        "PDF",
        "iCalendar",
        "ics",
        "Excel",
        "OpenAPI",
        "HHI",
        "PI",
        "TTR",
        "TTS",
        "LP",
        "CICEE",
        "OEM",
        "kg",
        "km",
        "kW",
        "MW",
        "ln",
        "exp",
        "log",
    ]
)
"""Product and file-format names, acronyms, units and the functions of a formula, as a Chinese page shows them."""


class VisibleText(HTMLParser):
    """Collect the text a reader sees, outside scripts, styles, code and elements marked as names and data."""

    def __init__(self, lang: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = lang
        self.open: list[tuple[str, bool]] = []
        self.parts: list[str] = []

    @property
    def skipping(self) -> bool:
        return bool(self.open) and self.open[-1][1]

    def _skips(self, tag: str, values: dict[str, str | None]) -> bool:
        if tag in HIDDEN or values.get("type") == "hidden":
            return True
        if (values.get("lang") or self.lang)[:2] != self.lang:
            return True
        marked = values.get("translate")
        return self.skipping if marked is None else marked == "no"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        skip = self._skips(tag, values)
        if not skip:
            self.parts += [value for name, value in attrs if name in READ_ATTRIBUTES and value]
            if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
                self.parts.append(values["value"] or "")
        if tag not in VOID:
            self.open.append((tag, skip))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.open) - 1, -1, -1):
            if self.open[depth][0] == tag:
                del self.open[depth:]
                return

    def handle_data(self, data: str) -> None:
        if not self.skipping and data.strip():
            self.parts.append(data.strip())


def visible_text(html: str, lang: str) -> list[str]:
    """Return the pieces of text a reader of a page in a language sees, names and data left out."""
    parser = VisibleText(lang)
    parser.feed(html)
    parser.close()
    return parser.parts


def foreign_text(html: str, lang: str) -> list[str]:
    """Return the pieces of a page's visible text in the other language (any Chinese on an English page, English
    words on a Chinese one)."""
    if lang == "en":
        return [piece for piece in visible_text(html, lang) if CJK.search(piece)]
    return [piece for piece in visible_text(html, lang) if english_words(piece)]


def english_words(text: str) -> list[str]:
    """Return the English words of a piece of text, leaving out file names, allowed names, acronyms, units and
    symbols."""
    return [word for word in WORD.findall(FILE_NAME.sub("", text)) if not _allowed(word)]


def _allowed(word: str) -> bool:
    """A single letter is a symbol (n, t, N); a word in capitals is an acronym or a code (SPOF, CNY)."""
    return word in ALLOWED_WORDS or len(word) == 1 or (word.isupper() and len(word) <= 6)
