"""Budget (issue #14 point 2): national scale on PostgreSQL. 1,000,000 enterprises, 5,000,000 supply links and
30 clusters written by `synth`, imported through the validated `chainatlas import` path (COPY): ≤ 10 min and
≤ 4× a raw COPY of the same rows into the same indexed tables; chain metrics for one cluster ≤ 10 s; the API
enterprise list with a filter, and a name search, p95 ≤ 50 ms (in-process ASGI client); peak RSS ≤ 4 GB
(this process and its children); the whole bench ≤ 30 min.

Runs in database `test` (or --url), in two schemas of its own, dropped after. Each figure is printed with the
load average beside it (the machine may be shared); the ratios last.

Run: .venv/bin/python bench/scale_pg.py [--scale 0.05] [--url postgresql+psycopg://…/test].
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import itertools
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import psutil
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from chainatlas.api.routes.registry import COUNT_CAP
from chainatlas.app import create_app
from chainatlas.config import load_settings
from chainatlas.domain.kinds import KINDS
from chainatlas.domain.user import Role, User
from chainatlas.interchange.read import MAX_ROWS
from chainatlas.interchange.synth import write_synthetic
from chainatlas.services.browse import list_records
from chainatlas.services.chain import chain_metrics
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.imports import run_import
from chainatlas.services.users import add_user, create_token
from chainatlas.store.chain import OutsideFirm, load_chain_rows, load_metric_rows
from chainatlas.store.engine import make_engine
from chainatlas.store.migrate import upgrade

URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
ENTERPRISES, LINKS, CLUSTERS, SEED = 1_000_000, 5_000_000, 30, 1
BUDGET = {"import_s": 600.0, "ratio": 4.0, "metrics_s": 10.0, "p95_ms": 50.0, "rss_mb": 4096.0, "total_s": 1800.0}
REPEATS = 30
WARM = 3
ANALYZED = ("chain_nodes", "enterprises", "enterprise_nodes", "supply_links", "clusters", "cluster_members")
PASSWORD = "bench-" + os.urandom(8).hex()
READER = User(id=0, username="bench", role=Role.ANALYST)
"""Who lists through the service alone (the API signs in as the analyst `bench`)."""
FEN = ("annual_output_cny", "annual_value_cny", "planned_investment_cny")
DERIVED = {"enterprises": {"in_cluster"}}
"""Columns of the interchange files that no table keeps (an enterprise's in_cluster is a membership)."""


def load() -> str:
    """Return the 1-minute load average, to print beside a figure."""
    return f"load {os.getloadavg()[0]:.2f}"


class PeakRss:
    """Sample the resident set size of this process and its children every 0.2 s; keep the peak."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.wait(0.2):
            try:
                total = me.memory_info().rss + sum(c.memory_info().rss for c in me.children(recursive=True))
            except psutil.Error:
                continue
            self.peak = max(self.peak, total)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak / 2**20


@contextmanager
def schemas(base: str, *names: str) -> Iterator[list[str]]:
    """Create fresh schemas (dropped after, whatever happens) and yield a URL on each."""
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            for name in names:
                connection.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
                connection.execute(text(f'CREATE SCHEMA "{name}"'))
        separator = "&" if "?" in base else "?"
        yield [f"{base}{separator}options=-csearch_path%3D{name}" for name in names]
    finally:
        with admin.connect() as connection:
            for name in names:
                connection.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
        admin.dispose()


def migrated(url: str) -> None:
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()


def timed(step: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = step()
    return time.perf_counter() - started, result


def timed_import(folders: list[Path], url: str) -> float:
    """Import the folders through the validated import path (as `chainatlas import` does); return seconds."""
    ctx = WriteContext(actor="bench", via=Via.IMPORT, at=dt.datetime.now(dt.UTC))
    engine = make_engine(url)
    started = time.perf_counter()
    with Session(engine) as session:
        report = run_import(session, folders, ctx)
        assert report.ok, report.problems[:5]
        session.commit()
    seconds = time.perf_counter() - started
    engine.dispose()
    return seconds


def analyzed(url: str) -> float:
    """Run ANALYZE (what autovacuum does within a minute or so of a bulk import) and return its seconds:
    without table statistics the planner takes a fresh million-row table for a small one and scans it."""
    engine = make_engine(url)
    with engine.connect() as connection:
        # the bench's own tables only: a bare ANALYZE would visit every schema of the database
        seconds, _ = timed(lambda: connection.execute(text(f"ANALYZE {', '.join(ANALYZED)}")))
        connection.commit()
    engine.dispose()
    return seconds


def _cell(name: str, value: str) -> str | None:
    if value == "":
        return "" if name in ("tags", "aliases") else None
    if name in FEN:
        return str(int(Decimal(value) * 100))
    return value


def _copy_text(cell: str | None) -> str:
    if cell is None:
        return "\\N"
    return cell.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def raw_files(folders: list[Path], out: Path) -> dict[str, tuple[list[str], Path]]:
    """Write the same files' rows as COPY text (the tables' cells, tab-separated), outside the timed part of the
    baseline, one file per kind; return each kind's columns and file. Streams: a million rows never sit in memory."""
    out.mkdir(parents=True, exist_ok=True)
    found: dict[str, tuple[list[str], Path]] = {}
    for spec in KINDS:
        for folder in folders:
            path = folder / f"{spec.name}.csv"
            if not path.exists():
                continue
            with path.open(encoding="utf-8-sig", newline="") as handle:
                reader = csv.reader(handle)
                names = next(reader)
                keep = [i for i, n in enumerate(names) if n not in DERIVED.get(spec.name, set())]
                target = out / f"{spec.name}.tsv"
                with target.open("a", encoding="utf-8") as sink:
                    for r in reader:
                        sink.write("\t".join(_copy_text(_cell(names[i], r[i])) for i in keep) + "\n")
                found[spec.name] = ([names[i] for i in keep], target)
    return found


