"""Load what the resilience network is built from: active supply links, the sites they join with their
resilience profiles and locations, and the BOM ratios. Three queries, whatever the registry's size."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select, union
from sqlalchemy.orm import Session

from chainatlas.store.rows import BomRatioRow, EnterpriseRow, ResilienceProfileRow, SupplyLinkRow


@dataclass(frozen=True)
class ResilienceRows:
    """The registry's resilience data as plain rows, sorted by key."""

    sites: Sequence[Any]
    """(id, name_zh, name_en, country, province, city, district, park, in_cluster, demand_per_day,
    capacity_per_day, inventory, margin_cny, ttr_days, unit, profile source or None)"""
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


def load_resilience_rows(session: Session, *, year: int | None) -> ResilienceRows:
    """Return the sites (every party of an active link, and every enterprise with a profile), links and ratios."""
    active = active_links(year)
    link_columns = (
        SupplyLinkRow.supplier_id,
        SupplyLinkRow.customer_id,
        SupplyLinkRow.node_code,
        SupplyLinkRow.confidential,
    )
    links = session.execute(select(*link_columns).where(active).order_by(*link_columns[:3])).all()
    parties = union(
        select(SupplyLinkRow.supplier_id.label("id")).where(active),
        select(SupplyLinkRow.customer_id.label("id")).where(active),
        select(ResilienceProfileRow.enterprise_id.label("id")),
    ).subquery()
    p, e = ResilienceProfileRow, EnterpriseRow
    site_columns = (
        e.id,
        e.name_zh,
        e.name_en,
        e.country,
        e.province,
        e.city,
        e.district,
        e.park,
        e.in_cluster,
        p.demand_per_day,
        p.capacity_per_day,
        p.inventory,
        p.margin_cny,
        p.ttr_days,
        p.unit,
        p.source,
    )
    sites = session.execute(
        select(*site_columns).join(parties, parties.c.id == e.id).outerjoin(p, p.enterprise_id == e.id).order_by(e.id)
    ).all()
    ratio_columns = (BomRatioRow.customer_id, BomRatioRow.node_code, BomRatioRow.units_per_unit, BomRatioRow.source)
    ratios = session.execute(select(*ratio_columns)).all()
    return ResilienceRows(sites=sites, links=links, ratios=ratios)


def link_year_range(session: Session) -> tuple[int | None, int | None]:
    """Return the first year a supply link starts and the last year one ends (None: unknown, or some never end)."""
    first = session.scalar(select(func.min(SupplyLinkRow.since)))
    open_ended = session.scalar(select(func.count()).where(SupplyLinkRow.until.is_(None)))
    last = None if open_ended else session.scalar(select(func.max(SupplyLinkRow.until)))
    return (None if first is None else int(first)), (None if last is None else int(last))
