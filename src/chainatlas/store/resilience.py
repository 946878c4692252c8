"""Load what the resilience network is built from: active supply links, the sites they join with their
resilience profiles and locations, and the BOM ratios. Three queries, whatever the registry's size."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select, union
from sqlalchemy.orm import Session

from chainatlas.store.clusters import in_cluster_column
from chainatlas.store.rows import BomRatioRow, EnterpriseRow, ResilienceProfileRow, SupplyLinkRow


@dataclass(frozen=True)
class ResilienceRows:
    """The registry's resilience data as plain rows, sorted by key."""

    sites: Sequence[Any]
    """(id, name_zh, name_en, country, province, city, district, park, demand_per_day, capacity_per_day,
    inventory, margin_cny, ttr_days, unit, profile source or None, in_cluster), by name"""
    links: Sequence[Any]
    """(supplier_id, customer_id, node_code, confidential)"""
    ratios: Sequence[Any]
    """(customer_id, node_code, units_per_unit, source)"""


def active_links(year: int | None) -> ColumnElement[bool]:
    """Return the condition of a link being active: in `year`, or (None) not ended."""
    if year is None:
        return SupplyLinkRow.until.is_(None)
    started = or_(SupplyLinkRow.since.is_(None), SupplyLinkRow.since <= year)
    return and_(started, or_(SupplyLinkRow.until.is_(None), SupplyLinkRow.until >= year))


def load_resilience_rows(session: Session, *, year: int | None, cluster: str | None = None) -> ResilienceRows:
    """Return the sites (every party of an active link, and every enterprise with a profile, each with its
    membership of a cluster — None: the default one), links and ratios."""
    active = active_links(year)
    inside = in_cluster_column(session, cluster).label("in_cluster")
    return ResilienceRows(
        sites=_site_rows(session, active, inside), links=_link_rows(session, active), ratios=_ratio_rows(session)
    )


LINK_COLUMNS = (
    SupplyLinkRow.supplier_id,
    SupplyLinkRow.customer_id,
    SupplyLinkRow.node_code,
    SupplyLinkRow.confidential,
)
SITE_COLUMNS = (
    EnterpriseRow.id,
    EnterpriseRow.name_zh,
    EnterpriseRow.name_en,
    EnterpriseRow.country,
    EnterpriseRow.province,
    EnterpriseRow.city,
    EnterpriseRow.district,
    EnterpriseRow.park,
    ResilienceProfileRow.demand_per_day,
    ResilienceProfileRow.capacity_per_day,
    ResilienceProfileRow.inventory,
    ResilienceProfileRow.margin_cny,
    ResilienceProfileRow.ttr_days,
    ResilienceProfileRow.unit,
    ResilienceProfileRow.source,
)
RATIO_COLUMNS = (BomRatioRow.customer_id, BomRatioRow.node_code, BomRatioRow.units_per_unit, BomRatioRow.source)


def _link_rows(session: Session, active: ColumnElement[bool]) -> Sequence[Any]:
    """Return the active links (supplier, customer, chain node, confidential), in that order."""
    return session.execute(select(*LINK_COLUMNS).where(active).order_by(*LINK_COLUMNS[:3])).all()


def _site_rows(session: Session, active: ColumnElement[bool], inside: ColumnElement[bool]) -> Sequence[Any]:
    """Return every party of an active link and every enterprise with a profile, with its place and profile."""
    parties = union(
        select(SupplyLinkRow.supplier_id.label("id")).where(active),
        select(SupplyLinkRow.customer_id.label("id")).where(active),
        select(ResilienceProfileRow.enterprise_id.label("id")),
    ).subquery()
    p, e = ResilienceProfileRow, EnterpriseRow
    query = select(*SITE_COLUMNS, inside).join(parties, parties.c.id == e.id).outerjoin(p, p.enterprise_id == e.id)
    return session.execute(query.order_by(e.id)).all()


def _ratio_rows(session: Session) -> Sequence[Any]:
    """Return every BOM ratio (customer, chain node, units per unit, source)."""
    return session.execute(select(*RATIO_COLUMNS)).all()


def link_year_range(session: Session) -> tuple[int | None, int | None]:
    """Return the first year a supply link starts and the last year one ends (None: unknown, or some never end)."""
    first = session.scalar(select(func.min(SupplyLinkRow.since)))
    open_ended = session.scalar(select(func.count()).where(SupplyLinkRow.until.is_(None)))
    last = None if open_ended else session.scalar(select(func.max(SupplyLinkRow.until)))
    return (None if first is None else int(first)), (None if last is None else int(last))
