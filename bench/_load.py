"""Open-loop HTTP load: requests leave at scheduled arrival times whatever happened to earlier ones.

Latency is measured from each request's *scheduled* start, so queueing in the server (and in this
generator) is counted: no coordinated omission.
"""

from __future__ import annotations

import asyncio
import math
import random
import time
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

import httpx

CANCELLED = -1  # status of a request still in flight when an overloaded run was stopped
FAILED = 0  # status of a request that raised (connection error, timeout)
TIMEOUT_S = 15.0
MAX_BACKLOG = 500  # in-flight requests that stop a run: past a second of arrivals, or 500


@dataclass(frozen=True)
class Sample:
    """One measured request."""

    offset: float  # scheduled start, seconds after the run began
    latency: float  # seconds from the scheduled start to the end of the response
    lag: float  # seconds from the scheduled start to the moment the generator sent it
    status: int

    @property
    def ok(self) -> bool:
        """Whether the server answered 2xx."""
        return 200 <= self.status < 300


@dataclass
class RunResult:
    """Every request of the measured part of one run at one rate."""

    rate: float
    seconds: float
    samples: list[Sample] = field(default_factory=list)
    aborted_at: float | None = None  # seconds into the run when the backlog limit stopped it

    def latencies_ms(self) -> list[float]:
        """Return every latency in milliseconds, sorted."""
        return sorted(s.latency * 1000 for s in self.samples)

    def p(self, q: float) -> float:
        """Return the q-th percentile latency in ms (nearest rank; NaN without samples)."""
        return percentile(self.latencies_ms(), q)

    def lag_p(self, q: float) -> float:
        """Return the q-th percentile of the generator's send lag in ms."""
        return percentile(sorted(s.lag * 1000 for s in self.samples), q)

    @property
    def errors(self) -> int:
        """Return how many requests failed, timed out, answered non-2xx or were cut off."""
        return sum(not s.ok for s in self.samples)

    @property
    def achieved_rate(self) -> float:
        """Return the completed requests per second of the measured part."""
        return sum(s.status != CANCELLED for s in self.samples) / self.seconds


def percentile(ordered: list[float], q: float) -> float:
    """Return the nearest-rank q-th percentile of an ascending list."""
    if not ordered:
        return math.nan
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def arrivals(rate: float, seconds: float, seed: int) -> list[float]:
    """Return Poisson arrival offsets (seconds) at `rate` per second over `seconds`."""
    rng, t, out = random.Random(seed), 0.0, []
    while True:
        t += rng.expovariate(rate)
        if t >= seconds:
            return out
        out.append(t)


class Pool:
    """Keep-alive HTTP/1.1 connections to one server, opened on demand (a bare client: httpx costs too much CPU)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []

    async def get(self, request: bytes) -> int:
        """Send a prepared GET and return the status; retry once on a fresh connection if a kept one was stale."""
        reused = bool(self.idle)
        reader, writer = self.idle.pop() if reused else await asyncio.open_connection(self.host, self.port)
        try:
            writer.write(request)
            status, keep = await read_response(reader)
        except (OSError, asyncio.IncompleteReadError, ValueError):
            writer.close()
            if reused:
                return await self.get(request)
            raise
        except BaseException:  # cancelled or timed out mid-response: the connection is unusable
            writer.close()
            raise
        if keep:
            self.idle.append((reader, writer))
        else:
            writer.close()
        return status

    def close(self) -> None:
        """Close every idle connection."""
        for _, writer in self.idle:
            writer.close()
        self.idle.clear()


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """Read one response (Content-Length or chunked body); return its status and whether to keep the connection."""
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
    status = int(head[0].split(" ", 2)[1])
    fields = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in head[1:] if line)}
    if fields.get("transfer-encoding", "").lower() == "chunked":
        while size := int((await reader.readline()).split(b";")[0], 16):
            await reader.readexactly(size + 2)
        while await reader.readline() not in (b"\r\n", b""):
            pass
    else:
        await reader.readexactly(int(fields.get("content-length", "0")))
    return status, fields.get("connection", "").lower() != "close"


def prepare(host: str, port: int, path: str, headers: dict[str, str]) -> bytes:
    """Return the bytes of a GET request for `path` (percent-encoded) with `headers`."""
    lines = [
        f"GET {quote(path, safe='/?=&%:')} HTTP/1.1",
        f"Host: {host}:{port}",
        *(f"{k}: {v}" for k, v in headers.items()),
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


async def _one(pool: Pool, request: bytes, start: float, offset: float, out: list[Sample]) -> None:
    """Send one GET and record its latency from the scheduled start."""
    lag = time.perf_counter() - start - offset
    try:
        status = await asyncio.wait_for(pool.get(request), TIMEOUT_S)
    except (OSError, asyncio.IncompleteReadError, ValueError, TimeoutError):
        status = FAILED
    except asyncio.CancelledError:
        out.append(Sample(offset, time.perf_counter() - start - offset, lag, CANCELLED))
        raise
    out.append(Sample(offset, time.perf_counter() - start - offset, lag, status))


async def _schedule(
    pool: Pool, request: bytes, offsets: list[float], max_backlog: int
) -> tuple[list[Sample], float | None]:
    """Fire a request at every offset; stop early if more than `max_backlog` are in flight."""
    out: list[Sample] = []
    tasks: set[asyncio.Task[None]] = set()
    start, aborted = time.perf_counter(), None
    for offset in offsets:
        delay = start + offset - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        if len(tasks) > max_backlog:
            aborted = time.perf_counter() - start
            break
        task = asyncio.create_task(_one(pool, request, start, offset, out))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
    if aborted is not None:
        for task in list(tasks):
            task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return out, aborted


async def _drive(
    base_url: str, path: str, headers: dict[str, str], rate: float, seconds: float, warmup: float, seed: int
) -> RunResult:
    """Run one open-loop load at `rate`; drop the requests scheduled during the warm-up."""
    url = urlsplit(base_url)
    host, port = url.hostname or "127.0.0.1", url.port or 80
    pool = Pool(host, port)
    try:
        samples, aborted = await _schedule(
            pool,
            prepare(host, port, path, headers),
            arrivals(rate, warmup + seconds, seed),
            min(max(50, int(rate)), MAX_BACKLOG),
        )
    finally:
        pool.close()
    measured = [s for s in samples if s.offset >= warmup]
    return RunResult(rate, seconds, sorted(measured, key=lambda s: s.offset), aborted)


def run_open_loop(
    base_url: str,
    path: str,
    headers: dict[str, str],
    rate: float,
    seconds: float,
    *,
    warmup: float = 1.0,
    seed: int = 1,
) -> RunResult:
    """Offer `rate` GET requests per second of `path` for `warmup + seconds`, measure the last `seconds`.

    A run stops early (every open request counted as cut off) once more than max(50, rate) requests
    (at most 500), i.e. about a second of arrivals, are in flight: the server is past saturation and p95 is lost anyway.
    """
    return asyncio.run(_drive(base_url, path, headers, rate, seconds, warmup, seed))


def settle(base_url: str, *, quiet_ms: float = 20.0, limit_s: float = 30.0) -> bool:
    """Wait until the server answers /healthz within `quiet_ms` (its backlog drained); False if not within `limit_s`."""
    deadline = time.perf_counter() + limit_s
    with httpx.Client(base_url=base_url) as client:
        while (left := deadline - time.perf_counter()) > 0:
            began = time.perf_counter()
            try:
                client.get("/healthz", timeout=left)
            except httpx.HTTPError:
                time.sleep(0.05)
                continue
            if (time.perf_counter() - began) * 1000 < quiet_ms:
                return True
    return False
