"""Print the quality of news extraction on the shared corpus's dev set, linked against the demo registry.

Run with `.venv/bin/python scripts/news_score.py [CORPUS_FOLDER] [--misses]`; the folder holds `articles.jsonl` and
`gold-dev.jsonl` (default: `news-changsha` in the shared data folder beside the checkout). The demo registry is
imported into a throw-away SQLite file; nothing in the repository is written.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from chainatlas.analytics.news.extract import extract
from chainatlas.analytics.news.lexicon import Lexicon
from chainatlas.analytics.news.quality import QualityReport, score
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.imports import run_import
from chainatlas.services.news_lexicon import registry_lexicon
from chainatlas.services.uow import make_engine, upgrade

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "src" / "chainatlas" / "demo" / "data"
CTX = WriteContext(actor="score", via=Via.CLI, at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))


def default_corpus() -> Path:
    """Return the shared corpus folder: CHAINATLAS_SHARED_DATA, else `shared/data` beside the checkout."""
    base = os.environ.get("CHAINATLAS_SHARED_DATA")
    candidates = [Path(base)] if base else []
    candidates += [ROOT.parent / "shared" / "data", ROOT.parent.parent / "shared" / "data"]
    return next((c / "news-changsha" for c in candidates if (c / "news-changsha").exists()), candidates[-1])


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Return the objects of a JSON Lines file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def demo_lexicon() -> Lexicon:
    """Return the lexicon of the demo registry, imported into a throw-away SQLite file."""
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{folder}/score.db")
        upgrade(engine)
        with Session(engine) as session:
            if not run_import(session, [DEMO], CTX).ok:
                sys.exit("the demo registry did not import")
            session.commit()
            lexicon = registry_lexicon(session)
        engine.dispose()
    return lexicon


def dev_report(corpus: Path, lexicon: Lexicon) -> QualityReport:
    """Return the quality of extraction on the dev documents of a corpus folder (artefacts counted on all)."""
    articles = read_jsonl(corpus / "articles.jsonl")
    gold = read_jsonl(corpus / "gold-dev.jsonl")
    found = {a["id"]: extract(a["id"], a["text"], lexicon) for a in articles}
    report = score(gold, {g["id"]: found[g["id"]] for g in gold}, lexicon)
    report.artefacts_left = score([], found, lexicon).artefacts_left
    return report


def main() -> None:
    """Print the dev-set figures (and, with --misses, what was missed per document)."""
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    corpus = Path(args[0]) if args else default_corpus()
    report = dev_report(corpus, demo_lexicon())
    if "--misses" in sys.argv:
        for doc, missed in report.misses.items():
            print(doc, "; ".join(missed))
    print("\n".join(report.lines()))


if __name__ == "__main__":
    main()
