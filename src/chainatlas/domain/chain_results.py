"""What the chain analytics use cases return (补链强链延链): node metrics, gaps, attraction targets, what-if
scenarios, the chain tree and the registry's headline counts.

One type per result: analytics and services build them, the API uses them as its response schema, the pages
and the CLI's `--json` read them. Rows built once per node (metrics, gaps, targets) are frozen dataclasses;
the envelopes are Pydantic models. Money is `Decimal` yuan to the fen: the API shows it as the registry's
decimal string ("600000.00"); the CLI dumps with `context=FLOAT_MONEY` and prints JSON numbers as before.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, SerializationInfo, WithJsonSchema

from chainatlas.domain.chain_node import ChainNode
from chainatlas.domain.indicator import Indicator

MONEY_AS = "money"
FLOAT_MONEY = {MONEY_AS: "float"}
"""Serialisation context of the CLI's `--json`: money as a JSON number (the API's default is a string)."""
CENT = Decimal("0.01")


def _money_json(value: Decimal, info: SerializationInfo) -> str | float:
    """Return yuan as JSON: the registry's decimal string, or a number under FLOAT_MONEY."""
    if isinstance(info.context, dict) and info.context.get(MONEY_AS) == "float":
        return float(value)
    return format(value, "f")


Yuan = Annotated[
    Decimal,
    PlainSerializer(_money_json, when_used="json"),
    WithJsonSchema({"type": "string", "pattern": r"^-?\d+\.\d{2}$", "description": "yuan (CNY) to the fen"}),
]
"""Money in a result: Decimal yuan to the fen."""


def yuan(value: float) -> Decimal:
    """Return a float amount (sums of float money carry binary noise) as Decimal yuan to the fen."""
    return Decimal(repr(round(float(value), 2))).quantize(CENT)


class ChainMetric(StrEnum):
    """The name of a chain metric of a node (its subtree, the cluster's purchases)."""

    ENTERPRISES_IN_CLUSTER = "enterprises_in_cluster"
    ENTERPRISES_OUTSIDE = "enterprises_outside"
    OUTPUT_IN_CLUSTER = "output_in_cluster"
    PURCHASES = "purchases"
    LOCAL_VALUE = "local_value"
    LOCAL_RATE_VALUE = "local_rate_value"
    """本地配套率 by value: local purchases / purchases."""
    SUPPLIERS = "suppliers"
    LOCAL_SUPPLIERS = "local_suppliers"
    LOCAL_RATE_COUNT = "local_rate_count"
    """本地配套率 by count: local suppliers / suppliers."""
    HHI = "hhi"
    CUSTOMER_HHI = "customer_hhi"
    FOREIGN_SHARE = "foreign_share"
    SINGLE_SOURCE_LINKS = "single_source_links"
    CUSTOMER_NODE_PAIRS = "customer_node_pairs"
    LOCATION_QUOTIENT = "location_quotient"


M = ChainMetric
ARRAY_METRICS = tuple(m for m in ChainMetric if m is not M.LOCATION_QUOTIENT)
"""The metrics analytics computes per node (the location quotient needs national totals besides)."""
MONEY_METRICS = frozenset({M.OUTPUT_IN_CLUSTER, M.PURCHASES, M.LOCAL_VALUE})
SHARE_METRICS = frozenset({M.LOCAL_RATE_VALUE, M.LOCAL_RATE_COUNT, M.FOREIGN_SHARE})
INDEX_METRICS = frozenset({M.HHI, M.CUSTOMER_HHI})
COUNT_METRICS = frozenset(
    {M.ENTERPRISES_IN_CLUSTER, M.ENTERPRISES_OUTSIDE, M.SUPPLIERS, M.LOCAL_SUPPLIERS}
    | {M.SINGLE_SOURCE_LINKS, M.CUSTOMER_NODE_PAIRS}
)
SUPPRESSED_METRICS = (
    M.PURCHASES,
    M.LOCAL_VALUE,
    M.LOCAL_RATE_VALUE,
    M.HHI,
    M.CUSTOMER_HHI,
    M.FOREIGN_SHARE,
    M.LOCAL_RATE_COUNT,
    M.SUPPLIERS,
    M.LOCAL_SUPPLIERS,
    M.SINGLE_SOURCE_LINKS,
    M.CUSTOMER_NODE_PAIRS,
)
"""Built from the supply links: hidden below the disclosure threshold from users who may not see links."""
COMPARED_METRICS = (
    M.ENTERPRISES_IN_CLUSTER,
    M.PURCHASES,
    M.LOCAL_VALUE,
    M.LOCAL_RATE_VALUE,
    M.SUPPLIERS,
    M.LOCAL_SUPPLIERS,
    M.LOCAL_RATE_COUNT,
    M.HHI,
    M.FOREIGN_SHARE,
    M.SINGLE_SOURCE_LINKS,
)
"""What a what-if scenario reports the before and after of."""
HIGHER_IS_BETTER = frozenset(
    {M.ENTERPRISES_IN_CLUSTER, M.LOCAL_VALUE, M.LOCAL_RATE_VALUE, M.SUPPLIERS, M.LOCAL_SUPPLIERS, M.LOCAL_RATE_COUNT}
)
LOWER_IS_BETTER = frozenset({M.HHI, M.FOREIGN_SHARE, M.SINGLE_SOURCE_LINKS})

MetricValue = int | float | Yuan | None
"""A metric's plain value: money, a count, a rate or index; None for a rate without purchases or suppressed."""


