"""News documents from files for the ingest (plain text, HTML, RSS/Atom, JSON Lines, folders): every file read
before anything is stored, every problem named by file, line and field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from chainatlas.domain.article import Document
from chainatlas.domain.common import Problem
from chainatlas.interchange.encodings import detect_encoding
from chainatlas.interchange.news_files import read_documents
from chainatlas.interchange.problems import RowProblem, UnreadableFile
from chainatlas.services.errors import InvalidInput


def _problem(found: RowProblem) -> Problem:
    where = found.file if found.row is None else f"{found.file}:{found.row}"
    where += f" {found.column}" if found.column else ""
    return Problem.of(where, found.code or "news.unreadable", found.params or {"reason": found.message})


def documents_from_paths(paths: Sequence[Path], *, retrieved: dt.date) -> list[Document]:
    """Return the documents of files and folders; InvalidInput naming every unreadable file or line (and a path
    that does not exist), so that nothing is ingested from a half-read set."""
    found: list[Document] = []
    problems: list[Problem] = []
    for path in paths:
        if not path.exists():
            problems.append(Problem.coded(str(path), "news.no_such_path", path=str(path)))
            continue
        try:
            found += read_documents(path, retrieved=retrieved)
        except UnreadableFile as error:
            problems += [_problem(p) for p in error.problems]
    if problems:
        raise InvalidInput(problems)
    return found


def text_of_file(path: Path) -> str:
    """Return a text file's text in the encoding its byte-order mark names, else UTF-8, else GB18030 (GBK);
    InvalidInput naming the file and what could not be decoded (nothing read half)."""
    try:
        return path.read_text(encoding=detect_encoding(path, str(path)))
    except UnreadableFile as error:
        raise InvalidInput([_problem(p) for p in error.problems]) from error
