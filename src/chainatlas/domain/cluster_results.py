"""What the comparison of clusters returns (集群对比): per cluster its scale, local supporting rate, key-technology
foreign dependency, single points of failure and targets, side by side.

Money is `Decimal` yuan to the fen (`Yuan`, as in the chain results). A figure is None where it is suppressed
(fewer than the disclosure threshold of contributing enterprises, for users who may not see supply links) or
where it cannot be computed (no purchases; no resilience analysis yet).
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from chainatlas.domain.chain_results import Yuan


class ClusterSummary(BaseModel):
    """A cluster a user may see, with how many member enterprises it has."""

    model_config = ConfigDict(frozen=True)

    id: str
    name_zh: str
    name_en: str | None
    region: tuple[str, ...]
    root_code: str | None
    is_default: bool
    members: int


class ClusterList(BaseModel):
    """The clusters a user may see, the default first."""

    model_config = ConfigDict(frozen=True)

    clusters: tuple[ClusterSummary, ...]


class ClusterFigures(BaseModel):
    """One cluster's figures in the comparison."""

    model_config = ConfigDict(frozen=True)

    cluster: ClusterSummary
    output: Yuan = Field(description="annual output of the members on the cluster's chain subtree")
    size_classes: dict[str, int] = Field(description="members by size class (`unknown`: none recorded)")
    purchases: Yuan | None = Field(description="the members' purchases on the subtree (supply links they buy on)")
    suppliers: int | None = Field(description="distinct suppliers of those purchases")
    local_rate_value: float | None = Field(description="本地配套率 by value: from member suppliers / purchases")
    local_rate_count: float | None = Field(description="本地配套率 by count: member suppliers / suppliers")
    key_technology_foreign_share: float | None = Field(
        description="value-weighted share of foreign suppliers in purchases on key-technology nodes (and below)"
    )
    suppressed: bool = Field(description="link-based figures hidden: fewer than 3 contributing enterprises")
    single_points_of_failure: int | None = Field(description="members that are single points of failure")
    spof_basis: str = Field(
        description="`registry_analysis`: counted among the members in the registry-wide resilience analysis; "
        "`not_computed`: no resilience analysis for this registry version yet"
    )
    targets_total: int
    targets_on_track: int
    targets_at_risk: int


class ClusterComparison(BaseModel):
    """Every cluster a user may see, side by side, as of a date (targets) and for a year of links."""

    model_config = ConfigDict(frozen=True)

    as_of: dt.date
    year: int | None = Field(description="links active that year (None: every link)")
    clusters: tuple[ClusterFigures, ...]
