"""The shared news corpus end to end against the demo registry: the issue's quality thresholds on the dev set,
offsets into the original text everywhere, and no pinyin artefact left in any normalised text.

The corpus is third-party text kept beside the checkout, not in the repository: without it the test is skipped
(naming the folder), except on CI (`CI` set), where a missing corpus is a failure.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from tests.shared_data import shared

from chainatlas.analytics.news.extract import extract
from chainatlas.analytics.news.lexicon import Lexicon
from chainatlas.analytics.news.quality import score
from chainatlas.cli.registry import demo_dir
from chainatlas.domain.news_results import Extraction
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.imports import run_import
from chainatlas.services.news_lexicon import registry_lexicon

CORPUS = shared("news-changsha")
CTX = WriteContext(actor="setup", via=Via.CLI, at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))


def _corpus() -> Path:
    if not CORPUS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"the shared news corpus is missing on CI: {CORPUS}")
        pytest.skip(f"the shared news corpus (third-party text, not in the repo) is not at {CORPUS}")
    return CORPUS


def _read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def demo_lexicon(module_engine: Engine) -> Lexicon:
    with Session(module_engine) as session:
        assert run_import(session, [demo_dir()], CTX).ok
        session.commit()
        return registry_lexicon(session)


@pytest.fixture(scope="module")
def extracted(demo_lexicon: Lexicon) -> dict[str, Extraction]:
    articles = _read(_corpus() / "articles.jsonl")
    return {a["id"]: extract(a["id"], a["text"], demo_lexicon) for a in articles}


@pytest.mark.slow
def test_every_mention_is_the_original_text_at_its_offsets(extracted: dict[str, Extraction]) -> None:
    texts = {a["id"]: a["text"] for a in _read(_corpus() / "articles.jsonl")}
    for doc, found in extracted.items():
        items = [*found.organisations, *found.amounts, *found.dates, *found.project_mentions]
        for item in items:
            assert texts[doc][item.start : item.end] == item.mention, (doc, item)
        if found.disruption is not None:
            assert texts[doc][found.disruption.start : found.disruption.end] == found.disruption.evidence


@pytest.mark.slow
def test_the_dev_set_meets_the_issue_thresholds(extracted: dict[str, Extraction], demo_lexicon: Lexicon) -> None:
    gold = _read(_corpus() / "gold-dev.jsonl")
    report = score(gold, {g["id"]: extracted[g["id"]] for g in gold}, demo_lexicon)
    summary = "\n".join(report.lines())
    assert report.enterprise_links.precision >= 0.9 and report.enterprise_links.recall >= 0.9, summary
    assert report.amounts.recall >= 0.9, summary
    assert report.dates.recall >= 0.85, summary
    assert report.organisations.recall >= 0.8, summary
    assert report.disruptions_found == report.disruptions_expected == 1, summary
    assert report.disruptions_invented == 0, summary


@pytest.mark.slow
def test_no_pinyin_artefact_is_left_in_any_normalised_text(
    extracted: dict[str, Extraction], demo_lexicon: Lexicon
) -> None:
    assert score([], extracted, demo_lexicon).artefacts_left == 0