@dataclass(frozen=True, slots=True)
class ChainNodeMetrics:
    """Every metric of one node; link-based ones are None when suppressed (below the disclosure threshold)."""

    code: str
    enterprises_in_cluster: int
    enterprises_outside: int
    output_in_cluster: Yuan
    purchases: Yuan | None
    local_value: Yuan | None
    local_rate_value: float | None
    suppliers: int | None
    local_suppliers: int | None
    local_rate_count: float | None
    hhi: float | None
    customer_hhi: float | None
    foreign_share: float | None
    single_source_links: int | None
    customer_node_pairs: int | None
    key_technology: bool
    suppressed: bool
    location_quotient: float | None
    covered: bool
    """At least `min_makers` in-cluster enterprises make the node or something below it."""

    def value(self, metric: ChainMetric) -> MetricValue:
        """Return one metric's value."""
        found: MetricValue = getattr(self, metric.value)
        return found


class Result(BaseModel):
    """Base of the chain results: frozen (cached results are shared between requests)."""

    model_config = ConfigDict(frozen=True)


class ChainMetricsReport(Result):
    """Every node's metrics for a year (None: all links), with the cluster-wide supplier HHI."""

    year: int | None
    cluster: str = Field(default="", description="The id of the cluster the metrics are about")
    cluster_hhi: float | None = Field(description="None for users who may not see supply links")
    min_makers: int
    nodes: tuple[ChainNodeMetrics, ...]

    def by_code(self) -> dict[str, ChainNodeMetrics]:
        """Return the node rows by node code."""
        return {row.code: row for row in self.nodes}


@dataclass(frozen=True, slots=True)
class ChainGap:
    """One node's gap (补链缺口), feasibility, strategic value, score and the reason in words."""

    code: str
    purchases: Yuan
    local_rate_value: float | None
    gap: Yuan
    """Purchases × (1 − local supporting rate by value)."""
    feasibility: float
    criticality: float
    key_technology: bool
    strategic_value: float
    attractiveness: float
    score: float
    quadrant: str
    quadrant_zh: str
    reason_en: str
    reason_zh: str


class ChainGapReport(Result):
    """The gap ranking of a year, best score first (`gaps` may be the first `limit` of `total`)."""

    year: int | None
    cluster: str = Field(default="", description="The id of the cluster the gaps are about")
    total: int
    gaps: tuple[ChainGap, ...]


@dataclass(frozen=True, slots=True)
class AttractionTarget:
    """One enterprise outside the cluster worth attracting for a node (招商目标), factors and their reasons."""

    firm_id: str
    name: str
    score: float
    factors: dict[str, float]
    reasons: dict[str, str]


class AttractionTargets(Result):
    """The enterprises most worth attracting for a node, best first."""

    node: str
    cluster: str = Field(default="", description="The id of the cluster the targets would join")
    targets: tuple[AttractionTarget, ...]


class AttractChange(Result):
    """Move an enterprise into the cluster (optionally to a district)."""

    action: Literal["attract"]
    firm: str
    district: str | None = None


class AddSupplierChange(Result):
    """Add a supply link of `node` from `firm` to `customer` worth `value` yuan a year."""

    action: Literal["add_supplier"]
    firm: str
    node: str
    customer: str
    value: float = 0.0


ScenarioChange = Annotated[AttractChange | AddSupplierChange, Field(discriminator="action")]
"""One what-if step. Dumped with `exclude_unset`, a change reads back with the keys it was given."""


class MetricMove(Result):
    """One metric of one node before and after a scenario."""

    before: MetricValue
    after: MetricValue


class NodeDifference(Result):
    """Every compared metric of one node that a scenario moves."""

    code: str
    changes: dict[ChainMetric, MetricMove]


class ScenarioResult(Result):
    """A what-if evaluated on a copy of the registry: the changes, every metric they move, the saved id."""

    year: int | None
    cluster: str = Field(default="", description="The id of the cluster the scenario was evaluated for")
    changes: tuple[ScenarioChange, ...]
    differences: tuple[NodeDifference, ...]
    saved_id: int | None


IsoTime = Annotated[dt.datetime, PlainSerializer(dt.datetime.isoformat, return_type=str, when_used="json")]


class SavedScenario(Result):
    """A what-if saved under a name (the registry itself is never changed)."""

    id: int
    name: str
    changes: tuple[ScenarioChange, ...]
    year: int | None
    created_by: str
    created_at: IsoTime


class SavedScenarios(Result):
    """The saved scenarios, newest first."""

    scenarios: tuple[SavedScenario, ...]


class ChainTreeNode(ChainNode):
    """A chain node with the enterprises making it or a descendant, inside and outside the cluster."""

    enterprises_in_cluster: int
    enterprises_outside: int
    local_share: float | None = Field(description="in-cluster makers / all makers; None when nobody makes it")
    children: tuple[ChainTreeNode, ...]


class ChainTree(Result):
    """The chain taxonomy (产业链图谱) as nested nodes with enterprise counts."""

    cluster: str = Field(default="", description="The id of the cluster whose subtree and members are counted")
    roots: tuple[ChainTreeNode, ...]


class RegistryStats(Result):
    """Counts per kind (confidential kinds only for signed-in users) and cluster aggregates."""

    counts: dict[str, int]
    cluster: str | None = None
    """The cluster `enterprises_in_cluster` counts the members of."""
    enterprises_in_cluster: int
    key_technology_nodes: int


class OverviewStats(RegistryStats):
    """The registry's counts and the latest cluster-wide value of every headline metric, with sources."""

    headline: tuple[Indicator, ...]


@dataclass(frozen=True, slots=True)
class EnterpriseChoice:
    """An enterprise as a form offers it: id, names, inside the cluster or not."""

    id: str
    name_zh: str
    name_en: str | None
    in_cluster: bool
