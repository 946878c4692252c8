"""Where the sweep's LPs run: anything with `map(fn, items)` (a process pool by default; Dask's
`client` wrapped to this shape scales it out), or in this process for tests and small jobs."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Protocol

DEFAULT_WORKERS = 2


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
