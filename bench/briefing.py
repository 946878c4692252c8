"""Budget (issue #18 point 6): the full chain chief's briefing on the demo data — PDF + DOCX + XLSX together —
in ≤ 10 s, against printing the same briefing's HTML page alone to PDF (one headless Chromium, same page).

The demo is imported into a fresh SQLite file; the briefing's data is assembled once first (the resilience
analysis and the other caches warm, as on a running server), then each run times assembling again, the HTML,
the PDF, the chart pictures for Word, the DOCX and the XLSX. The baseline prints the same HTML page alone, once (the briefing prints twice: the second time with the
contents' page numbers).

Run: .venv/bin/python bench/briefing.py [--runs N]. Prints the machine load beside each timing and the ratio last.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy.orm import Session

from chainatlas.cli.registry import demo_dir
from chainatlas.domain.briefing import SECTIONS, BriefingParams
from chainatlas.domain.user import Role, User
from chainatlas.reports.briefing_browser import render_page
from chainatlas.reports.briefing_document import Issue, briefing_document
from chainatlas.reports.briefing_html import briefing_html
from chainatlas.reports.briefing_render import render_briefing
from chainatlas.reports.briefing_template import load_template
from chainatlas.services.briefing import briefing_data
from chainatlas.services.briefing_jobs import chart_scripts
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.imports import run_import
from chainatlas.store.engine import make_engine
from chainatlas.store.migrate import upgrade

BUDGET_S = 10.0
AS_OF = dt.date(2025, 12, 31)
USER = User(id=0, username="bench", role=Role.ADMIN)
CTX = WriteContext(actor="bench", via=Via.CLI, at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))


def load() -> str:
    """Return the 1-minute load average."""
    return Path("/proc/loadavg").read_text(encoding="utf-8").split()[0]


def main() -> int:
    """Time the full briefing against printing its HTML page alone; print the ratio last."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'bench.db'}")
        upgrade(engine)
        with Session(engine) as session:
            assert run_import(session, [demo_dir()], CTX).ok
            session.commit()
        params = BriefingParams(as_of=AS_OF, period="2025-12", sections=SECTIONS)
        template, scripts = load_template("zh"), chart_scripts()
        with Session(engine) as session:
            started = time.perf_counter()
            briefing_data(session, USER, params=params)
            print(
                f"first assembly (cold caches, resilience analysis): {time.perf_counter() - started:.2f} s, load {load()}"
            )
            full, alone = [], []
            for _ in range(runs):
                started = time.perf_counter()
                data = briefing_data(session, USER, params=params)
                doc = briefing_document(data, template, Issue())
                files = render_briefing(doc, ("pdf", "docx", "xlsx"), scripts)
                full.append(time.perf_counter() - started)
                print(
                    f"full briefing (pdf {len(files['pdf']):,} B, docx {len(files['docx']):,} B, xlsx {len(files['xlsx']):,} B): {full[-1]:.2f} s, load {load()}"
                )
                html = briefing_html(doc, scripts)
                started = time.perf_counter()
                render_page(html, pdf=True, charts=False, contents=False)
                alone.append(time.perf_counter() - started)
                print(f"the HTML page alone printed to PDF: {alone[-1]:.2f} s, load {load()}")
        engine.dispose()
    best, base = min(full), min(alone)
    verdict = "within" if best <= BUDGET_S else "OVER"
    print(
        f"full briefing best {best:.2f} s (median {statistics.median(full):.2f} s) {verdict} the {BUDGET_S:.0f} s budget"
    )
    print(f"ratio full briefing / HTML page alone printed: {best / base:.2f}x")
    return 0 if best <= BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
