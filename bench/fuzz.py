"""Budget (issue 11 point 5): ≥ 10,000 schemathesis cases over the whole OpenAPI, as an admin, with 0 server errors.

Builds a fresh SQLite database in a temp dir (the tests' basic registry, so the heavy analyses stay small; `--demo`:
the demo dataset), adds an admin with an API token, and runs schemathesis's engine over every operation of the app's
OpenAPI in-process, as `st run` would: examples, coverage (boundary values inside and outside every constraint,
unexpected methods) and fuzzing (`--examples` Hypothesis cases per operation, positive and negative data); checks
not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
response_schema_conformance. Baseline: plain `GET /api/v1/enterprises?limit=20` requests through an in-process
client on the same app; the ratio printed last is fuzzed cases per second over plain requests per second.

Run: .venv/bin/python bench/fuzz.py [--cases N] [--examples K] [--seed S] [--demo]. Note `uptime` with the figures.
Exits 0 when at least N cases ran with 0 server errors, 0 timeouts and no failed check, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.factories import write_basic
from tests.fuzzing import SETUP, admin_headers, fuzz, summary_lines

from chainatlas.app import create_app
from chainatlas.cli.registry import demo_dir
from chainatlas.config import load_settings
from chainatlas.services.imports import run_import
from chainatlas.store.engine import make_engine
from chainatlas.store.migrate import upgrade

BASELINE_PATH, BASELINE_REQUESTS = "/api/v1/enterprises?limit=20", 300


def settings_job_limit(app: object) -> float:
    """Return the app's heavy-job time limit in seconds."""
    return float(app.state.settings.job_timeout_seconds)  # type: ignore[attr-defined]


def build_database(folder: Path, *, small: bool) -> str:
    """Create a migrated SQLite database holding the demo dataset (or the basic registry); return its URL."""
    url = f"sqlite:///{folder / 'fuzz.db'}"
    engine = make_engine(url)
    upgrade(engine)
    source = write_basic(folder / "basic") if small else demo_dir()
    with Session(engine) as session:
        report = run_import(session, [source], SETUP)
        assert report.ok, report.as_dict()
        session.commit()
    engine.dispose()
    return url


def plain_rate(app: object, headers: dict[str, str]) -> float:
    """Return plain authenticated list requests per second through an in-process client (the baseline)."""
    with TestClient(app) as client:  # type: ignore[arg-type]
        client.get(BASELINE_PATH, headers=headers)
        started = time.perf_counter()
        for _ in range(BASELINE_REQUESTS):
            assert client.get(BASELINE_PATH, headers=headers).status_code == 200
        return BASELINE_REQUESTS / (time.perf_counter() - started)


def main() -> int:
    """Fuzz the API and print the counts, then the ratio against plain requests."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--examples", type=int, default=60, help="Hypothesis cases per operation (fuzzing phase)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--demo", action="store_true", help="the demo dataset instead of the basic registry")
    parser.add_argument("--failures", type=Path, help="write one example of each failure to this JSON file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="chainatlas-fuzz-") as tmp:
        url = build_database(Path(tmp), small=not args.demo)
        headers = admin_headers(url)
        app = create_app(load_settings({}, database_url=url), var_dir=Path(tmp) / "var")
        baseline = plain_rate(app, headers)
        # the demo's heavy analyses may run up to the job limit (60 s, then 503): wait past it, not 10 s
        timeout = settings_job_limit(app) + 15 if args.demo else 10.0
        report = fuzz(app, headers, examples=args.examples, seed=args.seed, request_timeout=timeout)
        app.state.engine.dispose()
    for line in summary_lines(report):
        print(line)
    for label, example in list(report.examples.items())[:10]:
        print(f"--- {label}\n{example}")
    if args.failures:
        args.failures.write_text(json.dumps(report.examples, ensure_ascii=False, indent=1), encoding="utf-8")
    rate = report.cases / report.seconds
    print(f"baseline: {baseline:.0f} plain requests/s ({BASELINE_PATH})")
    print(f"ratio fuzzed cases/s ÷ plain requests/s: {rate / baseline:.3f}")
    ok = report.cases >= args.cases and report.server_errors == report.timeouts == 0 and not report.failures
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
