"""The readable text of an HTML page: the article's paragraphs without the page chrome (navigation, headers,
footers, sidebars, scripts, forms), block elements as lines."""

from __future__ import annotations

import re
from html.parser import HTMLParser

CHROME = frozenset(
    {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg", "template"}
)
"""Elements whose text is never the article's."""
CONTENT = ("article", "main")
"""Elements that, when present, hold the article: only their text is kept."""
BLOCKS = frozenset(
    {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "blockquote", "pre", "table", "ul"}
)
CHROME_CLASS = re.compile(r"(^|[\s_-])(nav|menu|footer|header|sidebar|breadcrumb|share|comment|advert|ads?)($|[\s_-])")
VOID = frozenset({"br", "img", "hr", "meta", "link", "input", "source", "wbr", "area", "base", "col", "embed"})


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        """Open elements and whether each is chrome."""
        self.parts: dict[str, list[str]] = {"all": [], "content": []}
        self.title: list[str] = []
        self.in_title = False
        self.content_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        if tag in BLOCKS:
            self._add("\n")
        if tag in VOID:
            return
        marks = " ".join(v or "" for k, v in attrs if k in ("class", "id", "role")).lower()
        self.stack.append((tag, tag in CHROME or bool(CHROME_CLASS.search(marks))))
        self.content_depth += tag in CONTENT

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in BLOCKS:
            self._add("\n")
        names = [name for name, _ in self.stack]
        if tag in names:
            index = len(names) - 1 - names[::-1].index(tag)
            self.content_depth -= sum(name in CONTENT for name in names[index:])
            del self.stack[index:]

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
            return
        if not any(chrome for _, chrome in self.stack):
            self._add(data)

    def _add(self, text: str) -> None:
        self.parts["all"].append(text)
        if self.content_depth > 0:
            self.parts["content"].append(text)


def _lines(parts: list[str]) -> str:
    lines = (re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def html_text(html: str) -> tuple[str | None, str]:
    """Return a page's title (None if it has none) and its article text, one block a line."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    content = _lines(reader.parts["content"])
    title = re.sub(r"\s+", " ", "".join(reader.title)).strip() or None
    return title, content or _lines(reader.parts["all"])
