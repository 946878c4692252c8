"""A Dask distributed cluster on this machine for the executor tests: a scheduler and two worker processes of
one thread each (`distributed.LocalCluster`), with a client of the test's own."""

from __future__ import annotations

import logging
import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager

from distributed import Client, LocalCluster


@contextmanager
def local_cluster() -> Iterator[Client]:
    """Yield a client of a fresh two-worker cluster (closed afterwards)."""
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR
        ) as cluster,
        Client(cluster, set_as_default=False) as client,
    ):
        client.wait_for_workers(2)
        yield client


def dask_spec(client: Client) -> str:
    """Return the executor spec of the client's scheduler (`dask://127.0.0.1:PORT`)."""
    address = str(client.scheduler.address)
    assert address.startswith("tcp://"), address
    return "dask://" + address.removeprefix("tcp://")


def worker_pids(client: Client) -> dict[str, int]:
    """Return the process id of every worker, by worker address."""
    return dict(client.run(os.getpid))


def kill_busy_worker(client: Client) -> int:
    """SIGKILL the worker process that holds the most tasks (running, or finished and not yet gathered);
    return its process id."""
    held = {address: len(keys) for address, keys in client.has_what().items()}
    for address, keys in client.processing().items():
        held[address] = held.get(address, 0) + len(keys)
    address = max(sorted(held), key=lambda a: held[a])
    pid = worker_pids(client)[address]
    os.kill(pid, signal.SIGKILL)
    return pid
