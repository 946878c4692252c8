"""Where the sweep's LPs run: anything with `map(fn, items)` — a local process pool (the default), a Dask
distributed cluster (`DaskExecutor`, the scale-out backend), or this process for tests and small jobs — and
the executor spec that names one (`local`, `serial`, `dask://HOST:PORT`; `parse_executor`, `open_executor`).

Every executor gives the same results for the same work: the sweep makes each item's result independent of
which process ran it, and of what that process ran before (see `sweep._solve_chunk`).
"""

from __future__ import annotations

import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from distributed import Client, Future

DEFAULT_WORKERS = 2
DEFAULT_RETRIES = 3
"""How often a Dask task that raised is run again before the sweep fails (a task whose worker died is re-run
by the scheduler anyway, up to its `allowed-failures`)."""
CONNECT_TIMEOUT_S = 10.0
LOCAL, SERIAL, DASK = "local", "serial", "dask"
SPEC_FORMS = "local, serial or dask://HOST:PORT"


class Executor(Protocol):
    """Runs `fn` over `items`, yielding results in the order of `items`."""

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any], /) -> Iterator[Any]: ...


class SerialExecutor:
    """Runs everything in this process, one item after the other."""

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any], /) -> Iterator[Any]:
        """Yield `fn(item)` for each item."""
        return (fn(item) for item in items)


def local_executor(workers: int = DEFAULT_WORKERS) -> ProcessPoolExecutor:
    """Return a local process pool (close it with `shutdown()` or use it as a context manager)."""
    return ProcessPoolExecutor(max_workers=workers)


class DaskExecutor:
    """Runs `fn` over `items` on a Dask distributed cluster through a connected `distributed.Client`.

    Items go out `batch` to a task (one task each by default: the sweep already hands over chunks of LPs);
    a task that raises is run again up to `retries` times, and one whose worker is lost before its result
    is gathered is re-run on another worker by the scheduler. Results come back in the order of `items`.
    `fn` and the items must pickle (a module-level function, plain data).
    """

    def __init__(self, client: Client, *, batch: int = 1, retries: int = DEFAULT_RETRIES) -> None:
        if batch < 1:
            raise ValueError(f"batch: {batch!r} is not a positive number of items")
        self.client, self.batch, self.retries = client, batch, retries

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any], /) -> Iterator[Any]:
        """Submit every batch at once, then yield the results in order as they are gathered."""
        work = list(items)
        batches = [work[k : k + self.batch] for k in range(0, len(work), self.batch)]
        prefix = f"{getattr(fn, '__name__', 'task').strip('_')}-{uuid.uuid4().hex}"
        futures = self.client.map(
            _apply,
            batches,
            key=[f"{prefix}-{k}" for k in range(len(batches))],
            retries=self.retries,
            pure=False,
            fn=fn,
        )
        return _gathered(self.client, futures)


def _apply(batch: list[Any], *, fn: Callable[[Any], Any]) -> list[Any]:
    """Run `fn` over one batch (in a Dask worker)."""
    return [fn(item) for item in batch]


def _gathered(client: Client, futures: list[Future[list[Any]]]) -> Iterator[Any]:
    """Yield the futures' results in order, letting go of each once read (a worker lost later does not
    recompute it); cancel the rest when the caller stops early."""
    pending = deque(futures)
    futures.clear()
    try:
        while pending:
            results = pending[0].result()
            pending.popleft().release()  # type: ignore[no-untyped-call]  # unannotated in distributed
            yield from results
    finally:
        if pending:
            client.cancel(list(pending))  # type: ignore[no-untyped-call]  # unannotated in distributed


# --- executor specs -----------------------------------------------------------------------------------------


class ExecutorSpecError(ValueError):
    """An executor spec that is none of `local`, `serial`, `dask://HOST:PORT`; `text` is the spec as given."""

    def __init__(self, text: str) -> None:
        super().__init__(f"executor {text!r}: expected {SPEC_FORMS}")
        self.text = text


class SchedulerUnreachable(ConnectionError):
    """No Dask scheduler answered at `address` within `timeout` seconds; `reason` says what happened."""

    def __init__(self, address: str, timeout: float, reason: str) -> None:
        super().__init__(f"cannot reach the Dask scheduler at {address} within {timeout:g} s: {reason}")
        self.address, self.timeout, self.reason = address, timeout, reason


@dataclass(frozen=True)
class ExecutorSpec:
    """A parsed executor spec: `kind` is local, serial or dask (with the scheduler's host and port)."""

    kind: str
    host: str = ""
    port: int = 0

    @property
    def address(self) -> str:
        """Return the Dask scheduler's address (`tcp://HOST:PORT`; empty unless kind is dask)."""
        if self.kind != DASK:
            return ""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"tcp://{host}:{self.port}"


def parse_executor(text: str) -> ExecutorSpec:
    """Return the executor spec `local`, `serial` or `dask://HOST:PORT` (any case); raise ExecutorSpecError."""
    spec = text.strip()
    if spec.lower() in (LOCAL, SERIAL):
        return ExecutorSpec(spec.lower())
    try:
        parts = urlsplit(spec)
        port = parts.port
    except ValueError as error:  # a port that is not a number from 0 to 65535
        raise ExecutorSpecError(text) from error
    tail = parts.path or parts.query or parts.fragment or parts.username or parts.password
    if parts.scheme.lower() != DASK or not parts.hostname or not port or tail:
        raise ExecutorSpecError(text)
    return ExecutorSpec(DASK, parts.hostname, port)


@contextmanager
def open_executor(spec: ExecutorSpec, *, timeout: float = CONNECT_TIMEOUT_S) -> Iterator[Executor]:
    """Yield the executor a spec names and close it afterwards: a local process pool, this process, or a
    client connected to the Dask scheduler (SchedulerUnreachable when none answers within `timeout`)."""
    if spec.kind == SERIAL:
        yield SerialExecutor()
    elif spec.kind == LOCAL:
        with local_executor() as pool:
            yield pool
    else:
        with _dask_client(spec.address, timeout) as client:
            yield DaskExecutor(client)


@contextmanager
def _dask_client(address: str, timeout: float) -> Iterator[Client]:
    from distributed import Client  # imported on demand: it takes a good part of a second

    try:
        client = Client(address, timeout=timeout, set_as_default=False)  # type: ignore[no-untyped-call]  # unannotated
    except OSError as error:  # refused, timed out, a host name that does not resolve
        raise SchedulerUnreachable(address, timeout, str(error) or error.__class__.__name__) from error
    try:
        yield client
    finally:
        client.close()  # type: ignore[no-untyped-call]  # unannotated in distributed
