"""All 38 Willems (2008) chains load as networks and analyse end to end.

Every chain gets the full sweep (chains past 20 marked slow; from chain 32 on through one process pool);
chains 32-37 also answer the what-if of their most loaded stage; chain 38, the largest, runs through the
default pool `analyze` creates itself. The sweep of chain 38 is timed in bench/resilience.py.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pytest
from tests.shared_data import shared

from chainatlas.analytics.resilience import (
    Network,
    Scenario,
    SerialExecutor,
    analyze,
    daily_use,
    evaluate_scenario,
    failed_nodes,
    impact_cone,
    local_executor,
    single_points_of_failure,
)
from chainatlas.interchange.resilience_files import read_willems

WILLEMS = shared("willems-2008")


def _chain(k: int) -> Network:
    return read_willems(WILLEMS / f"chain_{k:02d}_stages.csv", WILLEMS / f"chain_{k:02d}_arcs.csv", seed=k)


def _stage_count(k: int) -> int:
    with (WILLEMS / f"chain_{k:02d}_stages.csv").open(encoding="utf-8") as handle:
        return sum(1 for _ in csv.DictReader(handle))


def _full(k: int) -> object:
    return pytest.param(k, marks=pytest.mark.slow) if k > 20 else k


@pytest.fixture(scope="module")
def pool() -> Iterator[ProcessPoolExecutor]:
    with local_executor() as executor:
        yield executor


@pytest.mark.parametrize("k", [_full(k) for k in range(1, 38)])
def test_chains_analyse(k: int, request: pytest.FixtureRequest) -> None:
    network = _chain(k)
    executor = request.getfixturevalue("pool") if k >= 32 else SerialExecutor()
    results = analyze(network, executor=executor).nodes
    assert [r.id for r in results] == list(network.ids)
    sinks = np.flatnonzero(np.diff(network.adjacency.indptr) == 0)
    # the README: the demand stages are the sinks (a few, in chain 33, have avgDemand 0)
    assert set(np.flatnonzero(network.demand > 0)) <= set(sinks.tolist())
    assert max(r.rei for r in results) == 1.0 and all(0 <= r.tts_days <= 365 for r in results)
    assert all(r.pi >= 0 and r.exposure_days == max(0.0, r.ttr_days - r.tts_days) for r in results)
    # with no alternatives, a stage is a single point of failure exactly when another demand stage is downstream
    demand = network.demand > 0
    for i in range(0, network.size, 7):
        below = impact_cone(network, [i])
        below[i] = False
        assert results[i].spof == bool((below & demand).any()), network.ids[i]


@pytest.mark.parametrize("k", range(32, 38))
def test_large_chains_load_and_answer_a_what_if(k: int) -> None:
    network = _chain(k)
    assert network.size == _stage_count(k)
    spof = single_points_of_failure(network)
    busiest = int(np.argmax(daily_use(network) * (network.demand == 0)))
    result = evaluate_scenario(network, Scenario("busiest", (network.ids[busiest],)))
    down = failed_nodes(network, [busiest])
    assert set(result.failed) == {network.ids[i] for i in np.flatnonzero(down)}
    assert spof[busiest] == bool((down & (network.demand > 0)).any())
    assert result.pi >= 0 and result.tts_days <= 365


@pytest.mark.slow
def test_the_largest_chain_analyses_in_the_process_pool() -> None:
    network = _chain(38)
    assert (network.size, network.groups.nnz) == (2025, 16225)
    calls: list[int] = []
    results = analyze(network, progress=lambda done, total: calls.append(total - done)).nodes
    assert len(results) == 2025 and calls[-1] == 0
    assert sum(r.pi > 0 for r in results) > 0
