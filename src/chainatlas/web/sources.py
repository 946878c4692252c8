"""Source citations on a page: the citation itself is data (left as written, `translate="no"`), its web
addresses are links, and the notes it carries in brackets — (approx.), (lower bound), (repost), (via …) — are
said in the page language (`translate="yes"` inside the citation)."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from chainatlas.web.i18n import Translator
from chainatlas.web.i18n_pages import SOURCE_NOTES

URL = re.compile(r"https?://[^\s<>\"'\uff0c\u3002\uff1b\u3001\uff09]+")
"""A web address ends at a space, a quote or a Chinese comma, full stop, semicolon, enumeration comma or bracket."""
TRAILING = ".,;:)"
NOTE = re.compile(r"\(([^()]*)\)")
VIA = "via "


def linked(text: str) -> Markup:
    """Return text as HTML, every web address in it a link that opens in a new tab."""
    parts: list[str] = []
    last = 0
    for match in URL.finditer(text):
        url = match.group(0).rstrip(TRAILING)
        parts.append(str(escape(text[last : match.start()])))
        parts.append(f'<a href="{escape(url)}" rel="noopener noreferrer nofollow" target="_blank">{escape(url)}</a>')
        last = match.start() + len(url)
    parts.append(str(escape(text[last:])))
    return Markup("".join(parts))  # noqa: S704  # every piece above is escaped


def cited_source(source: str | None, t: Translator) -> Markup:
    """Return a source citation as HTML: links, and the known bracketed notes in the page language."""
    text = source or ""
    parts: list[Markup] = []
    last = 0
    for match in NOTE.finditer(text):
        note = bracketed_note(match.group(1), t)
        if note is not None:
            parts += [linked(text[last : match.start()]), Markup('<span translate="yes">{}</span>').format(note)]
            last = match.end()
    parts.append(linked(text[last:]))
    return Markup("").join(parts)


def plain_source(source: str | None, t: Translator) -> str:
    """Return a source citation as text (a tooltip), its known bracketed notes in the page language."""
    text = source or ""
    return NOTE.sub(lambda match: _plain(bracketed_note(match.group(1), t), match.group(0)), text)


def _plain(note: Markup | None, original: str) -> str:
    return original if note is None else note.striptags()


def bracketed_note(inner: str, t: Translator) -> Markup | None:
    """Return a note such as "January–June; lower bound" in the page language, brackets included, or None when a
    part of it is not a known note (then it stays as the source wrote it)."""
    parts = [note_part(part.strip(), t) for part in inner.split(";")]
    if not parts or any(part is None for part in parts):
        return None
    body = escape(t("source.note_sep")).join(part for part in parts if part is not None)
    return escape(t("source.note", note="\0")).replace("\0", body)


def note_part(part: str, t: Translator) -> Markup | None:
    """Return one known note (a quoted figure after a colon stays as written), or None."""
    head, colon, rest = part.partition(": ")
    if head in SOURCE_NOTES:
        label = escape(t.pick(SOURCE_NOTES, head))
        quoted = Markup('{}<span translate="no">{}</span>').format(t("source.quote"), rest)
        return label + quoted if colon else label
    if part.startswith(VIA) and len(part) > len(VIA):
        return Markup('{} <span translate="no">{}</span>').format(t("source.via"), part[len(VIA) :])
    return None


TERMS = re.compile(r"\((?P<score>[\d.]+): (?P<terms>[^)]*)\)")


def quoted_terms(reason: str) -> Markup:
    """Return a match reason with the terms it quotes from the participants' own texts marked as data."""
    return Markup(TERMS.sub(r'(\g<score>: <span translate="no">\g<terms></span>)', str(escape(reason))))  # noqa: S704
