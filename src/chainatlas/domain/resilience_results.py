"""Result types of supply-chain resilience (供应链韧性): per-site figures, scenarios, what-if, the supply graph
around a site, mitigations and the cluster-wide summary.

Services build them from the analytics engine's results; the API uses them as response models, the pages read
them. Rows that come one per site are frozen dataclasses (no validation per node when they are built); money
(PI, margin, ΔPI, in yuan) is `Decimal` to the fen, which the API shows as the registry's decimal string. The
CLI's `--json` prints the engine's own JSON (floats), as the network file format documents it.

May import only the standard library, pydantic and the rest of `domain`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from pydantic import BaseModel

from chainatlas.domain.common import SYNTHETIC

FEN = Decimal("0.01")


def yuan(amount: float) -> Decimal:
    """Return an amount in yuan as a decimal to the fen (never -0.00)."""
    return Decimal(str(round(amount, 2))).quantize(FEN) + 0


@dataclass(frozen=True)
class Site:
    """What the pages show about a network node beside its figures: names, place, where its figures come from."""

    id: str
    name_zh: str
    name_en: str | None
    country: str
    in_cluster: bool
    profile_source: str | None
    """The source of its resilience profile; None when it has none (model defaults apply)."""

    @property
    def synthetic(self) -> bool:
        """Return whether its figures are generated (or missing, hence defaults)."""
        return self.profile_source is None or self.profile_source == SYNTHETIC


@dataclass(frozen=True)
class SiteResult:
    """One site's single-site disruption: PI (yuan), REI, TTS, TTR, exposure (TTR − TTS, days), SPOF, names."""

    id: str
    pi: Decimal
    rei: float
    tts_days: float
    ttr_days: float
    exposure_days: float
    spof: bool
    name_zh: str | None = None
    name_en: str | None = None
    synthetic: bool = True
    """Whether its figures are generated (or missing, hence defaults)."""
    in_cluster: bool = False
    """Whether the site is a member of the cluster the analysis is about (its region: local or outside)."""


@dataclass(frozen=True)
class ScenarioRow:
    """A (group) disruption: the sites disrupted, how long, the loss (PI, yuan), TTS and every site that fails."""

    name: str
    nodes: list[str]
    ttr_days: float
    pi: Decimal
    tts_days: float
    failed: list[str]


class ResilienceReport(BaseModel):
    """Every site's figures (network order) and those of the scenarios asked for, for one cluster (which sites are
    its members)."""

    cluster: str = ""
    nodes: list[SiteResult]
    scenarios: list[ScenarioRow]


class SiteDetail(BaseModel):
    """One site: its result, its model figures and its direct suppliers and customers."""

    id: str
    pi: Decimal
    rei: float
    tts_days: float
    ttr_days: float
    exposure_days: float
    spof: bool
    name_zh: str
    name_en: str | None
    synthetic: bool
    profile_source: str | None
    location: str
    demand_per_day: float
    inventory: float
    capacity_per_day: float | None
    margin: Decimal
    suppliers: list[str]
    customers: list[str]
    cluster: str = ""
    in_cluster: bool = False
    """Whether the site is a member of `cluster`."""


@dataclass(frozen=True)
class SiteName:
    """A site's id and names, and whether its figures are synthetic."""

    id: str
    name_zh: str
    name_en: str | None
    synthetic: bool
    in_cluster: bool = False
    """Whether the site is a member of the cluster the result is about."""


@dataclass(frozen=True)
class GraphSite:
    """A site drawn in a supply graph: failed, disrupted, with demand, the site the graph is centred on."""

    id: str
    name_zh: str
    name_en: str | None
    synthetic: bool
    failed: bool
    disrupted: bool
    demand: float
    center: bool
    in_cluster: bool = False


@dataclass(frozen=True)
class GraphLink:
    """A supply link between two drawn sites, by their positions in the graph's `nodes`."""

    source: int
    target: int


class SupplyGraph(BaseModel):
    """The sites within some supply steps of a site, the links between them, and how many sites fail."""

    center: str
    nodes: list[GraphSite]
    links: list[GraphLink]
    failed_total: int
    cluster: str = ""


class FailureGraph(BaseModel):
    """The failed sites and the working sites they supply (at most a limit), with the links between."""

    nodes: list[GraphSite]
    links: list[GraphLink]
    truncated: bool


class WhatIfResult(BaseModel):
    """What a disruption stops and what it costs: the scenario's result with the failed sites named."""

    name: str
    nodes: list[str]
    ttr_days: float
    pi: Decimal
    tts_days: float
    failed: list[str]
    sites: list[SiteName]
    graph: FailureGraph
    cluster: str = ""
    failed_in_cluster: int = 0
    """How many of the failed (and disrupted) sites are members of `cluster`."""


class MitigationRow(BaseModel):
    """A candidate fix for an exposed site and the PI (yuan) it saves."""

    node: str
    kind: str
    """alternative_supplier, inventory or faster_recovery."""
    description: str
    pi_before: Decimal
    pi_after: Decimal
    delta_pi: Decimal
    customer: str | None = None
    material: str | None = None
    supplier: str | None = None
    amount: float | None = None
    """inventory: units added; faster_recovery: the new TTR in days."""


class MitigationList(BaseModel):
    """Candidate fixes for the most exposed sites, best ΔPI first."""

    mitigations: list[MitigationRow]
    cluster: str = ""


class ResilienceSummary(BaseModel):
    """Cluster-wide figures anyone may read; None (suppressed) below the disclosure threshold."""

    sites: int
    suppressed: bool
    single_points_of_failure: int | None
    exposed_sites: int | None
    median_tts_days: float | None
    total_pi: Decimal | None
    """Yuan, to the fen."""
    cluster: str = ""
    """The cluster whose members are counted `in_cluster`."""
    sites_in_cluster: int | None = None
    single_points_of_failure_in_cluster: int | None = None
