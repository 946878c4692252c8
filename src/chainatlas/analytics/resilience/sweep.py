"""The resilience analysis: per node (and per group scenario) Performance Impact, Risk Exposure Index,
time to survive, exposure and single points of failure, from pruned, region-restricted LPs run through
an executor.

Plan (all exact): a scenario whose downstream cone holds no demand loses nothing (PI = 0) and survives
as long as the undisrupted network; every other scenario gets two LPs on its affected region (see
`regions`), the loss LP at t = its TTR (minus the same LP undisrupted, cached per region and t) and the
survival LP; the rest of the network survives as long as its own undisrupted components, solved once.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from chainatlas.analytics.resilience.cone import cone_impact
from chainatlas.analytics.resilience.executors import Executor, SerialExecutor, local_executor
from chainatlas.analytics.resilience.lp import Region, RegionModel
from chainatlas.analytics.resilience.network import Ints, Network
from chainatlas.analytics.resilience.propagation import failed_nodes, impact_cone, single_points_of_failure
from chainatlas.analytics.resilience.regions import affected_region, component_labels, unlimited_nodes
from chainatlas.analytics.resilience.scenarios import NO_MATCH, UNKNOWN_NODE, Scenario, ScenarioError

DEFAULT_HORIZON = 365.0
SERIAL_BELOW = 48  # LP tasks: fewer than this run in this process when no executor is given
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class NodeResult:
    """The single-node disruption of one node."""

    id: str
    pi: float
    rei: float
    tts_days: float
    ttr_days: float
    exposure_days: float
    spof: bool

    def to_json(self) -> dict[str, Any]:
        """Return the result as plain values."""
        return {
            "id": self.id,
            "pi": self.pi,
            "rei": self.rei,
            "tts_days": self.tts_days,
            "ttr_days": self.ttr_days,
            "exposure_days": self.exposure_days,
            "spof": self.spof,
        }


@dataclass(frozen=True)
class ScenarioResult:
    """A (group) disruption: its nodes, duration, loss, survival time and every node that fails."""

    name: str
    nodes: tuple[str, ...]
    ttr_days: float
    pi: float
    tts_days: float
    failed: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        """Return the result as plain values."""
        return {
            "name": self.name,
            "nodes": list(self.nodes),
            "ttr_days": self.ttr_days,
            "pi": self.pi,
            "tts_days": self.tts_days,
            "failed": list(self.failed),
        }


@dataclass(frozen=True)
class Analysis:
    """Every node's single-node results (network order) and the requested scenarios'."""

    nodes: list[NodeResult]
    scenarios: list[ScenarioResult]
    horizon: float = DEFAULT_HORIZON

    def to_json(self) -> dict[str, Any]:
        """Return `{"nodes": [...], "scenarios": [...]}` as the format doc gives it."""
        return {"nodes": [x.to_json() for x in self.nodes], "scenarios": [x.to_json() for x in self.scenarios]}


@dataclass(frozen=True)
class _Task:
    region: int
    disrupted: Ints
    t: float
    loss: bool  # False: survival only (an undisrupted component)


@dataclass(frozen=True)
class _Plan:
    """What the sweep must solve: tasks over regions, and how results map back to scenarios."""

    regions: list[Ints]
    tasks: list[_Task]
    component_tasks: dict[int, int]  # base component label -> task index
    scenario_task: list[int | None]  # per scenario: its task, or None when pruned
    scenario_region: list[Ints | None]  # per scenario: the base components its region covers
    labels: Ints  # base component label per node


def analyze(
    network: Network,
    scenarios: Sequence[Scenario] = (),
    horizon: float = DEFAULT_HORIZON,
    executor: Executor | None = None,
    progress: Progress | None = None,
) -> Analysis:
    """Return every node's single-node results and the results of `scenarios`."""
    _check_horizon(horizon)
    singles = [np.asarray([i], dtype=np.int64) for i in range(network.size)]
    groups = [_indices(network, s) for s in scenarios]
    durations = [float(network.ttr[d].max()) for d in singles + groups]
    pis, ttss = _sweep(network, singles + groups, durations, horizon, executor, progress)
    spof = single_points_of_failure(network)
    top = max(pis[: network.size], default=0.0)
    nodes = [
        NodeResult(
            network.ids[i],
            pis[i],
            pis[i] / top if top > 0 else 0.0,
            ttss[i],
            durations[i],
            max(0.0, durations[i] - ttss[i]),
            bool(spof[i]),
        )
        for i in range(network.size)
    ]
    results = [
        _scenario_result(network, s, d, pis[network.size + k], ttss[network.size + k], durations[network.size + k])
        for k, (s, d) in enumerate(zip(scenarios, groups, strict=True))
    ]
    return Analysis(nodes, results, horizon)


