"""Load the chain snapshot (plain arrays) from the registry; keep products, node relations, scenarios; the
look-ups the chain pages need (the years the links cover, enterprises a form offers)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    CompoundSelect,
    Float,
    String,
    and_,
    any_,
    bindparam,
    cast,
    delete,
    false,
    func,
    insert,
    literal,
    select,
    true,
    type_coerce,
    union,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from chainatlas.domain.chain_results import EnterpriseChoice, SavedScenario
from chainatlas.store.clusters import in_cluster_column, member_select, rule_of
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
    """(id, name_zh, country, province, district, tags, in_cluster): every member and every enterprise the makes
    and links name, by id"""
    makes: Sequence[Any]
    """(enterprise_id, node_code, annual_output_cny)"""
    links: Sequence[Any]
    """(supplier_id, customer_id, node_code, annual_value_cny, since, until)"""
    relations: Sequence[Any]
    """(from_code, to_code)"""


def load_chain_rows(session: Session, cluster: str | None = None) -> ChainRows:
    """Return what a cluster's chain analysis reads (None: the default cluster): the nodes of its subtree, what
    is made on them, the supply links on them that reach its members, the enterprises those name (with their
    membership) and the node relations among them. Every filter runs in SQL, so a cluster of a national
    registry reads its own rows, not every enterprise."""
    rule = rule_of(session, cluster)
    codes = None if rule is None else rule.codes
    members = select(EnterpriseRow.id).where(false()) if rule is None else member_select(rule)
    made = _on_subtree(EnterpriseNodeRow.node_code, codes)
    makes = session.execute(select(*MAKE_COLUMNS).where(made)).all()
    on_links = _on_subtree(SupplyLinkRow.node_code, codes)
    bought = SupplyLinkRow.customer_id.in_(members)
    sold = SupplyLinkRow.supplier_id.in_(members)
    links = [
        row
        for side in (bought, and_(sold, ~bought))
        for row in session.execute(select(*LINK_COLUMNS).where(side, on_links))
    ]
    links.sort(key=lambda r: (r.supplier_id, r.customer_id, r.node_code))
    member_ids = select(members.subquery().c[0])
    named: CompoundSelect[Any] = union(
        member_ids,
        select(EnterpriseNodeRow.enterprise_id).where(made),
        select(SupplyLinkRow.supplier_id).where(bought, on_links),
        select(SupplyLinkRow.customer_id).where(sold, on_links),
    )
    inside = EnterpriseRow.id.in_(members).label("in_cluster")
    firms = select(*FIRM_COLUMNS, inside).where(EnterpriseRow.id.in_(named))
    return ChainRows(
        nodes=_nodes(session, codes),
        firms=session.execute(firms.order_by(EnterpriseRow.id)).all(),
        makes=makes,
        links=links,
        relations=_relations(session, codes),
    )


class OutsideFirm(NamedTuple):
    """An enterprise outside the cluster that a metrics snapshot names by id only: one that makes something on the
    subtree or buys from a member, neither buying from a member nor one itself (the metrics count it, no more)."""

    id: str
    name_zh: str = ""
    country: str | None = None
    province: str | None = None
    district: str | None = None
    tags: tuple[str, ...] = ()
    in_cluster: bool = False


def load_metric_rows(session: Session, cluster: str | None = None) -> ChainRows:
    """Return what a cluster's chain metrics read (None: the default cluster), not what its targets rank: the
    nodes of its subtree, what is made on them, the links on them that reach its members, and in full only its
    members and the suppliers of what they buy; the other enterprises those rows name come by id only, after the
    others (`OutsideFirm`). Ranking attraction targets needs every maker in full (`load_chain_rows`): at national
    scale hundreds of thousands of rows the metrics never look at. The members are read once and passed as one
    list (the planner then reads their links by the customer and supplier indexes instead of every link on the
    subtree). Outputs come as floats of yuan, divided in SQL (fen / 100.0, correctly rounded as float(Decimal)
    is): the metrics read floats, and a Decimal per make is slow."""
    rule = rule_of(session, cluster)
    codes = None if rule is None else rule.codes
    ids = [] if rule is None else sorted(set(session.scalars(member_select(rule))))
    output = cast(type_coerce(EnterpriseNodeRow.annual_output_cny, BigInteger), Float) / literal(100.0, Float)
    made = select(EnterpriseNodeRow.enterprise_id, EnterpriseNodeRow.node_code, output.label("annual_output_cny"))
    makes = session.execute(made.where(_on_subtree(EnterpriseNodeRow.node_code, codes))).all()
    on_links = _on_subtree(SupplyLinkRow.node_code, codes)
    bought = _one_of(session, SupplyLinkRow.customer_id, ids)
    sold = _one_of(session, SupplyLinkRow.supplier_id, ids)
    links = [
        row
        for side in (bought, and_(sold, ~bought))
        for row in session.execute(select(*LINK_COLUMNS).where(side, on_links))
    ]
    links.sort(key=lambda r: (r.supplier_id, r.customer_id, r.node_code))
    member_set = set(ids)
    named = sorted(member_set | {link.supplier_id for link in links if link.customer_id in member_set})
    inside = _one_of(session, EnterpriseRow.id, ids).label("in_cluster")
    listed = select(*FIRM_COLUMNS, inside).where(_one_of(session, EnterpriseRow.id, named))
    firms: list[Any] = list(session.execute(listed.order_by(EnterpriseRow.id)))
    others = {m[0] for m in makes} | {link.customer_id for link in links}
    firms += [OutsideFirm(firm_id) for firm_id in sorted(others - member_set - set(named))]
    return ChainRows(
        nodes=_nodes(session, codes), firms=firms, makes=makes, links=links, relations=_relations(session, codes)
    )


def _one_of(session: Session, column: Any, ids: list[str]) -> ColumnElement[bool]:
    """Return `column IN ids`: on PostgreSQL as one array parameter, however many ids (a cluster of half a million
    members included); elsewhere as a list of parameters."""
    clause: ColumnElement[bool]
    if session.get_bind().dialect.name == "postgresql":
        clause = column == any_(bindparam(None, ids, type_=ARRAY(String), unique=True))
    else:
        clause = column.in_(ids)
    return clause


def _nodes(session: Session, codes: frozenset[str] | None) -> Sequence[Any]:
    return session.execute(
        select(*NODE_COLUMNS).where(_on_subtree(ChainNodeRow.code, codes)).order_by(ChainNodeRow.code)
    ).all()


def _relations(session: Session, codes: frozenset[str] | None) -> list[Any]:
    relations = session.execute(select(NodeRelationRow.from_code, NodeRelationRow.to_code)).all()
    return [r for r in relations if codes is None or (r[0] in codes and r[1] in codes)]


NODE_COLUMNS = (ChainNodeRow.code, ChainNodeRow.parent_code, ChainNodeRow.key_technology, ChainNodeRow.name_zh)
FIRM_COLUMNS = (
    EnterpriseRow.id,
    EnterpriseRow.name_zh,
    EnterpriseRow.country,
    EnterpriseRow.province,
    EnterpriseRow.district,
    EnterpriseRow.tags,
)
LINK_COLUMNS = (
    SupplyLinkRow.supplier_id,
    SupplyLinkRow.customer_id,
    SupplyLinkRow.node_code,
    SupplyLinkRow.annual_value_cny,
    SupplyLinkRow.since,
    SupplyLinkRow.until,
)
MAKE_COLUMNS = (EnterpriseNodeRow.enterprise_id, EnterpriseNodeRow.node_code, EnterpriseNodeRow.annual_output_cny)


def _on_subtree(column: Any, codes: frozenset[str] | None) -> ColumnElement[bool]:
    return true() if codes is None else column.in_(sorted(codes))


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


def enterprise_choices(session: Session, *, limit: int, cluster: str | None = None) -> list[EnterpriseChoice]:
    """Return up to `limit` enterprises as a form offers them, outside the cluster first, by id."""
    inside = in_cluster_column(session, cluster).label("in_cluster")
    columns = (EnterpriseRow.id, EnterpriseRow.name_zh, EnterpriseRow.name_en, inside)
    rows = session.execute(select(*columns).order_by(inside, EnterpriseRow.id).limit(limit))
    return [EnterpriseChoice(r.id, r.name_zh, r.name_en, bool(r.in_cluster)) for r in rows]
