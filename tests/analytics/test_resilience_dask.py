"""The resilience sweep on a Dask distributed cluster (two worker processes on this machine) gives exactly the
results of the in-process run and of the local process pool — single-node sweeps and group failures alike —
also when a worker is killed in the middle of a sweep. Executor specs parse or fail naming what is wrong."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import psutil
import pytest
from distributed import Client
from tests.dask_cluster import dask_spec, kill_busy_worker, local_cluster, worker_pids
from tests.shared_data import shared

from chainatlas.analytics.resilience import (
    DaskExecutor,
    ExecutorSpec,
    ExecutorSpecError,
    Network,
    SchedulerUnreachable,
    SerialExecutor,
    analyze,
    local_executor,
    open_executor,
    parse_executor,
    parse_scenario,
)
from chainatlas.interchange.resilience_files import read_willems

WILLEMS = shared("willems-2008")
pytestmark = pytest.mark.skipif(not WILLEMS.is_dir(), reason=f"no Willems chains at {WILLEMS}")


def _chain(k: int) -> Network:
    return read_willems(WILLEMS / f"chain_{k:02d}_stages.csv", WILLEMS / f"chain_{k:02d}_arcs.csv", seed=k)


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with local_cluster() as found:
        yield found


@pytest.fixture(scope="module")
def chain() -> Network:
    return _chain(25)  # 409 stages: 24 chunks of LPs, a few seconds in all


GROUPS = ("location:synthetic/site3", "location:synthetic/site7", "node:Dist_0003,Dist_0004")


def test_specs_parse() -> None:
    assert parse_executor("local") == ExecutorSpec("local")
    assert parse_executor(" Serial ") == ExecutorSpec("serial")
    assert parse_executor("dask://10.0.0.5:8786") == ExecutorSpec("dask", "10.0.0.5", 8786)
    assert parse_executor("DASK://sched.example:8786").address == "tcp://sched.example:8786"
    assert parse_executor("dask://[::1]:8786").address == "tcp://[::1]:8786"


BAD_SPECS = ("", "pool", "dask://", "dask://host", "dask://host:0", "dask://host:99999", "dask://host:port")
BAD_SPECS += ("tcp://host:8786", "dask://host:8786/path", "dask://:8786")


@pytest.mark.parametrize("text", BAD_SPECS)
def test_bad_specs_fail_naming_the_spec(text: str) -> None:
    with pytest.raises(ExecutorSpecError) as caught:
        parse_executor(text)
    assert caught.value.text == text


def test_no_scheduler_is_a_clear_error_with_its_address() -> None:
    with pytest.raises(SchedulerUnreachable) as caught, open_executor(parse_executor("dask://127.0.0.1:9"), timeout=1):
        pass
    assert caught.value.address == "tcp://127.0.0.1:9"
    assert "tcp://127.0.0.1:9" in str(caught.value)


@pytest.mark.slow  # the cluster takes a few seconds to start
def test_batches_come_back_in_order(client: Client) -> None:
    items = list(range(23))
    for batch in (1, 4, 30):
        assert list(DaskExecutor(client, batch=batch).map(_square, items)) == [x * x for x in items]


def _square(x: int) -> int:
    return x * x


@pytest.mark.slow
def test_dask_sweep_equals_in_process_and_pool(client: Client, chain: Network) -> None:
    scenarios = [parse_scenario(chain, text) for text in GROUPS]
    serial = analyze(chain, scenarios, executor=SerialExecutor()).to_json()
    with local_executor() as pool:
        pooled = analyze(chain, scenarios, executor=pool).to_json()
    with open_executor(parse_executor(dask_spec(client))) as executor:  # a client of its own, by address
        assert isinstance(executor, DaskExecutor)
        on_dask = analyze(chain, scenarios, executor=executor).to_json()
    assert len(serial["nodes"]) == chain.size and len(serial["scenarios"]) == len(GROUPS)
    assert sum(n["pi"] > 0 for n in serial["nodes"]) > 10  # the sweep solved LPs, not only pruned cones
    assert all(s["pi"] > 0 for s in serial["scenarios"])
    assert on_dask == serial  # every float, to the last bit
    assert pooled == serial


@pytest.mark.slow
def test_a_worker_killed_mid_sweep_changes_nothing(client: Client, chain: Network, tmp_path: Path) -> None:
    scenarios = [parse_scenario(chain, text) for text in GROUPS]
    expected = analyze(chain, scenarios, executor=SerialExecutor()).to_json()
    before = worker_pids(client)
    killed: list[int] = []
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if len(seen) == 3 and not killed:  # two chunks back, the others queued, running or held unread
            killed.append(kill_busy_worker(client))

    runs = tmp_path / "runs.txt"
    paced = _Paced(DaskExecutor(client), seconds=0.15, log=runs)
    result = analyze(chain, scenarios, executor=paced, progress=progress).to_json()
    assert killed and killed[0] in before.values()
    assert not psutil.pid_exists(killed[0]) or psutil.Process(killed[0]).status() == psutil.STATUS_ZOMBIE
    assert result == expected
    chunks = len(seen) - 1  # progress is told once before the first chunk, then after each
    assert seen[-1][0] == seen[-1][1]  # every scenario and component accounted for
    assert len(runs.read_text().splitlines()) > chunks  # what the killed worker ran or held was run again
    deadline = time.monotonic() + 30
    while len(worker_pids(client)) < 2 and time.monotonic() < deadline:  # the nanny restarts the worker
        time.sleep(0.2)
    assert killed[0] not in worker_pids(client).values()


class _Paced:
    """An executor that makes every item take at least `seconds` longer, so a sweep is still running when a
    worker is killed."""

    def __init__(self, inner: DaskExecutor, seconds: float, log: Path) -> None:
        self.inner, self.seconds, self.log = inner, seconds, log

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any], /) -> Iterator[Any]:
        return self.inner.map(partial(_slowly, fn, self.seconds, self.log), items)


def _slowly(fn: Callable[[Any], Any], seconds: float, log: Path, item: Any) -> Any:
    with log.open("a", encoding="utf-8") as handle:  # one line per run of an item, in any worker
        handle.write(f"{os.getpid()}\n")
    time.sleep(seconds)
    return fn(item)