def timed_raw_copy(files: dict[str, tuple[list[str], Path]], url: str) -> float:
    """COPY the rows into the same (migrated, indexed) tables with nothing else, the text fed as it is read;
    return seconds."""
    engine = make_engine(url)
    with engine.connect() as connection:
        raw: Any = connection.connection.dbapi_connection
        started = time.perf_counter()
        with raw.cursor() as cursor:
            for kind, (names, path) in files.items():
                with cursor.copy(f"COPY {kind} ({', '.join(names)}) FROM STDIN") as copy, path.open("rb") as source:
                    while chunk := source.read(1 << 20):
                        copy.write(chunk)
        raw.commit()
        seconds = time.perf_counter() - started
    engine.dispose()
    return seconds


def split_links(folder: Path, rows_per_file: int) -> list[Path]:
    """Move supply_links.csv into folders of at most `rows_per_file` rows each (an import file holds at most
    MAX_ROWS rows); return the folders to import, the main one first."""
    source = folder / "supply_links.csv"
    parts: list[Path] = []
    with source.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        while chunk := list(itertools.islice(reader, rows_per_file)):
            part = folder.parent / f"links-{len(parts) + 1}"
            part.mkdir()
            with (part / "supply_links.csv").open("w", encoding="utf-8-sig", newline="") as sink:
                writer = csv.writer(sink)
                writer.writerow(header)
                writer.writerows(chunk)
            parts.append(part)
    source.unlink()
    return [folder, *parts]


def timed_metrics(url: str, cluster: str) -> dict[str, float]:
    """Return the seconds of one cluster's full chain snapshot read (what targets rank), of its metrics-only
    snapshot read, of its chain metrics (cold: the metrics snapshot included), and how many enterprises each
    snapshot read in full."""
    engine = make_engine(url)
    with Session(engine) as session:
        full_s, full = timed(lambda: load_chain_rows(session, cluster))
    with Session(engine) as session:
        lean_s, lean = timed(lambda: load_metric_rows(session, cluster))
    with Session(engine) as session:
        metrics_s, _ = timed(lambda: chain_metrics(session, None, cluster=cluster))
    engine.dispose()
    in_full = sum(not isinstance(firm, OutsideFirm) for firm in lean.firms)
    return {
        "full_s": full_s,
        "full_firms": len(full.firms),
        "lean_s": lean_s,
        "lean_firms": in_full,
        "metrics_s": metrics_s,
    }


