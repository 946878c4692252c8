"""Load the chain snapshot (plain arrays) from the registry; keep products, node relations, scenarios; the
look-ups the chain pages need (the years the links cover, enterprises a form offers)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from chainatlas.domain.chain_results import EnterpriseChoice, SavedScenario
from chainatlas.store.rows import (
    ChainNodeRow,
    EnterpriseNodeRow,
    EnterpriseProductRow,
    EnterpriseRow,
    NodeRelationRow,
    ScenarioRow,
    SupplyLinkRow,
)


@dataclass(frozen=True)
class ChainRows:
    """The registry's chain data as plain rows, sorted by key, for building an analytics snapshot."""

    nodes: Sequence[Any]
    """(code, parent_code, key_technology, name_zh)"""
    firms: Sequence[Any]
    """(id, name_zh, in_cluster, country, province, district, tags)"""
    makes: Sequence[Any]
    """(enterprise_id, node_code, annual_output_cny)"""
    links: Sequence[Any]
    """(supplier_id, customer_id, node_code, annual_value_cny, since, until)"""
    relations: Sequence[Any]
    """(from_code, to_code)"""


def load_chain_rows(session: Session) -> ChainRows:
    """Return the chain nodes, enterprises, what they make, supply links and node relations."""
    node_columns = (ChainNodeRow.code, ChainNodeRow.parent_code, ChainNodeRow.key_technology, ChainNodeRow.name_zh)
    firm_columns = (
        EnterpriseRow.id,
        EnterpriseRow.name_zh,
        EnterpriseRow.in_cluster,
        EnterpriseRow.country,
        EnterpriseRow.province,
        EnterpriseRow.district,
        EnterpriseRow.tags,
    )
    link_columns = (
        SupplyLinkRow.supplier_id,
        SupplyLinkRow.customer_id,
        SupplyLinkRow.node_code,
        SupplyLinkRow.annual_value_cny,
        SupplyLinkRow.since,
        SupplyLinkRow.until,
    )
    make_columns = (EnterpriseNodeRow.enterprise_id, EnterpriseNodeRow.node_code, EnterpriseNodeRow.annual_output_cny)
    return ChainRows(
        nodes=session.execute(select(*node_columns).order_by(ChainNodeRow.code)).all(),
        firms=session.execute(select(*firm_columns).order_by(EnterpriseRow.id)).all(),
        makes=session.execute(select(*make_columns)).all(),
        links=session.execute(select(*link_columns)).all(),
        relations=session.execute(select(NodeRelationRow.from_code, NodeRelationRow.to_code)).all(),
    )


class ChainExtrasRepository:
    """Free-text products, node relations and saved scenarios."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add_products(self, rows: list[dict[str, Any]]) -> None:
        """Add free-text products (enterprise_id, name, weight, source)."""
        if rows:
            self.session.execute(insert(EnterpriseProductRow), rows)

    def products_of(self, enterprise_id: str) -> list[tuple[str, float | None, str]]:
        """Return an enterprise's free-text products as (name, weight, source)."""
        statement = (
            select(EnterpriseProductRow.name, EnterpriseProductRow.weight, EnterpriseProductRow.source)
            .where(EnterpriseProductRow.enterprise_id == enterprise_id)
            .order_by(EnterpriseProductRow.name)
        )
        return [(r.name, r.weight, r.source) for r in self.session.execute(statement)]

    def product_names(self) -> set[tuple[str, str]]:
        """Return every (enterprise id, product name) already kept."""
        return {
            (r[0], r[1])
            for r in self.session.execute(select(EnterpriseProductRow.enterprise_id, EnterpriseProductRow.name))
        }

    def add_relations(self, rows: list[dict[str, Any]]) -> None:
        """Add node relations (from_code, to_code, kind, source)."""
        if rows:
            self.session.execute(insert(NodeRelationRow), rows)

    def relations(self) -> set[tuple[str, str, str]]:
        """Return every (from, to, kind) node relation."""
        return {
            (r[0], r[1], r[2])
            for r in self.session.execute(
                select(NodeRelationRow.from_code, NodeRelationRow.to_code, NodeRelationRow.kind)
            )
        }

    def save_scenario(
        self, *, name: str, changes: list[dict[str, Any]], year: int | None, by: str, at: dt.datetime
    ) -> int:
        """Store a scenario and return its id."""
        row = ScenarioRow(name=name, changes=changes, year=year, created_by=by, created_at=at)
        self.session.add(row)
        self.session.flush()
        return row.id

    def scenarios(self) -> list[SavedScenario]:
        """Return saved scenarios, newest first."""
        rows = self.session.scalars(select(ScenarioRow).order_by(ScenarioRow.id.desc()))
        return [
            SavedScenario(
                id=r.id,
                name=r.name,
                changes=r.changes,
                year=r.year,
                created_by=r.created_by,
                created_at=r.created_at,
            )
            for r in rows
        ]

    def delete_scenario(self, scenario_id: int) -> bool:
        """Delete a saved scenario; return whether it existed."""
        return bool(
            getattr(self.session.execute(delete(ScenarioRow).where(ScenarioRow.id == scenario_id)), "rowcount", 0)
        )


def link_year_range(session: Session) -> tuple[int | None, int | None]:
    """Return the first year a supply link starts and the last year one starts or ends (None when unknown)."""
    low = session.scalar(select(func.min(SupplyLinkRow.since)))
    ends = (session.scalar(select(func.max(column))) for column in (SupplyLinkRow.since, SupplyLinkRow.until))
    high = max((int(y) for y in ends if y), default=None)
    return (None if low is None else int(low)), high


def enterprise_choices(session: Session, *, limit: int) -> list[EnterpriseChoice]:
    """Return up to `limit` enterprises as a form offers them, outside the cluster first, by id."""
    columns = (EnterpriseRow.id, EnterpriseRow.name_zh, EnterpriseRow.name_en, EnterpriseRow.in_cluster)
    rows = session.execute(select(*columns).order_by(EnterpriseRow.in_cluster, EnterpriseRow.id).limit(limit))
    return [EnterpriseChoice(r.id, r.name_zh, r.name_en, bool(r.in_cluster)) for r in rows]
