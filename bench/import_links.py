"""Budget: import 1M supply links (CSV → SQLite), validated, with the batch's change record:
≤ 60 s, ≤ 1 GB RSS, ≤ 5× a raw `sqlite3.executemany` of the same rows into the same tables.

Run: .venv/bin/python bench/import_links.py [--links N] [--enterprises N]. Prints the ratio last.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import resource
import sqlite3
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from chainatlas.domain.kinds import KINDS
from chainatlas.interchange.columns import COLUMNS
from chainatlas.interchange.discovery import discover
from chainatlas.interchange.synth import write_synthetic
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.imports import import_tables
from chainatlas.store.engine import UnitOfWork, make_engine
from chainatlas.store.migrate import upgrade

BOOLS = {"true": 1, "false": 0}


def peak_rss_mb() -> float:
    """Return this process's peak resident set size in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def fresh_database(path: Path) -> str:
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    return url


def timed_import(folder: Path, url: str) -> float:
    tables, problems = discover([folder])
    assert not problems, problems
    ctx = WriteContext(actor="bench", via=Via.IMPORT, at=dt.datetime.now(dt.UTC))
    started = time.perf_counter()
    with UnitOfWork(make_engine(url)) as uow:
        report = import_tables(uow.session, tables, ctx)
        assert report.ok, report.problems[:5]
        uow.commit()
    return time.perf_counter() - started


def _value(kind: str, name: str, text: str) -> object:
    if text == "":
        return "" if name == "tags" else None
    if text in BOOLS and name in {"in_cluster", "key_technology", "confidential"}:
        return BOOLS[text]
    if name.endswith("_cny"):
        return int(Decimal(text) * 100)
    return text


def raw_rows(folder: Path) -> dict[str, list[tuple[object, ...]]]:
    """Parse the same files into plain tuples, outside the timed part of the baseline."""
    rows: dict[str, list[tuple[object, ...]]] = {}
    for spec in KINDS:
        path = folder / f"{spec.name}.csv"
        if path.exists():
            with path.open(encoding="utf-8-sig", newline="") as handle:
                reader = csv.reader(handle)
                names = next(reader)
                rows[spec.name] = [
                    tuple(_value(spec.name, n, v) for n, v in zip(names, r, strict=True)) for r in reader
                ]
    return rows


def timed_executemany(rows: dict[str, list[tuple[object, ...]]], path: Path) -> float:
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    started = time.perf_counter()
    for kind, items in rows.items():
        names = [c.name for c in COLUMNS[kind]]
        sql = f"INSERT INTO {kind} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
        connection.executemany(sql, items)
    connection.commit()
    seconds = time.perf_counter() - started
    connection.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--links", type=int, default=1_000_000)
    parser.add_argument("--enterprises", type=int, default=50_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "files")
        write_synthetic(folder, enterprises=args.enterprises, links=args.links, seed=1)
        seconds = timed_import(folder, fresh_database(Path(tmp, "import.db")))
        rss = peak_rss_mb()
        baseline = timed_executemany(
            raw_rows(folder), Path(fresh_database(Path(tmp, "raw.db")).removeprefix("sqlite:///"))
        )
    ratio = seconds / baseline
    print(f"links={args.links} enterprises={args.enterprises}")
    print(f"import: {seconds:.1f} s (budget 60 s); peak RSS during import: {rss:.0f} MB (budget 1024 MB)")
    print(f"baseline raw sqlite3.executemany of the same rows: {baseline:.1f} s")
    print(f"ratio import/executemany: {ratio:.2f} (budget 5)")
    sys.exit(0 if seconds <= 60 and rss <= 1024 and ratio <= 5 else 1)


if __name__ == "__main__":
    main()