def evaluate_scenario(
    network: Network,
    scenario: Scenario,
    horizon: float = DEFAULT_HORIZON,
    progress: Progress | None = None,
    executor: Executor | None = None,
) -> ScenarioResult:
    """Return one what-if (in this process unless an executor is given): what stops, the loss and how long
    demand is still met."""
    _check_horizon(horizon)
    disrupted = _indices(network, scenario)
    t = float(network.ttr[disrupted].max())
    pis, ttss = _sweep(network, [disrupted], [t], horizon, executor or SerialExecutor(), progress)
    return _scenario_result(network, scenario, disrupted, pis[0], ttss[0], t)


def scenario_pi(network: Network, scenario: Scenario, horizon: float = DEFAULT_HORIZON) -> float:
    """Return one what-if's Performance Impact alone (in this process): the loss LP of its affected region only,
    without the survival LPs of every undisrupted component, which a TTS needs and a PI does not."""
    _check_horizon(horizon)
    disrupted = _indices(network, scenario)
    t = float(network.ttr[disrupted].max())
    plan = _plan(network, [disrupted], [t], components=False)
    solved = _run(network, plan, horizon, SerialExecutor(), None)
    task = plan.scenario_task[0]
    return 0.0 if task is None else max(0.0, solved[task][0])


def _indices(network: Network, scenario: Scenario) -> Ints:
    """Return the scenario's node indices; raise ScenarioError for an empty scenario or an unknown node."""
    unknown = [x for x in scenario.nodes if x not in network.index]
    if unknown or not scenario.nodes:
        if unknown:
            raise ScenarioError(scenario.name, f"unknown node {unknown[0]!r}", code=UNKNOWN_NODE, part=unknown[0])
        raise ScenarioError(scenario.name, "no node", code=NO_MATCH)
    return np.asarray(sorted({network.index[x] for x in scenario.nodes}), dtype=np.int64)


def _check_horizon(horizon: float) -> None:
    if not (math.isfinite(horizon) and horizon > 0):
        raise ValueError(f"horizon: {horizon!r} is not a positive number of days")


def _scenario_result(
    network: Network, scenario: Scenario, disrupted: Ints, pi: float, tts: float, t: float
) -> ScenarioResult:
    failed = failed_nodes(network, disrupted)
    return ScenarioResult(
        scenario.name, scenario.nodes, t, pi, tts, tuple(network.ids[i] for i in np.flatnonzero(failed))
    )


def _sweep(
    network: Network,
    disruptions: list[Ints],
    durations: list[float],
    horizon: float,
    executor: Executor | None,
    progress: Progress | None,
) -> tuple[list[float], list[float]]:
    """Return (PI, TTS) per disruption."""
    plan = _plan(network, disruptions, durations)
    solved = _run(network, plan, horizon, executor, progress)
    outside = _outside_survival(plan, solved, horizon)
    everywhere = min(outside(None), horizon)
    pis, ttss = [], []
    for k in range(len(disruptions)):
        task = plan.scenario_task[k]
        if task is None:
            pis.append(0.0)
            ttss.append(everywhere)
            continue
        loss, survival = solved[task]
        pis.append(max(0.0, loss))
        ttss.append(max(0.0, min(survival, outside(plan.scenario_region[k]), horizon)))
    return pis, ttss


