"""Render a briefing document to the formats asked for: html, pdf (printed by headless Chromium), docx, xlsx.

The HTML page is rendered once; Chromium loads it once to print the PDF and photograph the charts for Word."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

from chainatlas.reports.briefing_browser import render_page
from chainatlas.reports.briefing_html import briefing_html
from chainatlas.reports.briefing_model import Document
from chainatlas.reports.briefing_office import briefing_docx, briefing_xlsx

Step = Callable[[str], None]


def checksum(content: bytes) -> str:
    """Return the SHA-256 of a file's bytes."""
    return hashlib.sha256(content).hexdigest()


def render_briefing(
    doc: Document,
    formats: Sequence[str],
    scripts: Sequence[str],
    *,
    chromium: str | None = None,
    step: Step | None = None,
) -> dict[str, bytes]:
    """Return each format's file bytes; `scripts` are the chart scripts' texts (see `briefing_html`)."""
    tell = step or (lambda _name: None)
    html = briefing_html(doc, scripts)
    files: dict[str, bytes] = {}
    if "html" in formats:
        files["html"] = html.encode("utf-8")
    tell("html")
    images: dict[str, bytes] = {}
    if "pdf" in formats or "docx" in formats:
        pdf, images = render_page(html, pdf="pdf" in formats, charts="docx" in formats, executable=chromium)
        if "pdf" in formats:
            files["pdf"] = pdf
    tell("pdf")
    if "docx" in formats:
        files["docx"] = briefing_docx(doc, images)
    tell("docx")
    if "xlsx" in formats:
        files["xlsx"] = briefing_xlsx(doc)
    tell("xlsx")
    return {fmt: files[fmt] for fmt in formats if fmt in files}
