"""Budget: many users at once. The mixed profile (pages with a session cookie, API reads with a bearer token,
default parameters) on the demo data, offered open-loop at 300 req/s over 50 connections: p95 ≤ 100 ms and no
errors, on SQLite and on PostgreSQL.

For each database: build the demo in a fresh database, start `chainatlas serve --workers N`, sign in once
(the sign-in limits apply to sign-in attempts only, so this run never meets them), then
- open loop: Poisson arrivals at a fixed rate, each request taking one of 50 kept-alive connections (waiting
  for a free one counts in its latency: latency runs from the scheduled start), the rate stepped up;
- closed loop: 50 clients sending the next request as soon as the last answered, no think time;
- the same open-loop ladder on /healthz, the baseline.
Prints throughput, p50/p95/p99 and errors for each run, and last the highest offered rate that keeps
p95 ≤ 100 ms with its ratio to the same ladder on /healthz.

Run: .venv/bin/python bench/load.py [--databases sqlite,postgresql] [--workers N] [--seconds S] [--quick]
(PostgreSQL: CHAINATLAS_BENCH_PG, default the local test server; a database of its own is made and dropped).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from _load import FAILED, Pool, percentile, prepare, settle
from chainatlas.config import DEFAULT_TIME_ZONE
from web_latency import PASSWORD, USER, cli, free_port

CONNECTIONS = 50
BUDGET_MS, BUDGET_RATE = 100.0, 300.0
LADDER = [100, 200, 300, 400, 500, 600, 800]
PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
TIMEOUT_S = 15.0

MIX: list[tuple[int, str, str]] = [
    # (share in %, path, credentials: page = session cookie, api = bearer token)
    (12, "/", "page"),
    (12, "/enterprises", "page"),
    (6, "/enterprises?q=中联", "page"),
    (8, "/enterprises/E0002", "page"),
    (8, "/chain", "page"),
    (4, "/chain/gaps", "page"),
    (4, "/scorecard?as_of={today}", "page"),
    (4, "/projects?as_of={today}", "page"),
    (12, "/api/v1/chain/metrics", "api"),
    (4, "/api/v1/chain/gaps?limit=20", "api"),
    (12, "/api/v1/enterprises?limit=50", "api"),
    (8, "/api/v1/enterprises/E0002", "api"),
    (6, "/api/v1/projects/status", "api"),
]
"""The mixed profile: what share of the requests goes to each route (they add up to 100)."""


@dataclass
class Run:
    """The answers of one measured run: latency (ms from the scheduled start) and status of each request."""

    label: str
    seconds: float
    latencies: list[float] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)
    failed: Counter[str] = field(default_factory=Counter)
    """Failed requests by route and status, to say which failed."""
    by_route: dict[str, list[float]] = field(default_factory=dict)

    def record(self, latency_ms: float, status: int, request: bytes) -> None:
        """Keep one answer."""
        self.latencies.append(latency_ms)
        self.statuses.append(status)
        route = request.split(b" ", 2)[1].decode("latin-1").split("?")[0]
        self.by_route.setdefault(route, []).append(latency_ms)
        if not 200 <= status < 300:
            self.failed[f"{route} → {status}"] += 1

    def slowest(self, count: int = 3) -> str:
        """Return the routes with the highest p95, with it."""
        p95 = {route: percentile(sorted(found), 95) for route, found in self.by_route.items()}
        return ", ".join(f"{route} {ms:.0f}" for route, ms in sorted(p95.items(), key=lambda i: -i[1])[:count])

    @property
    def errors(self) -> int:
        """Return the requests that failed, timed out or answered other than 2xx."""
        return sum(not 200 <= s < 300 for s in self.statuses)

    def p(self, q: float) -> float:
        """Return the q-th percentile latency in ms."""
        return percentile(sorted(self.latencies), q)

    def passes(self) -> bool:
        """Return whether the run kept p95 within the budget without errors."""
        return self.errors == 0 and self.p(95) <= BUDGET_MS

    def row(self) -> str:
        """Return the run's figures as one table row."""
        rate = len(self.statuses) / self.seconds
        verdict = "PASS" if self.passes() else "FAIL"
        figures = f"{rate:8.1f} {self.p(50):8.1f} {self.p(95):8.1f} {self.p(99):8.1f} {self.errors:7d}"
        errors = f"\n{'':28s} errors: {dict(self.failed.most_common(4))}" if self.failed else ""
        slow = f"\n{'':28s} highest p95 ms: {self.slowest()}" if len(self.by_route) > 1 else ""
        return f"{self.label:28s} {figures}  {verdict}  load {loadavg()}{errors}{slow}"


HEADER = f"{'run':28s} {'done/s':>8s} {'p50 ms':>8s} {'p95 ms':>8s} {'p99 ms':>8s} {'errors':>7s}"


