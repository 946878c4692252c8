"""News documents from files (情报导入): plain text, HTML (page chrome left out), RSS/Atom, JSON Lines (`id`, `url`,
`text`, optional `title`, `published`, `retrieved`) and folders of them. Pure reading: nothing is stored here."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser  # type: ignore[import-untyped]  # feedparser ships no type stubs
from pydantic import ValidationError

from chainatlas.domain.article import Document
from chainatlas.interchange.encodings import detect_encoding
from chainatlas.interchange.news_html import html_text
from chainatlas.interchange.problems import RowProblem, UnreadableFile

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".xml", ".rss", ".atom")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
KNOWN = (*TEXT_SUFFIXES, *HTML_SUFFIXES, *FEED_SUFFIXES, *JSONL_SUFFIXES)


def read_documents(path: Path, *, retrieved: dt.date) -> list[Document]:
    """Return the documents of a file or a folder (its files of a known format, by name, at any depth).

    Raises UnreadableFile naming the file (and line) of every problem; nothing is returned half-read."""
    files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in KNOWN) if path.is_dir() else [path]
    found: list[Document] = []
    problems: list[RowProblem] = []
    for file in files:
        try:
            found += read_file(file, retrieved=retrieved)
        except UnreadableFile as error:
            problems += error.problems
    if problems:
        raise UnreadableFile(problems)
    return found


def read_file(path: Path, *, retrieved: dt.date) -> list[Document]:
    """Return the documents of one file, by its suffix."""
    suffix = path.suffix.lower()
    if suffix not in KNOWN:
        raise UnreadableFile.coded(str(path), "news.unknown_format")
    text = _text_of(path)
    if suffix in JSONL_SUFFIXES:
        return list(jsonl_documents(text, str(path), retrieved=retrieved))
    if suffix in FEED_SUFFIXES:
        return feed_documents(text, str(path), retrieved=retrieved)
    if suffix in HTML_SUFFIXES:
        title, body = html_text(text)
        return [_one(str(path), path.stem, body, title, retrieved)]
    return [_one(str(path), path.stem, text, _first_line(text), retrieved)]


def _text_of(path: Path) -> str:
    try:
        return path.read_text(encoding=detect_encoding(path, str(path)))
    except OSError as error:
        raise UnreadableFile.coded(str(path), "news.unreadable", reason=error.strerror or str(error)) from error


def _first_line(text: str) -> str | None:
    line = next((line.strip() for line in text.splitlines() if line.strip()), None)
    return None if line is None else line[:300]


def _one(source: str, doc_id: str, text: str, title: str | None, retrieved: dt.date) -> Document:
    if not text.strip():
        raise UnreadableFile.coded(source, "news.no_text")
    return Document(text=text, id=doc_id[:200], title=title, retrieved=retrieved, source=source)


def jsonl_documents(text: str, file: str, *, retrieved: dt.date) -> Iterator[Document]:
    """Yield the documents of JSON Lines, one object a line; raise UnreadableFile naming every bad line."""
    problems, found = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            found.append(_json_document(line, f"{file}:{number}", retrieved))
        except _LineProblem as problem:
            problems.append(RowProblem.coded(file, problem.code, row=number, column=problem.field, **problem.params))
    if problems:
        raise UnreadableFile(problems)
    yield from found


class _LineProblem(Exception):
    def __init__(self, code: str, field: str | None = None, **params: str) -> None:
        super().__init__(code)
        self.code, self.field, self.params = code, field, params


def _json_document(line: str, source: str, retrieved: dt.date) -> Document:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        raise _LineProblem("news.bad_line", reason=error.msg) from error
    if not isinstance(data, dict):
        raise _LineProblem("news.bad_line", reason=type(data).__name__)
    if not isinstance(data.get("text"), str) or not data["text"].strip():
        raise _LineProblem("news.no_text", "text")
    fields = {"id": _string(data.get("id")), "url": data.get("url"), "title": data.get("title")}
    dates = {"published": _day(data, "published"), "retrieved": _day(data, "retrieved") or retrieved}
    try:
        return Document(text=data["text"], source=str(data.get("url") or source), **fields, **dates)
    except ValidationError as error:
        first = error.errors()[0]
        raise _LineProblem("news.bad_field", str(first["loc"][0]), reason=first["msg"]) from error


def _string(value: Any) -> str | None:
    return None if value is None else str(value)


def _day(data: dict[str, Any], field: str) -> dt.date | None:
    value = data.get(field)
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError as error:
        raise _LineProblem("news.bad_field", field, reason=f"{value!r} is no date (YYYY-MM-DD)") from error


def feed_documents(text: str, source: str, *, retrieved: dt.date) -> list[Document]:
    """Return the entries of an RSS or Atom feed as documents (their HTML content or summary as text)."""
    parsed = feedparser.parse(text)
    found = [d for d in (_entry_document(e, source, retrieved) for e in parsed.get("entries", [])) if d is not None]
    if parsed.get("bozo") and not found:  # damaged and nothing readable in it (a damaged feed with entries is read)
        reason = str(parsed.get("bozo_exception") or "no entries")
        raise UnreadableFile.coded(source, "news.not_a_feed", reason=reason[:300])
    return found


def _entry_document(entry: Any, source: str, retrieved: dt.date) -> Document | None:
    contents = [c.get("value", "") for c in entry.get("content", [])] or [entry.get("summary", "")]
    _, body = html_text("\n".join(contents))
    if not body.strip():
        return None
    link = entry.get("link")
    return Document(
        text=body,
        id=(entry.get("id") or link or None),
        url=link,
        title=entry.get("title"),
        published=_entry_day(entry),
        retrieved=retrieved,
        source=link or source,
    )


def _entry_day(entry: Any) -> dt.date | None:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    return None if stamp is None else dt.date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday)
