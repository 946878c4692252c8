"""What the industry map reads: the enterprises of a cluster's region and its members with their places and
points, what they make (node, segment, output), and the parks and zones that have a point."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from chainatlas.domain.organisation import OrganisationType
from chainatlas.store.clusters import ClusterRule, _region_clause, member_select
from chainatlas.store.rows import ChainNodeRow, EnterpriseNodeRow, EnterpriseRow, OrganisationRow

POINT_TYPES = (OrganisationType.PARK.value, OrganisationType.DEVELOPMENT_ZONE.value)
FIRM_COLUMNS = (
    EnterpriseRow.id,
    EnterpriseRow.name_zh,
    EnterpriseRow.name_en,
    EnterpriseRow.country,
    EnterpriseRow.province,
    EnterpriseRow.city,
    EnterpriseRow.district,
    EnterpriseRow.park,
    EnterpriseRow.longitude,
    EnterpriseRow.latitude,
    EnterpriseRow.tags,
    EnterpriseRow.source,
)


@dataclass(frozen=True)
class MapRows:
    """The map's rows, as plain tuples."""

    firms: Sequence[Any]
    """FIRM_COLUMNS of every member and every enterprise located in the region, by id"""
    members: frozenset[str]
    makes: Sequence[Any]
    """(enterprise_id, node_code, annual_output_cny) of those firms"""
    nodes: Sequence[Any]
    """(code, parent_code, segment, name_zh, name_en)"""
    parks: Sequence[Any]
    """(id, name_zh, aliases, longitude, latitude, source) of parks and zones with a point"""


def load_map_rows(session: Session, rule: ClusterRule) -> MapRows:
    """Return what the map of a cluster draws: its members and the other enterprises of its region."""
    member_query = select(member_select(rule).subquery().c[0])
    members = frozenset(session.scalars(member_query))
    in_region = _region_clause(rule.cluster.region)
    firms = session.execute(
        select(*FIRM_COLUMNS).where(or_(in_region, EnterpriseRow.id.in_(member_query))).order_by(EnterpriseRow.id)
    ).all()
    ids = {row.id for row in firms}
    makes_query = select(
        EnterpriseNodeRow.enterprise_id, EnterpriseNodeRow.node_code, EnterpriseNodeRow.annual_output_cny
    )
    makes = [row for row in session.execute(makes_query) if row.enterprise_id in ids]
    nodes = session.execute(
        select(
            ChainNodeRow.code,
            ChainNodeRow.parent_code,
            ChainNodeRow.segment,
            ChainNodeRow.name_zh,
            ChainNodeRow.name_en,
        )
    ).all()
    return MapRows(firms=firms, members=members, makes=makes, nodes=nodes, parks=park_points(session))


def park_points(session: Session) -> list[Any]:
    """Return the parks and development zones that have a point."""
    query = select(
        OrganisationRow.id,
        OrganisationRow.name_zh,
        OrganisationRow.aliases,
        OrganisationRow.longitude,
        OrganisationRow.latitude,
        OrganisationRow.source,
    ).where(OrganisationRow.type.in_(POINT_TYPES), OrganisationRow.longitude.is_not(None))
    return list(session.execute(query.order_by(OrganisationRow.id)).all())


def countries_of(session: Session, ids: Sequence[str]) -> dict[str, str]:
    """Return the country of each enterprise named."""
    found: dict[str, str] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        query = select(EnterpriseRow.id, EnterpriseRow.country).where(EnterpriseRow.id.in_(chunk))
        found.update((row.id, row.country) for row in session.execute(query))
    return found
