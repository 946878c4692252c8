"""The registry's names as a news lexicon (新闻实体词典): enterprises (Chinese and English names, aliases), key projects
(their names and the forms news writes them in) and organisations (names, aliases, type)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from chainatlas.analytics.news.lexicon import Lexicon, LexiconEntry, project_names
from chainatlas.domain.enterprise import Enterprise
from chainatlas.domain.kinds import ENTERPRISES, ORGANISATIONS, PROJECTS
from chainatlas.domain.organisation import Organisation
from chainatlas.domain.project import Project
from chainatlas.store.registry import RegistryRepository


def enterprise_entries(enterprise: Enterprise) -> list[LexiconEntry]:
    """Return an enterprise's names as lexicon entries (its Chinese name is the canonical one)."""
    names = [enterprise.name_zh, enterprise.name_en or "", *enterprise.aliases]
    return [LexiconEntry(n, enterprise.name_zh, "enterprise", enterprise.id) for n in names if n]


def organisation_entries(organisation: Organisation) -> list[LexiconEntry]:
    """Return an organisation's names as lexicon entries, with its type."""
    names = [organisation.name_zh, organisation.name_en or "", *organisation.aliases]
    kind = organisation.type.value
    return [LexiconEntry(n, organisation.name_zh, "organisation", organisation.id, kind) for n in names if n]


def project_entries(project: Project, owners: dict[str, Enterprise]) -> list[LexiconEntry]:
    """Return a project's names (with its owner's names spelt in) as lexicon entries."""
    owner = owners.get(project.owner_id or "")
    owner_names = [owner.name_zh, *owner.aliases] if owner else []
    names = project_names(project.name_zh, owner_names) + ([project.name_en] if project.name_en else [])
    return [LexiconEntry(n, project.name_zh, "project", project.id) for n in names]


def registry_lexicon(session: Session, cluster: str | None = None) -> Lexicon:
    """Return the lexicon of the registry: every enterprise, project and organisation (with `cluster`, only the
    cluster's member enterprises and the projects they own or that have no owner)."""
    enterprises = [
        e for e in RegistryRepository(session, ENTERPRISES, cluster=cluster).all() if cluster is None or e.in_cluster
    ]
    owners = {e.id: e for e in enterprises}
    entries = [entry for e in enterprises for entry in enterprise_entries(e)]
    for project in RegistryRepository(session, PROJECTS).all():
        if cluster is None or not project.owner_id or project.owner_id in owners:
            entries += project_entries(project, owners)
    for organisation in RegistryRepository(session, ORGANISATIONS).all():
        entries += organisation_entries(organisation)
    return Lexicon.build(entries)
