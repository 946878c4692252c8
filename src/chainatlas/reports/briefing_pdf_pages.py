"""Where each named destination of a PDF printed by Chromium lies: the page number (1-based) of each anchor, read
from the document catalogue's `/Dests` and its page tree, so the table of contents can print page numbers.

Chromium writes these dictionaries as plain objects (only content streams are compressed); anything unexpected
gives an empty answer, and the contents then go without page numbers rather than with wrong ones.
"""

from __future__ import annotations

import re

_OBJECT = r"(?:^|\n){number} 0 obj\s*(.*?)\nendobj"
_REFERENCE = re.compile(rb"(\d+) 0 R")
MAX_DEPTH = 32


def _object(pdf: bytes, number: int) -> bytes:
    found = re.search(_OBJECT.format(number=number).encode(), pdf, re.S)
    return found.group(1) if found else b""


def _reference(body: bytes, key: bytes) -> int | None:
    found = re.search(re.escape(key) + rb"\s+(\d+) 0 R", body)
    return int(found.group(1)) if found else None


def page_order(pdf: bytes, node: int, depth: int = 0) -> list[int]:
    """Return the page objects under a page-tree node, in reading order."""
    body = _object(pdf, node)
    if depth > MAX_DEPTH or b"/Type /Pages" not in body:
        return [node] if b"/Type /Page" in body else []
    kids = re.search(rb"/Kids\s*\[(.*?)\]", body, re.S)
    if kids is None:
        return []
    return [page for kid in _REFERENCE.findall(kids.group(1)) for page in page_order(pdf, int(kid), depth + 1)]


def destination_pages(pdf: bytes) -> dict[str, int]:
    """Return the 1-based page of each named destination (an HTML anchor's id) of a Chromium PDF."""
    catalog = re.search(rb"<<\s*/Type /Catalog(.*?)>>\s*endobj", pdf, re.S)
    if catalog is None:
        return {}
    pages_root, dests = _reference(catalog.group(1), b"/Pages"), _reference(catalog.group(1), b"/Dests")
    if pages_root is None or dests is None:
        return {}
    index = {page: n for n, page in enumerate(page_order(pdf, pages_root), start=1)}
    named = re.findall(rb"/([A-Za-z0-9_.#-]+)\s*\[(\d+) 0 R", _object(pdf, dests))
    return {name.decode(): index[int(page)] for name, page in named if int(page) in index}