def loadavg() -> str:
    """Return the machine's load averages (1, 5, 15 min)."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3]) if Path("/proc/loadavg").exists() else "n/a"


class Connections:
    """A fixed set of kept-alive connections; a request waits for a free one."""

    def __init__(self, host: str, port: int, size: int) -> None:
        self.free: asyncio.Queue[Pool] = asyncio.Queue()
        for _ in range(size):
            self.free.put_nowait(Pool(host, port))

    async def get(self, request: bytes) -> int:
        """Send a prepared GET on the next free connection and return the status (0: no answer)."""
        pool = await self.free.get()
        try:
            return await asyncio.wait_for(pool.get(request), TIMEOUT_S)
        except (OSError, asyncio.IncompleteReadError, ValueError, TimeoutError):
            pool.close()
            return FAILED
        finally:
            self.free.put_nowait(pool)

    def close(self) -> None:
        """Close every connection."""
        while not self.free.empty():
            self.free.get_nowait().close()


def requests_of(base: str, cookie: str, token: str, mix: list[tuple[int, str, str]]) -> list[tuple[int, bytes]]:
    """Return each route of a mix as its share and its prepared request bytes."""
    url = urlsplit(base)
    host, port = url.hostname or "127.0.0.1", url.port or 80
    credentials = {"page": {"Cookie": f"chainatlas_session={cookie}"}, "api": {"Authorization": f"Bearer {token}"}}
    today = dt.datetime.now(ZoneInfo(DEFAULT_TIME_ZONE)).date().isoformat()  # the pages' own default date
    return [
        (share, prepare(host, port, path.format(today=today), credentials.get(kind, {}))) for share, path, kind in mix
    ]


def drawn(requests: list[tuple[int, bytes]], count: int, seed: int) -> list[bytes]:
    """Return `count` requests drawn by their shares."""
    rng = random.Random(seed)
    return rng.choices([r for _, r in requests], weights=[s for s, _ in requests], k=count)


async def open_loop(base: str, requests: list[tuple[int, bytes]], rate: float, seconds: float, warmup: float) -> Run:
    """Offer `rate` req/s (Poisson) over the connections for warm-up + seconds; measure the last `seconds`."""
    url = urlsplit(base)
    connections = Connections(url.hostname or "127.0.0.1", url.port or 80, CONNECTIONS)
    rng, offsets, t = random.Random(7), [], 0.0
    while (t := t + rng.expovariate(rate)) < warmup + seconds:
        offsets.append(t)
    chosen = drawn(requests, len(offsets), seed=int(rate))
    run = Run(f"open loop {rate:g} req/s", seconds)

    async def one(offset: float, request: bytes, start: float) -> None:
        status = await connections.get(request)
        if offset >= warmup:
            run.record((time.perf_counter() - start - offset) * 1000, status, request)

    tasks, start = [], time.perf_counter()
    for offset, request in zip(offsets, chosen, strict=True):
        if (delay := start + offset - time.perf_counter()) > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(offset, request, start)))
    await asyncio.gather(*tasks)
    connections.close()
    return run


async def closed_loop(base: str, requests: list[tuple[int, bytes]], clients: int, seconds: float) -> Run:
    """Run `clients` clients, each sending its next request as soon as the last one answered, for `seconds`."""
    url = urlsplit(base)
    run = Run(f"closed loop {clients} clients", seconds)
    end = time.perf_counter() + seconds

    async def client(n: int) -> None:
        pool = Pool(url.hostname or "127.0.0.1", url.port or 80)
        rng = random.Random(n)
        weights = [s for s, _ in requests]
        while (began := time.perf_counter()) < end:
            request = rng.choices([r for _, r in requests], weights=weights)[0]
            try:
                status = await asyncio.wait_for(pool.get(request), TIMEOUT_S)
            except (OSError, asyncio.IncompleteReadError, ValueError, TimeoutError):
                pool.close()
                status = FAILED
            run.record((time.perf_counter() - began) * 1000, status, request)
        pool.close()

    await asyncio.gather(*(client(n) for n in range(clients)))
    return run


def ladder(base: str, requests: list[tuple[int, bytes]], args: argparse.Namespace, label: str) -> float:
    """Step the offered rate up; print each run; return the highest rate that kept p95 ≤ budget with no errors."""
    best = 0.0
    for rate in args.ladder:
        run = asyncio.run(open_loop(base, requests, rate, args.seconds, args.warmup))
        run.label = f"{label} {rate:g} req/s"
        print(run.row(), flush=True)
        settle(base, limit_s=30)
        if not run.passes():
            break
        best = rate
    return best


@contextlib.contextmanager
def postgres_database(server_url: str) -> Iterator[str]:
    """Create an empty database of this run's own on the PostgreSQL server; drop it afterwards."""
    name = f"chainatlas_load_{os.getpid()}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def demo_database(url: str, folder: Path) -> str:
    """Load the demo and an analyst `bench` into a database; return an API token of `bench`."""
    cli(url, "init", cwd=folder)
    cli(url, "demo", cwd=folder)
    cli(url, "user", "add", USER, "--role", "analyst", "--password", PASSWORD, "--json", cwd=folder)
    return str(json.loads(cli(url, "user", "token", USER, "--json", cwd=folder))["token"])


