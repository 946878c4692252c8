"""What the industry map reads: the enterprises of a cluster's region and its members with their places and
points, what they make (node, segment, output), and the parks and zones that have a point."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, case, func, literal, or_, select
from sqlalchemy.orm import Session

from chainatlas.domain.organisation import OrganisationType
from chainatlas.store.clusters import ClusterRule, member_select, region_clause
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
    in_region = region_clause(rule.cluster.region)
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


@dataclass(frozen=True)
class PlaceFilter:
    """The map's firm filter in SQL terms: the codes of a node's subtree, a tag, the membership wanted."""

    codes: frozenset[str] | None
    tag: str | None
    membership: str


def _scope(rule: ClusterRule, chosen: PlaceFilter) -> list[ColumnElement[bool]]:
    member_query = select(member_select(rule).subquery().c[0])
    clauses = [or_(region_clause(rule.cluster.region), EnterpriseRow.id.in_(member_query))]
    if chosen.membership != "all":
        inside = EnterpriseRow.id.in_(member_query)
        clauses.append(inside if chosen.membership == "in" else ~inside)
    if chosen.tag:
        tagged = literal(";") + func.coalesce(EnterpriseRow.tags, "") + literal(";")
        clauses.append(tagged.contains(f";{chosen.tag};", autoescape=True))
    if chosen.codes is not None:
        made = select(EnterpriseNodeRow.enterprise_id).where(EnterpriseNodeRow.node_code.in_(sorted(chosen.codes)))
        clauses.append(EnterpriseRow.id.in_(made))
    return clauses


def place_groups(session: Session, rule: ClusterRule, chosen: PlaceFilter) -> list[Any]:
    """Return the chosen firms counted by (city, district, park, whether they have a point): firms, members and
    output, without reading each firm (the map's gathered points on a large registry)."""
    member_query = select(member_select(rule).subquery().c[0])
    has_point = EnterpriseRow.longitude.is_not(None).label("has_point")
    member = case((EnterpriseRow.id.in_(member_query), EnterpriseRow.id))
    made = EnterpriseNodeRow.enterprise_id == EnterpriseRow.id
    query = (
        select(
            EnterpriseRow.city,
            EnterpriseRow.district,
            EnterpriseRow.park,
            has_point,
            func.count(func.distinct(EnterpriseRow.id)).label("firms"),
            func.count(func.distinct(member)).label("members"),
            func.sum(func.coalesce(EnterpriseNodeRow.annual_output_cny, 0)).label("output"),
        )
        .outerjoin(EnterpriseNodeRow, made)
        .where(*_scope(rule, chosen))
        .group_by(EnterpriseRow.city, EnterpriseRow.district, EnterpriseRow.park, has_point)
    )
    return list(session.execute(query).all())


def firms_at(
    session: Session,
    rule: ClusterRule,
    chosen: PlaceFilter,
    places: Sequence[tuple[str | None, str | None, str | None]],
) -> list[Any]:
    """Return the chosen firms of some (city, district, park) places, each with its point (FIRM_COLUMNS)."""
    found: list[Any] = []
    for city, district, park in places:
        where = [
            EnterpriseRow.city.is_(None) if city is None else EnterpriseRow.city == city,
            EnterpriseRow.district.is_(None) if district is None else EnterpriseRow.district == district,
            EnterpriseRow.park.is_(None) if park is None else EnterpriseRow.park == park,
        ]
        found += session.execute(select(*FIRM_COLUMNS).where(*_scope(rule, chosen), *where)).all()
    return sorted(found, key=lambda r: r.id)


def node_exists(session: Session, code: str) -> bool:
    """Return whether a chain node code is in the taxonomy."""
    return session.get(ChainNodeRow, code) is not None
