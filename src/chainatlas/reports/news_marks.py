"""The original text of an article cut into pieces, the names its extraction linked marked with where they lead
(an enterprise, project or organisation page), for a page to highlight them."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from chainatlas.domain.news_results import Extraction


@dataclass(frozen=True)
class Piece:
    """A stretch of the original text; `kind` and `link` are set when it is a linked name."""

    text: str
    kind: str | None = None
    """enterprise, project, organisation, or unknown (a name the registry does not know)."""
    link: str | None = None
    title: str | None = None


def _quoted(value: str) -> str:
    return quote(value, safe="")


def _spans(extraction: Extraction) -> list[tuple[int, int, str, str | None, str]]:
    spans: list[tuple[int, int, str, str | None, str]] = []
    for o in extraction.organisations:
        if o.enterprise_id:
            spans.append((o.start, o.end, "enterprise", f"/enterprises/{_quoted(o.enterprise_id)}", o.canonical))
        elif o.organisation_id:
            spans.append(
                (o.start, o.end, "organisation", f"/records/organisations/{_quoted(o.organisation_id)}", o.canonical)
            )
        else:
            spans.append((o.start, o.end, "unknown", None, o.canonical))
    for p in extraction.project_mentions:
        spans.append((p.start, p.end, "project", f"/projects/{_quoted(p.project_id)}", p.mention))
    return sorted(spans, key=lambda s: (s[0], -(s[1] - s[0])))


def marked_pieces(text: str, extraction: Extraction) -> list[Piece]:
    """Return the text as pieces in order, each linked name its own piece (overlaps: the earlier, longer one wins;
    a span that does not fit the text is left unmarked)."""
    pieces, at = [], 0
    for start, end, kind, link, title in _spans(extraction):
        if start < at or not 0 <= start < end <= len(text):
            continue
        if start > at:
            pieces.append(Piece(text[at:start]))
        pieces.append(Piece(text[start:end], kind, link, title))
        at = end
    if at < len(text):
        pieces.append(Piece(text[at:]))
    return pieces