def _plan(network: Network, disruptions: list[Ints], durations: list[float], *, components: bool = True) -> _Plan:
    unlimited = unlimited_nodes(network)
    labels = component_labels(network, ~unlimited)
    has_demand = network.demand > 0
    regions: list[Ints] = []
    region_ids: dict[bytes, int] = {}
    tasks: list[_Task] = []
    scenario_task: list[int | None] = []
    scenario_region: list[Ints | None] = []
    for disrupted, t in zip(disruptions, durations, strict=True):
        cone = impact_cone(network, disrupted)
        if not (cone & has_demand).any():
            scenario_task.append(None)
            scenario_region.append(None)
            continue
        region = affected_region(network, cone, unlimited, labels)
        key = np.packbits(region).tobytes()
        if key not in region_ids:
            region_ids[key] = len(regions)
            regions.append(np.flatnonzero(region).astype(np.int64))
        scenario_task.append(len(tasks))
        scenario_region.append(np.unique(labels[region]))
        tasks.append(_Task(region_ids[key], disrupted, t, True))
    component_tasks: dict[int, int] = {}
    for label in np.unique(labels[has_demand & ~unlimited]).tolist() if components else []:
        component_tasks[label] = len(tasks)
        regions.append(np.flatnonzero(labels == label).astype(np.int64))
        tasks.append(_Task(len(regions) - 1, np.empty(0, dtype=np.int64), 0.0, False))
    return _Plan(regions, tasks, component_tasks, scenario_task, scenario_region, labels)


def _outside_survival(plan: _Plan, solved: list[tuple[float, float]], horizon: float) -> Callable[[Ints | None], float]:
    """Return a function: the survival time of the base components other than the given ones (all when None)."""
    labels = np.asarray(list(plan.component_tasks), dtype=np.int64)
    times = np.asarray([solved[k][1] for k in plan.component_tasks.values()], dtype=np.float64)

    def outside(covered: Ints | None) -> float:
        if covered is None:
            return float(times.min(initial=horizon))
        inside = np.isin(labels, covered)
        return float(times[~inside].min(initial=horizon))

    return outside


# --- running the tasks ------------------------------------------------------------------------------------

_CHUNKS_PER_RUN = 24


def _run(
    network: Network, plan: _Plan, horizon: float, executor: Executor | None, progress: Progress | None
) -> list[tuple[float, float]]:
    """Solve every task (sorted by region and t so that models and baselines are reused), in chunks."""
    order = sorted(range(len(plan.tasks)), key=lambda k: (plan.tasks[k].region, plan.tasks[k].t))
    size = max(1, math.ceil(len(order) / _CHUNKS_PER_RUN))
    chunks = []
    for start in range(0, len(order), size):
        part = order[start : start + size]
        needed = {plan.tasks[k].region for k in part}
        chunks.append((network, horizon, {r: plan.regions[r] for r in needed}, [plan.tasks[k] for k in part]))
    solved: list[tuple[float, float]] = [(0.0, horizon)] * len(plan.tasks)
    done = 0
    total = len(plan.scenario_task) + len(plan.component_tasks)
    done += sum(1 for x in plan.scenario_task if x is None)
    if progress:
        progress(done, total)
    own = executor is None and len(plan.tasks) >= SERIAL_BELOW
    pool = local_executor() if own else None
    runner: Executor = pool if pool is not None else (executor or SerialExecutor())
    try:
        for part, results in zip(
            (order[s : s + size] for s in range(0, len(order), size)), runner.map(_solve_chunk, chunks), strict=True
        ):
            for k, result in zip(part, results, strict=True):
                solved[k] = result
            done += len(part)
            if progress:
                progress(done, total)
    finally:
        if pool is not None:
            pool.shutdown()
    return solved


def _solve_chunk(chunk: tuple[Network, float, dict[int, Ints], list[_Task]]) -> list[tuple[float, float]]:
    """Solve one chunk of tasks (in a worker): (loss minus baseline loss, survival time) per task.

    The models are built afresh for each chunk: a warm re-solve may end on another optimal basis in the last
    bits, so a model carried over from whichever chunk a worker ran before would make the results depend on
    the executor. Fresh, every executor (in-process, process pool, Dask, a task re-run after a lost worker)
    returns the same floats."""
    network, horizon, regions, tasks = chunk
    models: dict[int, RegionModel] = {}
    out = []
    for task in tasks:
        model = models.get(task.region)
        if model is None:
            mask = np.zeros(network.size, dtype=np.bool_)
            mask[regions[task.region]] = True
            model = models[task.region] = RegionModel(network, Region.of(network, mask), horizon)
        if not task.loss:
            out.append((0.0, model.survival(task.disrupted)))
            continue
        proved = cone_impact(model, impact_cone(network, task.disrupted), task.disrupted, task.t)
        out.append(proved if proved is not None else model.impact(task.disrupted, task.t))
    return out
