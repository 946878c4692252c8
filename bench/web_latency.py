"""Budget: dashboard pages on the demo data, 100 requests/s offered from a second process: p95 ≤ 50 ms;
report the highest rate that keeps p95 ≤ 100 ms.

Builds a fresh SQLite demo database in a temp dir, starts the real server (`chainatlas serve`, one
uvicorn process), and drives it from this process with an open-loop load (Poisson arrivals; latency
measured from each request's scheduled start, so queueing counts).

Run: .venv/bin/python bench/web_latency.py [--duration S] [--rate R] [--quick]. Prints the ratio last;
exits 0 when every dashboard page meets the p95 budget, 1 otherwise (a missing page counts as a miss).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import platform
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

from _load import RunResult, run_open_loop, settle

PYTHON = sys.executable
USER, PASSWORD = "bench", "bench-password-1"
PAGE_BUDGET_MS, MAX_RATE_BUDGET_MS = 50.0, 100.0
LADDER = [100, 150, 200, 300, 400, 600, 800, 1200, 1600, 2400, 3200]
LIST_PAGE, BASELINE = "/enterprises", "/healthz"
SERVER_CPU, LOAD_CPU = 0, 1
SETTLE_S = 5.0


@dataclass(frozen=True)
class Target:
    """One URL under load and the credentials it is sent with."""

    path: str
    kind: str  # "page" (session cookie), "api" (bearer token) or "static" (nothing)


TARGETS = [
    Target("/", "page"),
    Target("/enterprises", "page"),
    Target("/enterprises?q=中联", "page"),
    Target("/enterprises/E0002", "page"),
    Target("/chain", "page"),
    Target("/api/v1/enterprises?limit=50", "api"),
    Target("/api/v1/enterprises/E0002", "api"),
    Target("/healthz", "static"),
]


def cli(url: str, *args: str, cwd: Path) -> str:
    """Run `python -m chainatlas --db URL ARGS` and return its standard output."""
    done = subprocess.run(
        [PYTHON, "-m", "chainatlas", "--db", url, *args], cwd=cwd, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        sys.exit(f"chainatlas {' '.join(args)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done.stdout


def build_database(folder: Path) -> tuple[str, str]:
    """Create the demo database with an analyst `bench`; return its URL and an API token."""
    url = f"sqlite:///{folder / 'bench.db'}"
    cli(url, "init", cwd=folder)
    cli(url, "demo", cwd=folder)
    cli(url, "user", "add", USER, "--role", "analyst", "--password", PASSWORD, "--json", cwd=folder)
    token = json.loads(cli(url, "user", "token", USER, "--json", cwd=folder))["token"]
    return url, token


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def pin(pid: int, cpu: int) -> bool:
    """Pin a process (0: this one) to one CPU when the machine has two or more; return whether it did."""
    if not hasattr(os, "sched_setaffinity") or (os.cpu_count() or 1) < 2:
        return False
    os.sched_setaffinity(pid, {cpu})
    return True


class Server:
    """The `chainatlas serve` process under test (pinned to one CPU), restartable with the same cookie key."""

    def __init__(self, url: str, folder: Path) -> None:
        self.url, self.folder, self.log = url, folder, folder / "server.log"
        self.env = {**os.environ, "CHAINATLAS_SECRET_KEY": secrets.token_urlsafe(32)}
        self.proc: subprocess.Popen[bytes] | None = None
        self.base, self.pinned, self.restarts = "", False, 0

    def start(self) -> None:
        """Start the server on a free port and wait until GET /healthz answers 200."""
        port = free_port()
        command = [PYTHON, "-m", "chainatlas", "--db", self.url, "serve", "--host", "127.0.0.1", "--port", str(port)]
        with self.log.open("ab") as sink:
            self.proc = subprocess.Popen(command, cwd=self.folder, env=self.env, stdout=sink, stderr=subprocess.STDOUT)
        self.pinned = pin(self.proc.pid, SERVER_CPU)
        self.base = f"http://127.0.0.1:{port}"
        self.wait_healthy()

    def wait_healthy(self) -> None:
        """Wait until GET /healthz answers 200; exit with the server log if it dies or takes over 30 s."""
        assert self.proc is not None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                sys.exit(f"server exited with {self.proc.returncode}:\n{self.log.read_text(errors='replace')}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{self.base}/healthz", timeout=1).status_code == 200:
                    return
            time.sleep(0.1)
        sys.exit(f"server not healthy after 30 s:\n{self.log.read_text(errors='replace')}")

    def stop(self) -> None:
        """Stop the server process (killed if it has not ended 2 s after SIGTERM)."""
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=2)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            self.proc = None

    def recover(self) -> None:
        """Wait for the server to drain its backlog; restart it (and say so) if it is still stalled after 5 s."""
        if settle(self.base, limit_s=SETTLE_S):
            return
        print(
            f"{'':34s} ↳ server still stalled {SETTLE_S:g} s after the run (no /healthz in 20 ms): restarted",
            flush=True,
        )
        self.restarts += 1
        self.stop()
        self.start()


@contextlib.contextmanager
def server(url: str, folder: Path) -> Iterator[Server]:
    """Run the server for the duration of the block."""
    running = Server(url, folder)
    running.start()
    try:
        yield running
    finally:
        running.stop()


def sign_in(base: str) -> str:
    """Sign `bench` in through the API and return the session cookie's value."""
    response = httpx.post(f"{base}/api/v1/session", json={"username": USER, "password": PASSWORD}, timeout=10)
    response.raise_for_status()
    return response.cookies["chainatlas_session"]


