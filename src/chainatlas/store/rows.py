"""The schema as SQLAlchemy rows, one module per aggregate, re-exported here. Migrations, not `create_all()`,
create it.

The row modules: `rows_registry` (the registry kinds), `rows_fair` (the fair), `rows_accounts` (users, tokens,
sessions, access log), `rows_history` (changes, versions, alerts, chain-analysis data). Importing this module
registers every table on `Base.metadata`, which Alembic's env compares migrations against.
"""

from __future__ import annotations

from chainatlas.store.rows_accounts import AccessLogRow, ApiTokenRow, UserRow, UserSessionRow
from chainatlas.store.rows_base import NAMING_CONVENTION, Base
from chainatlas.store.rows_briefings import BriefingFileRow, BriefingRow
from chainatlas.store.rows_cache import AnalysisCacheRow
from chainatlas.store.rows_fair import FairAttendanceRow, FairMeetingRow, FairParticipantRow, FairPreferenceRow, FairRow
from chainatlas.store.rows_history import (
    AlertRow,
    AlertScheduleRow,
    ChangeBatchRow,
    ChangeRow,
    EnterpriseProductRow,
    NodeRelationRow,
    RegistryStateRow,
    ScenarioRow,
)
from chainatlas.store.rows_news import ArticleLinkRow, ArticleRow, FeedRow, NewsProposalRow
from chainatlas.store.rows_registry import (
    BomRatioRow,
    BrandRankingRow,
    BrandRow,
    ChainNodeRow,
    ClusterMemberRow,
    ClusterRow,
    EnterpriseNodeRow,
    EnterpriseRow,
    IndicatorRow,
    InnovationPlatformRow,
    MilestoneRow,
    OrganisationRow,
    ProjectProgressRow,
    ProjectRow,
    ResilienceProfileRow,
    SupplyLinkRow,
    TargetRow,
)

__all__ = [
    "AnalysisCacheRow",
    "AccessLogRow",
    "AlertRow",
    "ArticleLinkRow",
    "ArticleRow",
    "AlertScheduleRow",
    "ApiTokenRow",
    "Base",
    "BomRatioRow",
    "BriefingFileRow",
    "BriefingRow",
    "BrandRankingRow",
    "BrandRow",
    "ChainNodeRow",
    "ClusterMemberRow",
    "ClusterRow",
    "ChangeBatchRow",
    "ChangeRow",
    "EnterpriseNodeRow",
    "EnterpriseProductRow",
    "EnterpriseRow",
    "FairAttendanceRow",
    "FairMeetingRow",
    "FairParticipantRow",
    "FairPreferenceRow",
    "FairRow",
    "FeedRow",
    "IndicatorRow",
    "InnovationPlatformRow",
    "MilestoneRow",
    "NAMING_CONVENTION",
    "NewsProposalRow",
    "NodeRelationRow",
    "OrganisationRow",
    "ProjectProgressRow",
    "ProjectRow",
    "ROW_BY_KIND",
    "RegistryStateRow",
    "ResilienceProfileRow",
    "ScenarioRow",
    "SupplyLinkRow",
    "TargetRow",
    "UserRow",
    "UserSessionRow",
]

ROW_BY_KIND: dict[str, type[Base]] = {
    "chain_nodes": ChainNodeRow,
    "enterprises": EnterpriseRow,
    "enterprise_nodes": EnterpriseNodeRow,
    "supply_links": SupplyLinkRow,
    "indicators": IndicatorRow,
    "targets": TargetRow,
    "projects": ProjectRow,
    "milestones": MilestoneRow,
    "project_progress": ProjectProgressRow,
}
ROW_BY_KIND.update(
    {"brands": BrandRow, "brand_rankings": BrandRankingRow, "innovation_platforms": InnovationPlatformRow}
)
ROW_BY_KIND.update(
    {
        "fairs": FairRow,
        "fair_participants": FairParticipantRow,
        "fair_preferences": FairPreferenceRow,
        "fair_meetings": FairMeetingRow,
        "fair_attendance": FairAttendanceRow,
    }
)
ROW_BY_KIND.update({"resilience_profiles": ResilienceProfileRow, "bom_lines": BomRatioRow})
ROW_BY_KIND.update({"clusters": ClusterRow, "cluster_members": ClusterMemberRow})
ROW_BY_KIND.update({"organisations": OrganisationRow})
