"""`news extract`: read documents from JSON Lines (`id`, `text`) and link each against the registry, storing nothing."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy.orm import Session

from chainatlas.analytics.news.extract import extract
from chainatlas.domain.common import Problem
from chainatlas.domain.news_results import Extraction
from chainatlas.services.errors import InvalidInput
from chainatlas.services.news_lexicon import registry_lexicon


@dataclass(frozen=True)
class NewsDocument:
    """One document to extract from: its id and its original text."""

    id: str
    text: str


def _document(number: int, line: str, seen: set[str]) -> tuple[NewsDocument | None, list[Problem]]:
    """Return the document of one JSON line, or every problem it has."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        return None, [Problem.coded(f"line {number}", "news.line_not_json", line=number, detail=error.msg)]
    if not isinstance(data, dict):
        return None, [Problem.coded(f"line {number}", "news.line_not_json", line=number, detail=type(data).__name__)]
    problems = [
        Problem.coded(name, "news.line_field", line=number, name=name)
        for name in ("id", "text")
        if not isinstance(data.get(name), str) or not data[name].strip()
    ]
    if problems:
        return None, problems
    if data["id"] in seen:
        return None, [Problem.coded("id", "news.id_twice", value=data["id"], id=data["id"], line=number)]
    seen.add(data["id"])
    return NewsDocument(data["id"], data["text"]), []


def parse_documents(text: str) -> list[NewsDocument]:
    """Return the documents of a JSON Lines text; raise InvalidInput naming every bad line (blank lines are skipped)."""
    documents: list[NewsDocument] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            document, found = _document(number, line, seen)
            problems += found
            documents += [document] if document else []
    if problems:
        raise InvalidInput(problems)
    return documents


def extract_documents(
    session: Session, documents: list[NewsDocument], *, cluster: str | None = None
) -> list[Extraction]:
    """Return what each document names, linked against the registry (nothing is stored)."""
    lexicon = registry_lexicon(session, cluster)
    return [extract(document.id, document.text, lexicon) for document in documents]