def headers_for(target: Target, cookie: str, token: str) -> dict[str, str]:
    """Return the request headers a target is sent with."""
    if target.kind == "page":
        return {"Cookie": f"chainatlas_session={cookie}"}
    if target.kind == "api":
        return {"Authorization": f"Bearer {token}"}
    return {}


def probe(base: str, target: Target, headers: dict[str, str]) -> tuple[int, float]:
    """Return the status of an unhurried GET of the target (0: no answer) and the median ms of 5 more, one at a time."""
    timings: list[float] = []
    with httpx.Client(base_url=base, headers=headers, timeout=30) as client:
        try:
            status = client.get(target.path).status_code
            for _ in range(5 if status != 404 else 0):
                began = time.perf_counter()
                client.get(target.path)
                timings.append((time.perf_counter() - began) * 1000)
        except httpx.HTTPError:
            return 0, math.nan
    return status, sorted(timings)[len(timings) // 2] if timings else math.nan


def verdict(result: RunResult, budget_ms: float) -> bool:
    """Return whether a run held its budget: finished, no errors, p95 within budget."""
    return result.aborted_at is None and result.errors == 0 and result.p(95) <= budget_ms


def describe(result: RunResult, budget_ms: float, solo_ms: float = math.nan) -> str:
    """Return the numbers of one run and its verdict as one table row (without the label); ≥: a lower bound."""
    note = "PASS" if verdict(result, budget_ms) else "FAIL"
    bound = "≥" if result.aborted_at is not None else ""
    if result.aborted_at is not None:
        note += f" (overloaded: backlog over 1 s of arrivals, stopped at {result.aborted_at:.1f} s)"
    elif result.lag_p(95) > 10:
        note += f" (requests left {result.lag_p(95):.0f} ms late at p95: the load generator's CPU is busy)"
    p50, p95, p99 = (f"{bound}{result.p(q):.1f}" for q in (50, 95, 99))
    return (
        f"{'-' if math.isnan(solo_ms) else f'{solo_ms:.1f}':>7s} {p50:>8s} {p95:>8s} {p99:>8s} {len(result.samples):6d} "
        f"{result.errors:6d} {result.achieved_rate:7.1f}  {note}"
    )


def table_header(label: str, budget_ms: float) -> str:
    """Return the column titles of a results table."""
    numbers = f"{'solo ms':>7s} {'p50 ms':>8s} {'p95 ms':>8s} {'p99 ms':>8s} {'reqs':>6s} {'errors':>6s} {'done/s':>7s}"
    return f"{label:34s} {numbers}  p95 ≤ {budget_ms:.0f} ms"


def measure_targets(srv: Server, cookie: str, token: str, args: argparse.Namespace) -> dict[str, RunResult | None]:
    """Load every target in turn at the offered rate; None for a page that answers 404 (missing)."""
    print(table_header("target", PAGE_BUDGET_MS))
    results: dict[str, RunResult | None] = {}
    for target in TARGETS:
        headers = headers_for(target, cookie, token)
        status, solo_ms = probe(srv.base, target, headers)
        if status == 404:
            results[target.path] = None
            print(f"{target.path:34s} missing (404)")
            continue
        result = run_open_loop(srv.base, target.path, headers, args.rate, args.duration, warmup=args.warmup)
        results[target.path] = result
        extra = "" if 200 <= status < 300 else f"  [probe answered {status}]"
        print(f"{target.path:34s} {describe(result, PAGE_BUDGET_MS, solo_ms)}{extra}", flush=True)
        srv.recover()
    return results


def climb(attempt: Callable[[float], bool]) -> tuple[float, float | None]:
    """Step up the ladder of rates until one fails; return the last passing rate (0: none) and the failing one."""
    passed = 0.0
    for rate in LADDER:
        if not attempt(rate):
            return passed, rate
        passed = rate
    return passed, None


def bisect(attempt: Callable[[float], bool], passed: float, failed: float, steps: int) -> float:
    """Narrow the gap between a passing and a failing rate to within 10 %; return the highest passing rate."""
    for _ in range(steps):
        if failed - passed <= max(5.0, 0.1 * passed):
            break
        middle = float(round((passed + failed) / 2))
        if attempt(middle):
            passed = middle
        else:
            failed = middle
    return passed


def search_max_rate(srv: Server, cookie: str, args: argparse.Namespace) -> None:
    """Find and print the highest offered rate that keeps the list page's p95 ≤ 100 ms."""
    print(f"\nmax rate for {LIST_PAGE} with p95 ≤ {MAX_RATE_BUDGET_MS:.0f} ms ({args.search_duration:g} s per step):")
    print(table_header("offered req/s", MAX_RATE_BUDGET_MS))
    headers = {"Cookie": f"chainatlas_session={cookie}"}

    def attempt(rate: float) -> bool:
        result = run_open_loop(srv.base, LIST_PAGE, headers, rate, args.search_duration, warmup=args.warmup)
        print(f"{rate:<34g} {describe(result, MAX_RATE_BUDGET_MS)}", flush=True)
        srv.recover()
        return verdict(result, MAX_RATE_BUDGET_MS)

    passed, failed = climb(attempt)
    if failed is None:
        print(f"max rate keeping p95 ≤ {MAX_RATE_BUDGET_MS:.0f} ms: ≥ {passed:g} req/s (top of the ladder)")
        return
    best = bisect(attempt, passed, failed, steps=2 if args.quick else 4)
    shown = f"{best:g} req/s" if best > 0 else f"below {LADDER[0]} req/s (none of the rates tried passed)"
    print(f"max rate keeping p95 ≤ {MAX_RATE_BUDGET_MS:.0f} ms: {shown}")


def print_header(args: argparse.Namespace, pinned: bool) -> None:
    """Print what is measured and on what machine."""
    cores = os.cpu_count() or 1
    placement = (
        f"server pinned to CPU {SERVER_CPU}, load generator (this process) to CPU {LOAD_CPU}"
        if pinned
        else "not pinned (fewer than 2 CPUs or no sched_setaffinity)"
    )
    print("Chain Atlas web latency: demo data, SQLite, `chainatlas serve` (one uvicorn process)")
    print(f"machine: {cores} cores, {placement}; Python {platform.python_version()}")
    print(f"         load average at start {os.getloadavg()[0]:.2f} (other work on the machine skews the numbers)")
    print(f"load: open loop from a second process, Poisson arrivals, {args.rate:g} req/s offered per target,")
    print(f"      {args.warmup:g} s warm-up discarded + {args.duration:g} s measured; latency from the scheduled start")
    print(f"budget: dashboard pages p95 ≤ {PAGE_BUDGET_MS:.0f} ms at {args.rate:g} req/s")
    print(
        "solo ms: median of 5 requests one at a time before the load; ≥: lower bound of a run stopped as overloaded\n"
    )


def parse_args() -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--duration", type=float, default=10.0, help="measured seconds per target (default 10)")
    parser.add_argument("--rate", type=float, default=100.0, help="offered requests/s per target (default 100)")
    parser.add_argument("--quick", action="store_true", help="3 s per target, 2 s per search step, short warm-up")
    args = parser.parse_args()
    args.warmup = 0.5 if args.quick else 1.0
    if args.quick:
        args.duration = min(args.duration, 3.0)
    args.search_duration = 2.0 if args.quick else min(args.duration, 5.0)
    return args


def budget_holds(results: dict[str, RunResult | None]) -> bool:
    """Print and return whether every dashboard page met the p95 budget (a missing page does not)."""
    pages = [t.path for t in TARGETS if t.kind == "page"]
    missing = [p for p in pages if results.get(p) is None]
    failing = [p for p in pages if (r := results.get(p)) is not None and not verdict(r, PAGE_BUDGET_MS)]
    holds = not missing and not failing
    detail = "" if holds else f" (missing: {', '.join(missing) or '-'}; over budget: {', '.join(failing) or '-'})"
    print(f"\nbudget, every dashboard page p95 ≤ {PAGE_BUDGET_MS:.0f} ms: {'PASS' if holds else 'FAIL'}{detail}")
    return holds


def ratio_line(results: dict[str, RunResult | None], rate: float) -> str:
    """Return the closing line: the list page's p95 over the static baseline's p95."""
    page, baseline = results.get(LIST_PAGE), results.get(BASELINE)
    label = f"ratio p95(list page)/p95({BASELINE}) at {rate:g} req/s:"
    if page is None or baseline is None:
        return f"{label} n/a (list page missing)"
    if page.aborted_at is not None:
        print(f"(the list page was overloaded at {rate:g} req/s: its p95, and so the ratio, is a lower bound)")
    return f"{label} {page.p(95) / baseline.p(95):.2f}"


def main() -> int:
    """Build the data, start the server, measure, and print the table, the max rate and the ratio."""
    args = parse_args()
    began = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="chainatlas-bench-") as tmp:
        url, token = build_database(Path(tmp))
        with server(url, Path(tmp)) as srv:
            print_header(args, srv.pinned and pin(0, LOAD_CPU))
            cookie = sign_in(srv.base)
            results = measure_targets(srv, cookie, token, args)
            if results.get(LIST_PAGE) is None:
                print(f"\nmax rate: not measured, {LIST_PAGE} is missing")
            else:
                search_max_rate(srv, cookie, args)
            restarts = srv.restarts
    if restarts:
        print(f"\nthe server stalled after {restarts} run(s) and was restarted (see the ↳ lines)")
    holds = budget_holds(results)
    print(f"total run time {time.monotonic() - began:.0f} s")
    print(ratio_line(results, args.rate))
    return 0 if holds else 1


if __name__ == "__main__":
    sys.exit(main())
