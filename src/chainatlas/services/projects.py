"""Key project use cases (重点项目达产达效, part of monitoring): one project's status and the portfolio, as of a date passed in.

A cluster's portfolio holds the projects whose owner enterprise is a member of the cluster; a project without a
recorded owner belongs to the default cluster (the registry of one cluster listed its own projects), never to
another, whose projects are named by their owners. One project's page answers whatever the cluster.
"""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from sqlalchemy.orm import Session

from chainatlas.analytics.projects import ProjectStatus, portfolio, status_counts

__all__ = [
    "ProjectStatus",
    "portfolio_report",
    "portfolio_summary",
    "project_portfolio",
    "project_report",
    "project_status",
    "statuses_as_of",
]
from chainatlas.domain.access import Action
from chainatlas.domain.alert import ProjectRules
from chainatlas.domain.kinds import MILESTONES, PROJECT_PROGRESS, PROJECTS
from chainatlas.domain.monitoring_results import PortfolioReport, ProjectStatusRow
from chainatlas.domain.project import Milestone, Project, ProjectProgress
from chainatlas.domain.user import User
from chainatlas.services.access import require
from chainatlas.services.cache import PUBLIC_CACHE
from chainatlas.services.clusters import cluster_members, resolve_cluster
from chainatlas.services.errors import NotFound
from chainatlas.store.clusters import ClusterRule
from chainatlas.store.queries import all_records

R = TypeVar("R")


def project_records(session: Session) -> tuple[list[Project], list[Milestone], list[ProjectProgress]]:
    """Return every project, milestone and progress record."""
    projects: list[Project] = all_records(session, PROJECTS)
    milestones: list[Milestone] = all_records(session, MILESTONES)
    progress: list[ProjectProgress] = all_records(session, PROJECT_PROGRESS)
    return projects, milestones, progress


def statuses_as_of(session: Session, *, as_of: dt.date, rules: ProjectRules | None = None) -> list[ProjectStatus]:
    """Return every project's status as of a date (cached per registry version; no access check)."""
    rules = rules or ProjectRules()
    return PUBLIC_CACHE.get(
        session,
        ("project_statuses", as_of, rules),
        lambda: portfolio(*project_records(session), as_of=as_of, rules=rules),
    )


def project_portfolio(
    session: Session,
    user: User | None,
    *,
    as_of: dt.date,
    rules: ProjectRules | None = None,
    cluster: str | None = None,
) -> list[ProjectStatus]:
    """Return the status of every key project of a cluster (None: the default) as of a date."""
    require(user, Action.READ)
    rule = resolve_cluster(session, user, cluster)
    members = cluster_member_ids(session, rule)
    statuses = statuses_as_of(session, as_of=as_of, rules=rules)
    return [s for s in statuses if of_cluster(s.project, rule, members)]


def cluster_member_ids(session: Session, rule: ClusterRule) -> frozenset[str]:
    """Return a cluster's member enterprises, once per registry version."""
    return PUBLIC_CACHE.get(session, ("cluster_members", rule.id), lambda: frozenset(cluster_members(session, rule)))


def of_cluster(project: Project, rule: ClusterRule, members: frozenset[str]) -> bool:
    """Return whether a project is a cluster's: its owner is a member (no owner: the default cluster's)."""
    return rule.cluster.is_default if project.owner_id is None else project.owner_id in members


def project_status(
    session: Session, user: User | None, *, project_id: str, as_of: dt.date, rules: ProjectRules | None = None
) -> ProjectStatus:
    """Return one project's status as of a date (whichever cluster it belongs to)."""
    require(user, Action.READ)
    for status in statuses_as_of(session, as_of=as_of, rules=rules):
        if status.project.id == project_id:
            return status
    raise NotFound(code="project.not_found", params={"project": project_id})


def portfolio_summary(statuses: list[ProjectStatus], cluster: str | None = None) -> PortfolioReport:
    """Return the portfolio as its result type: counts by status and one row per project."""
    as_of = statuses[0].as_of if statuses else None
    rows = [s.row() for s in statuses]
    return PortfolioReport(as_of=as_of, cluster=cluster, counts=status_counts(statuses), projects=rows)


def portfolio_report(
    session: Session,
    user: User | None,
    *,
    as_of: dt.date,
    rules: ProjectRules | None = None,
    cluster: str | None = None,
) -> PortfolioReport:
    """Return every key project of a cluster (None: the default) as of a date, with the counts by status."""
    rule = resolve_cluster(session, user, cluster)
    statuses = project_portfolio(session, user, as_of=as_of, rules=rules, cluster=rule.id)
    return portfolio_summary(statuses, rule.id)


def project_report(
    session: Session, user: User | None, *, project_id: str, as_of: dt.date, rules: ProjectRules | None = None
) -> ProjectStatusRow:
    """Return one key project's status as of a date as its result type."""
    return project_status(session, user, project_id=project_id, as_of=as_of, rules=rules).row()