def trigram_indexes(url: str) -> list[str]:
    """Return the trigram indexes of the bench's enterprises (a schema drop elsewhere can take them with pg_trgm)."""
    engine = make_engine(url)
    with engine.connect() as connection:
        names = connection.scalars(
            text(
                "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'enterprises' "
                "AND indexname LIKE '%trgm'"
            )
        ).all()
    engine.dispose()
    return sorted(str(n) for n in names)


def p95_ms(client: TestClient, headers: dict[str, str], params: dict[str, str]) -> tuple[float, dict[str, Any]]:
    """Return the p95 latency of GET /api/v1/enterprises with params (after WARM unmeasured ones), and the last
    answer."""
    times, body = [], {}
    for _ in range(WARM):
        client.get("/api/v1/enterprises", params=params, headers=headers)
    for _ in range(REPEATS):
        started = time.perf_counter()
        answer = client.get("/api/v1/enterprises", params=params, headers=headers)
        times.append((time.perf_counter() - started) * 1000)
        assert answer.status_code == 200, answer.text[:500]
        body = answer.json()
    return statistics.quantiles(times, n=20)[-1], body


def sql_p95_ms(url: str, params: dict[str, str]) -> float:
    """Return the p95 of the same listing through the service alone (no HTTP, no sign-in): the database part."""
    engine = make_engine(url)
    filters = {k: v for k, v in params.items() if k not in ("limit", "after")}
    times = []
    with Session(engine) as session:
        for repeat in range(WARM + REPEATS):
            started = time.perf_counter()
            list_records(
                session,
                READER,
                kind="enterprises",
                filters=filters,
                limit=50,
                after=params.get("after"),
                count_cap=COUNT_CAP,
            )
            if repeat >= WARM:
                times.append((time.perf_counter() - started) * 1000)
    engine.dispose()
    return statistics.quantiles(times, n=20)[-1]


