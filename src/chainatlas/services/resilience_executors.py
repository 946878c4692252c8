"""Where a resilience sweep runs, named by an executor spec (`local`, `serial`, `dask://HOST:PORT`; the CLI's
`--executor`, `CHAINATLAS_EXECUTOR`): the spec checked into a coded problem naming the parameter it came
from, and the executor opened for the length of a command, a Dask scheduler that does not answer turned into
a coded error naming its address.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from chainatlas.analytics.resilience import (
    Executor,
    ExecutorSpec,
    ExecutorSpecError,
    SchedulerUnreachable,
    open_executor,
    parse_executor,
)
from chainatlas.analytics.resilience.executors import CONNECT_TIMEOUT_S
from chainatlas.domain.common import Problem
from chainatlas.services.errors import InvalidInput, ServiceError

__all__ = ["CONNECT_TIMEOUT_S", "Executor", "ExecutorUnavailable", "executor_spec", "sweep_executor"]


class ExecutorUnavailable(ServiceError):
    """The executor a spec names cannot be reached (a Dask scheduler that does not answer)."""


def executor_spec(text: str, *, field: str = "executor") -> ExecutorSpec:
    """Return the parsed spec, or raise InvalidInput with one problem on `field` (the parameter as the user
    named it: `--executor`, `CHAINATLAS_EXECUTOR`) holding the spec as given."""
    try:
        return parse_executor(text)
    except ExecutorSpecError as error:
        raise InvalidInput([Problem.coded(field, "resilience.executor", value=text)]) from error


@contextmanager
def sweep_executor(text: str, *, field: str = "executor", timeout: float | None = None) -> Iterator[Executor]:
    """Yield the executor `text` names (closed afterwards); InvalidInput for a bad spec, ExecutorUnavailable
    when its Dask scheduler does not answer within `timeout` seconds (default CONNECT_TIMEOUT_S)."""
    spec = executor_spec(text, field=field)
    try:
        with open_executor(spec, timeout=CONNECT_TIMEOUT_S if timeout is None else timeout) as executor:
            yield executor
    except SchedulerUnreachable as error:
        params = {"address": error.address, "seconds": f"{error.timeout:g}", "reason": error.reason}
        raise ExecutorUnavailable(code="resilience.scheduler_unreachable", params=params) from error
