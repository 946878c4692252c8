"""The registry kinds: each kind's record type, natural key, rules and references."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic

from chainatlas.domain.access import FAIR_REGISTRATIONS, REGISTRY, RESILIENCE_INPUTS
from chainatlas.domain.brand import Brand, BrandRanking, brand_problems, ranking_problems
from chainatlas.domain.chain_node import ChainNode, chain_node_problems
from chainatlas.domain.cluster import Cluster, ClusterMember, cluster_problems, member_problems
from chainatlas.domain.common import Problem, Record
from chainatlas.domain.enterprise import Enterprise, enterprise_problems
from chainatlas.domain.enterprise_node import EnterpriseNode, enterprise_node_problems
from chainatlas.domain.fair import (
    Fair,
    FairAttendance,
    FairMeeting,
    FairParticipant,
    FairPreference,
    attendance_problems,
    fair_problems,
    meeting_problems,
    participant_problems,
    preference_problems,
)
from chainatlas.domain.indicator import Indicator, Target, indicator_problems, target_problems
from chainatlas.domain.organisation import Organisation, organisation_problems
from chainatlas.domain.platform import InnovationPlatform, platform_problems
from chainatlas.domain.project import (
    Milestone,
    Project,
    ProjectProgress,
    milestone_problems,
    progress_problems,
    project_problems,
)
from chainatlas.domain.resilience_profile import (
    BomRatio,
    ResilienceProfile,
    bom_ratio_problems,
    resilience_profile_problems,
)
from chainatlas.domain.supply_link import SupplyLink, supply_link_problems

Key = tuple[Any, ...]
if TYPE_CHECKING:  # a default (PEP 696): a bare `KindSpec` is `KindSpec[Record]`; typing has it from 3.13
    from typing_extensions import TypeVar

    R_co = TypeVar("R_co", bound=Record, covariant=True, default=Record)
else:
    from typing import TypeVar

    R_co = TypeVar("R_co", bound=Record, covariant=True)


Rec = TypeVar("Rec", bound=Record)


@dataclass(frozen=True)
class KindSpec(Generic[R_co]):
    """How one registry kind is identified, checked and linked to others.

    Generic over its record type: `ENTERPRISES` is a `KindSpec[Enterprise]`, so a repository or a
    service given it returns `Enterprise` records; `KINDS` and `kind(name)` give `KindSpec[Record]`
    for code that gets a kind's name from the user.
    """

    name: str
    label_zh: str
    model: type[R_co]
    key: tuple[str, ...]
    rules: Callable[[Any], list[Problem]]
    references: dict[str, str] = field(default_factory=dict)
    """field → the kind whose key it names (that kind has a one-field key); a list field names one per item."""
    scoped: bool = False
    """True when the record has a `scope` naming the cluster, an enterprise or node:<code>."""
    read_resource: str = REGISTRY
    """The access resource (domain/access.py) a user needs to read records of this kind through the generic
    registry reads (list, detail, history, export); confidential kinds name a narrower one than `registry`."""

    derived: tuple[str, ...] = ()
    """Fields stored outside the kind's table (an enterprise's `in_cluster`: the default cluster's membership);
    empty on a write, such a field keeps what the registry holds."""

    def with_derived_kept(self, record: Rec, before: Record | None) -> Rec:
        """Return a record whose empty derived fields take their values from the stored record."""
        if before is None or not self.derived:
            return record
        kept = {name: getattr(before, name) for name in self.derived if getattr(record, name) is None}
        return record.model_copy(update=kept) if kept else record

    def key_of(self, record: Record) -> Key:
        """Return the natural key of a record of this kind."""
        return tuple(getattr(record, name) for name in self.key)


CHAIN_NODES = KindSpec(
    "chain_nodes", "产业链环节", ChainNode, ("code",), chain_node_problems, {"parent_code": "chain_nodes"}
)
ENTERPRISES = KindSpec(
    "enterprises",
    "企业",
    Enterprise,
    ("id",),
    enterprise_problems,
    {"parent_id": "enterprises"},
    derived=("in_cluster",),
)
ENTERPRISE_NODES = KindSpec(
    "enterprise_nodes",
    "企业环节",
    EnterpriseNode,
    ("enterprise_id", "node_code"),
    enterprise_node_problems,
    {"enterprise_id": "enterprises", "node_code": "chain_nodes"},
)
SUPPLY_LINKS = KindSpec(
    "supply_links",
    "供应关系",
    SupplyLink,
    ("supplier_id", "customer_id", "node_code"),
    supply_link_problems,
    {"supplier_id": "enterprises", "customer_id": "enterprises", "node_code": "chain_nodes"},
)
INDICATORS = KindSpec(
    "indicators", "指标观测", Indicator, ("metric", "scope", "period"), indicator_problems, scoped=True
)
TARGETS = KindSpec("targets", "目标", Target, ("metric", "scope", "target_period"), target_problems, scoped=True)
PROJECTS = KindSpec("projects", "重点项目", Project, ("id",), project_problems, {"owner_id": "enterprises"})
MILESTONES = KindSpec(
    "milestones", "里程碑", Milestone, ("project_id", "name"), milestone_problems, {"project_id": "projects"}
)
PROJECT_PROGRESS = KindSpec(
    "project_progress",
    "项目进度",
    ProjectProgress,
    ("project_id", "period"),
    progress_problems,
    {"project_id": "projects"},
)
BRANDS = KindSpec("brands", "品牌", Brand, ("id",), brand_problems, {"owner_id": "enterprises"})
BRAND_RANKINGS = KindSpec(
    "brand_rankings",
    "品牌排名",
    BrandRanking,
    ("brand_id", "ranking", "year"),
    ranking_problems,
    {"brand_id": "brands"},
)
INNOVATION_PLATFORMS = KindSpec(
    "innovation_platforms", "创新平台", InnovationPlatform, ("id",), platform_problems, {"owner_id": "enterprises"}
)
FAIRS = KindSpec("fairs", "展会", Fair, ("id",), fair_problems)
FAIR_PARTICIPANTS = KindSpec(
    "fair_participants",
    "参展参会方",
    FairParticipant,
    ("id",),
    participant_problems,
    {"fair_id": "fairs", "enterprise_id": "enterprises", "offers": "chain_nodes", "needs": "chain_nodes"},
    read_resource=FAIR_REGISTRATIONS,
)
FAIR_PREFERENCES = KindSpec(
    "fair_preferences",
    "洽谈意向",
    FairPreference,
    ("from_id", "to_id"),
    preference_problems,
    {"from_id": "fair_participants", "to_id": "fair_participants"},
    read_resource=FAIR_REGISTRATIONS,
)
FAIR_MEETINGS = KindSpec(
    "fair_meetings",
    "洽谈安排",
    FairMeeting,
    ("exhibitor_id", "buyer_id"),
    meeting_problems,
    {"fair_id": "fairs", "exhibitor_id": "fair_participants", "buyer_id": "fair_participants"},
    read_resource=FAIR_REGISTRATIONS,
)
FAIR_ATTENDANCE = KindSpec(
    "fair_attendance",
    "到场反馈",
    FairAttendance,
    ("exhibitor_id", "buyer_id"),
    attendance_problems,
    {"exhibitor_id": "fair_participants", "buyer_id": "fair_participants"},
    read_resource=FAIR_REGISTRATIONS,
)
RESILIENCE_PROFILES = KindSpec(
    "resilience_profiles",
    "韧性参数",
    ResilienceProfile,
    ("enterprise_id",),
    resilience_profile_problems,
    {"enterprise_id": "enterprises"},
    read_resource=RESILIENCE_INPUTS,
)
BOM_LINES = KindSpec(
    "bom_lines",
    "物料清单",
    BomRatio,
    ("customer_id", "node_code"),
    bom_ratio_problems,
    {"customer_id": "enterprises", "node_code": "chain_nodes"},
    read_resource=RESILIENCE_INPUTS,
)

CLUSTERS = KindSpec("clusters", "产业集群", Cluster, ("id",), cluster_problems, {"root_code": "chain_nodes"})
CLUSTER_MEMBERS = KindSpec(
    "cluster_members",
    "集群成员",
    ClusterMember,
    ("cluster_id", "enterprise_id"),
    member_problems,
    {"cluster_id": "clusters", "enterprise_id": "enterprises"},
)

ORGANISATIONS = KindSpec(
    "organisations", "组织机构", Organisation, ("id",), organisation_problems, {"parent_id": "organisations"}
)

KINDS: tuple[KindSpec, ...] = (
    CHAIN_NODES,
    CLUSTERS,
    ORGANISATIONS,
    ENTERPRISES,
    CLUSTER_MEMBERS,
    ENTERPRISE_NODES,
    SUPPLY_LINKS,
    INDICATORS,
    TARGETS,
    PROJECTS,
    MILESTONES,
    PROJECT_PROGRESS,
    BRANDS,
    BRAND_RANKINGS,
    INNOVATION_PLATFORMS,
    FAIRS,
    FAIR_PARTICIPANTS,
    FAIR_PREFERENCES,
    FAIR_MEETINGS,
    FAIR_ATTENDANCE,
    RESILIENCE_PROFILES,
    BOM_LINES,
)
"""Every kind, in the order an import applies them (referenced kinds first)."""

KIND_BY_NAME: dict[str, KindSpec] = {spec.name: spec for spec in KINDS}


def kind(name: str) -> KindSpec:
    """Return the spec of a kind by its English name."""
    return KIND_BY_NAME[name]