@contextlib.contextmanager
def serving(url: str, folder: Path, workers: int) -> Iterator[str]:
    """Run `chainatlas serve` (with --workers unless 0) on a free port; yield its base address."""
    port = free_port()
    command = [sys.executable, "-m", "chainatlas", "--db", url, "serve", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--workers", str(workers)] if workers else []
    log = (folder / "server.log").open("ab")
    proc = subprocess.Popen(command, cwd=folder, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(base, proc, folder)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def wait_healthy(base: str, proc: subprocess.Popen[bytes], folder: Path) -> None:
    """Wait until /healthz answers; exit with the server's log if it dies or takes over 180 s (a loaded machine)."""
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"server exited:\n{(folder / 'server.log').read_text(errors='replace')}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return
        time.sleep(0.2)
    sys.exit("server not healthy after 180 s")


def warm(base: str, requests: list[tuple[int, bytes]]) -> None:
    """Send every route of the mix a few times (the first reader of each analysis is not what is measured)."""
    asyncio.run(closed_loop(base, requests, clients=4, seconds=3))


def measure(name: str, url: str, folder: Path, args: argparse.Namespace) -> tuple[float, float]:
    """Measure one database; return its highest passing rate for the mix and for /healthz."""
    token = demo_database(url, folder)
    with serving(url, folder, args.workers) as base:
        answer = httpx.post(f"{base}/api/v1/session", json={"username": USER, "password": PASSWORD}, timeout=30)
        answer.raise_for_status()
        mixed = requests_of(base, answer.cookies["chainatlas_session"], token, MIX)
        warm(base, mixed)
        print(f"\n{name}: `serve --workers {args.workers or 'default'}`, load {loadavg()}\n{HEADER}")
        best = ladder(base, mixed, args, "mixed")
        closed = asyncio.run(closed_loop(base, mixed, CONNECTIONS, args.seconds))
        print(closed.row(), flush=True)
        settle(base, limit_s=30)
        baseline = ladder(base, requests_of(base, "", "", [(100, "/healthz", "none")]), args, "/healthz")
    return best, baseline


def parse_args() -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--databases", default="sqlite,postgresql", help="which databases (default both)")
    parser.add_argument("--workers", type=int, default=2, help="serve --workers N (0: leave the option out)")
    parser.add_argument("--seconds", type=float, default=10.0, help="measured seconds per run (default 10)")
    parser.add_argument("--quick", action="store_true", help="4 s per run, ladder 100-300-500")
    args = parser.parse_args()
    args.warmup, args.ladder = 2.0, LADDER
    if args.quick:
        args.seconds, args.warmup, args.ladder = 4.0, 1.0, [100, 300, 500]
    return args


def main() -> int:
    """Measure each database; print the budget verdict and, last, the best rate and its ratio to /healthz."""
    args = parse_args()
    results: dict[str, tuple[float, float]] = {}
    print(f"Chain Atlas under many users: mix of {len(MIX)} routes, {CONNECTIONS} connections, load {loadavg()}")
    for name in args.databases.split(","):
        with tempfile.TemporaryDirectory(prefix="chainatlas-load-") as tmp:
            if name == "sqlite":
                results[name] = measure(name, f"sqlite:///{Path(tmp) / 'load.db'}", Path(tmp), args)
            else:
                with postgres_database(os.environ.get("CHAINATLAS_BENCH_PG", PG_DEFAULT)) as url:
                    results[name] = measure(name, url, Path(tmp), args)
    holds = all(best >= BUDGET_RATE for best, _ in results.values())
    print(
        f"\nbudget {BUDGET_RATE:g} req/s offered with p95 ≤ {BUDGET_MS:g} ms and 0 errors: {'PASS' if holds else 'FAIL'}"
    )
    for name, (best, baseline) in results.items():
        ratio = best / baseline if baseline else float("nan")
        print(
            f"{name}: highest rate with p95 ≤ {BUDGET_MS:g} ms: {best:g} req/s; /healthz {baseline:g} req/s; ratio {ratio:.2f}"
        )
    return 0 if holds else 1


if __name__ == "__main__":
    sys.exit(main())
