"""Supply-chain resilience (供应链韧性): the AND/OR supply network, structural failure propagation, single
points of failure, the Simchi-Levi time-to-recover / time-to-survive LPs (Performance Impact, Risk Exposure
Index, exposure) and ranked mitigations. Pure computation on arrays; may import `domain` only (and
numpy/scipy/highspy; `distributed` for the Dask executor, on demand).
"""

from chainatlas.analytics.resilience.executors import (
    DaskExecutor,
    Executor,
    ExecutorSpec,
    ExecutorSpecError,
    SchedulerUnreachable,
    SerialExecutor,
    local_executor,
    open_executor,
    parse_executor,
)
from chainatlas.analytics.resilience.mitigations import Mitigation, daily_use, exposed_nodes, mitigations
from chainatlas.analytics.resilience.network import BomLine, Network, NetworkError, NodeSpec, build_network
from chainatlas.analytics.resilience.propagation import (
    failed_nodes,
    failures_by_location,
    impact_cone,
    single_points_of_failure,
)
from chainatlas.analytics.resilience.scenarios import Scenario, ScenarioError, parse_scenario
from chainatlas.analytics.resilience.sweep import (
    DEFAULT_HORIZON,
    Analysis,
    NodeResult,
    ScenarioResult,
    analyze,
    evaluate_scenario,
)

__all__ = [
    "DEFAULT_HORIZON",
    "Analysis",
    "BomLine",
    "DaskExecutor",
    "Executor",
    "ExecutorSpec",
    "ExecutorSpecError",
    "Mitigation",
    "Network",
    "NetworkError",
    "NodeResult",
    "NodeSpec",
    "Scenario",
    "ScenarioError",
    "ScenarioResult",
    "SchedulerUnreachable",
    "SerialExecutor",
    "analyze",
    "build_network",
    "daily_use",
    "evaluate_scenario",
    "exposed_nodes",
    "failed_nodes",
    "failures_by_location",
    "impact_cone",
    "local_executor",
    "mitigations",
    "open_executor",
    "parse_executor",
    "parse_scenario",
    "single_points_of_failure",
]