def api_latencies(url: str, var: Path, cluster_city: str) -> tuple[dict[str, float], dict[str, float]]:
    """Measure the list with filters and the name search through the API, first pages and cursor pages, and the
    same through the service alone."""
    ctx = WriteContext(actor="bench", via=Via.CLI, at=dt.datetime.now(dt.UTC))
    engine = make_engine(url)
    with Session(engine) as session:
        add_user(session, ctx, username="bench", role=Role.ANALYST, password=PASSWORD, enterprise_id=None)
        token = create_token(session, ctx, username="bench", name="bench")
        session.commit()
    engine.dispose()
    headers = {"Authorization": f"Bearer {token}"}
    figures: dict[str, float] = {}
    sql: dict[str, float] = {}
    app = create_app(load_settings({}, database_url=url), var_dir=var)
    with TestClient(app) as client:
        cases = {
            "id=S0000001 (a key: the fixed cost of a request)": {"id": "S0000001"},
            "province=湖南省": {"province": "湖南省"},
            f"city={cluster_city}": {"city": cluster_city},
            "tag=小巨人": {"tag": "小巨人"},
            "in_cluster=true": {"in_cluster": "true"},
            "q=合成企业0123456": {"q": "合成企业0123456"},
            "q=Synthetic Enterprise 4321": {"q": "Synthetic Enterprise 4321"},
        }
        for name, params in cases.items():
            first, body = p95_ms(client, headers, {**params, "limit": "50"})
            figures[f"{name} (first page, counted up to {COUNT_CAP:,})"] = first
            sql[f"{name} (first page, counted up to {COUNT_CAP:,})"] = sql_p95_ms(url, params)
            if body.get("next"):
                later_params = {**params, "limit": "50", "after": body["next"]}
                figures[f"{name} (after= cursor)"], _ = p95_ms(client, headers, later_params)
                sql[f"{name} (after= cursor)"] = sql_p95_ms(url, later_params)
    app.state.engine.dispose()
    return figures, sql


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--url", default=URL)
    args = parser.parse_args()
    begun = time.perf_counter()
    rss = PeakRss()
    firms, links = int(ENTERPRISES * args.scale), int(LINKS * args.scale)
    print(f"enterprises={firms:,} links={links:,} clusters={CLUSTERS} ({load()})", flush=True)
    tag = f"bench_scale_{os.getpid()}"
    with tempfile.TemporaryDirectory() as tmp, schemas(args.url, f"{tag}_import", f"{tag}_raw") as (url, raw_url):
        folder = Path(tmp, "files")
        synth_s, _ = timed(lambda: write_synthetic(folder, enterprises=firms, links=links, seed=SEED, clusters=30))
        print(f"synth: {synth_s:.1f} s ({load()})", flush=True)
        migrated(url)
        folders = split_links(folder, MAX_ROWS // 2)
        import_s = timed_import(folders, url)
        print(f"import (validated, COPY): {import_s:.1f} s, budget {BUDGET['import_s']:.0f} s ({load()})", flush=True)
        analyze_s = analyzed(url)
        print(f"ANALYZE after the import (autovacuum's job, done now): {analyze_s:.1f} s ({load()})", flush=True)
        migrated(raw_url)
        raw_s = timed_raw_copy(raw_files(folders, Path(tmp, "raw")), raw_url)
        print(f"baseline raw COPY of the same rows: {raw_s:.1f} s ({load()})", flush=True)
        slowest = 0.0
        for cluster in ("c01", "c04"):
            m = timed_metrics(url, cluster)
            slowest = max(slowest, m["metrics_s"])
            print(
                f"cluster {cluster}: full snapshot read {m['full_s']:.2f} s ({m['full_firms']:,} enterprises in full), "
                f"metrics snapshot read {m['lean_s']:.2f} s ({m['lean_firms']:,} in full), chain metrics "
                f"{m['metrics_s']:.2f} s cold, budget {BUDGET['metrics_s']:.0f} s ({load()})",
                flush=True,
            )
        print(f"trigram indexes present: {trigram_indexes(url)} ({load()})", flush=True)
        latencies, sql = api_latencies(url, Path(tmp, "var"), city_of(folder))
        for name, ms in latencies.items():
            print(
                f"API /enterprises {name}: p95 {ms:.1f} ms (service alone {sql[name]:.1f} ms), "
                f"budget {BUDGET['p95_ms']:.0f} ms ({load()})"
            )
    peak = rss.stop()
    total = time.perf_counter() - begun
    print(f"peak RSS (with children): {peak:,.0f} MB, budget {BUDGET['rss_mb']:,.0f} MB ({load()})")
    print(f"whole bench: {total:.0f} s, budget {BUDGET['total_s']:.0f} s ({load()})")
    ratio = import_s / raw_s
    print(f"ratio import/raw COPY: {ratio:.2f} (budget {BUDGET['ratio']:.0f})")
    worst = max(latencies.values())
    print(f"ratio worst API p95/budget: {worst / BUDGET['p95_ms']:.2f} (budget 1)")
    ok = (
        import_s <= BUDGET["import_s"]
        and ratio <= BUDGET["ratio"]
        and worst <= BUDGET["p95_ms"]
        and slowest <= BUDGET["metrics_s"]
        and peak <= BUDGET["rss_mb"]
        and total <= BUDGET["total_s"]
    )
    sys.exit(0 if ok else 1)


def city_of(folder: Path) -> str:
    """Return the city of the first cluster (c01, a city cluster)."""
    with (folder / "clusters.csv").open(encoding="utf-8-sig", newline="") as handle:
        first = next(csv.DictReader(handle))
    return str(first["region"]).split(":", 1)[1]


if __name__ == "__main__":
    main()
