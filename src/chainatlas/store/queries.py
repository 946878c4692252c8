"""Read-side queries for listings, an enterprise's partners, and the chain tree counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar, overload

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    exists,
    false,
    func,
    literal,
    literal_column,
    or_,
    select,
    tuple_,
)
from sqlalchemy.orm import Session

from chainatlas.domain.chain_node import ChainNode
from chainatlas.domain.common import Record
from chainatlas.domain.enterprise_node import EnterpriseNode
from chainatlas.domain.kinds import CHAIN_NODES, ENTERPRISE_NODES, ENTERPRISES, KIND_BY_NAME, SUPPLY_LINKS, KindSpec
from chainatlas.domain.registry_results import PartnerLink
from chainatlas.store.cluster_links import visible_in_clusters
from chainatlas.store.clusters import in_cluster_column
from chainatlas.store.registry import Page, RegistryRepository
from chainatlas.store.rows import ChainNodeRow, EnterpriseNodeRow, EnterpriseRow, SupplyLinkRow
from chainatlas.store.rows_registry import SEARCH_TEXT, TAGS_TEXT

R = TypeVar("R", bound=Record)


def _spec(kind: str | KindSpec[Any]) -> KindSpec[Any]:
    """Return the spec of a kind given by name or as its typed constant."""
    return KIND_BY_NAME[kind] if isinstance(kind, str) else kind


@dataclass(frozen=True)
class ListQuery:
    """What to list: equality filters, free-text search, tag, chain subtree, visibility, order, page."""

    equals: dict[str, Any] = field(default_factory=dict)
    search: str | None = None
    tag: str | None = None
    nodes: tuple[str, ...] | None = None
    confidential_visible_to: str | None = "*"
    """'*' sees every confidential link; an enterprise id sees its own; None sees none."""
    sort: tuple[tuple[str, bool], ...] = ()
    """(field, descending) pairs; the natural key breaks ties."""
    offset: int = 0
    limit: int = 50
    cluster: str | None = None
    """The cluster whose membership an enterprise's `in_cluster` means (None: the default cluster)."""
    confidential_clusters: tuple[str, ...] = ()
    """With '*': confidential links only of these clusters (a chain office's; empty: every one)."""
    after: tuple[Any, ...] | None = None
    """Keyset paging: the sort key of the last record of the previous page (`Page.next_after`); only without
    `sort`. A page after a cursor is not counted (`Page.counted` is false)."""
    count_cap: int | None = None
    """Count the matches only up to this many (`Page.capped`: more match); None counts them all. Counting half a
    million matching rows costs what reading them costs; counting up to a cap costs at most the cap's rows."""


def _where(
    session: Session, spec: KindSpec, repo: RegistryRepository[Any], query: ListQuery
) -> list[ColumnElement[bool]]:
    table = repo.table
    clauses: list[ColumnElement[bool]] = [repo.column(name) == value for name, value in query.equals.items()]
    # autoescape: `%` and `_` in a search or a tag match only themselves, never any text or character
    if query.search and spec.name == "enterprises":
        clauses.append(_enterprise_search(repo.session, table, query.search.lower()))
    elif query.search and "name_zh" in table.c:
        clauses.append(func.lower(table.c.name_zh).contains(query.search.lower(), autoescape=True))
    if query.tag and spec.name == "enterprises":
        clauses.append(_tagged(repo.session, table).contains(f";{query.tag};", autoescape=True))
    if query.nodes is not None and spec.name == "enterprises":
        makes = select(EnterpriseNodeRow.id).where(
            EnterpriseNodeRow.enterprise_id == table.c.id, EnterpriseNodeRow.node_code.in_(query.nodes)
        )
        clauses.append(exists(makes))
    if spec.name == "supply_links" and query.confidential_visible_to != "*":
        clauses.append(_visible_links(query.confidential_visible_to))
    elif spec.name == "supply_links" and query.confidential_clusters:
        clauses.append(visible_in_clusters(session, query.confidential_clusters))
    return clauses


SEARCHED_ENTERPRISE_FIELDS = ("id", "name_zh", "name_en", "unified_code", "listed_code")
ENTERPRISE_NAMES = ("name_zh", "name_en")


def _enterprise_search(session: Session, table: Any, text: str) -> ColumnElement[bool]:
    """Return the clause of an enterprise search: on PostgreSQL over the one expression its trigram index holds
    (the searched fields joined by chr(1), which no search text holds); elsewhere a LIKE per field."""
    if session.get_bind().dialect.name == "postgresql" and "\x01" not in text:
        return literal_column(SEARCH_TEXT.replace("coalesce(", "coalesce(enterprises.")).contains(text, autoescape=True)
    return or_(*(_lowered(table, c).contains(text, autoescape=True) for c in SEARCHED_ENTERPRISE_FIELDS))


def _tagged(session: Session, table: Any) -> ColumnElement[str]:
    """Return `;tags;`: on PostgreSQL spelt as its trigram index holds it, elsewhere with bound `;`."""
    if session.get_bind().dialect.name == "postgresql":
        return literal_column(TAGS_TEXT.replace("tags", "enterprises.tags"))
    tagged: ColumnElement[str] = literal(";") + table.c.tags + literal(";")
    return tagged


def _lowered(table: Any, column: str) -> ColumnElement[str]:
    return func.lower(func.coalesce(table.c[column], ""))


def _search_order(spec: KindSpec, table: Any, query: ListQuery) -> list[Any]:
    """Return the order of an enterprise search without a sort: exact id or name, then names that start with the
    text, then the rest; shorter Chinese names first within each (三一 finds 三一重工 before 三一重工能源装备)."""
    if not query.search or query.sort or spec.name != "enterprises":
        return []
    text = query.search.lower()
    names = [_lowered(table, name) for name in ENTERPRISE_NAMES]
    exact = or_(_lowered(table, "id") == text, *(name == text for name in names))
    prefix = or_(*(name.startswith(text, autoescape=True) for name in names))
    return [case((exact, 0), (prefix, 1), else_=2), func.length(table.c.name_zh)]


def _visible_links(enterprise_id: str | None) -> ColumnElement[bool]:
    if enterprise_id is None:
        return SupplyLinkRow.confidential.is_(False)
    mine = or_(SupplyLinkRow.supplier_id == enterprise_id, SupplyLinkRow.customer_id == enterprise_id)
    return or_(SupplyLinkRow.confidential.is_(False), mine)


@overload
def list_page(session: Session, kind: KindSpec[R], query: ListQuery) -> Page[R]: ...
@overload
def list_page(session: Session, kind: str, query: ListQuery) -> Page[Record]: ...
def list_page(session: Session, kind: str | KindSpec[Any], query: ListQuery) -> Page[Any]:
    """Return one page of a kind's records (given by name or typed constant) matching a query, and the total."""
    spec = _spec(kind)
    repo = RegistryRepository(session, spec, cluster=query.cluster)
    where = _where(session, spec, repo, query)
    total = None if query.after is not None else _count(session, repo, where, query.count_cap)
    ranks = _search_order(spec, repo.table, query)
    keyset = [*ranks, *(repo.table.c[n] for n in spec.key)]
    if query.after is not None:
        where.append(tuple_(*keyset) > tuple_(*(literal(v) for v in query.after)))
    order = [*ranks, *(repo.column(n).desc() if desc else repo.column(n).asc() for n, desc in query.sort)]
    order += [repo.table.c[n].asc() for n in spec.key]
    statement: Select[Any] = (
        repo.select_fields().add_columns(*ranks).where(*where).order_by(*order).offset(query.offset)
    ).limit(query.limit + 1)
    rows = session.execute(statement).all()
    items = [repo.to_record(row) for row in rows[: query.limit]]
    width = len(repo.fields)
    more = len(rows) > query.limit and not query.sort
    last = rows[query.limit - 1] if more else None
    next_after = None if last is None else (*last[width:], *(last[repo.fields.index(n)] for n in spec.key))
    cap = query.count_cap
    capped = total is not None and cap is not None and total > cap
    shown = cap if capped else total
    return Page(items=items, total=shown or 0, next_after=next_after, counted=total is not None, capped=capped)


def _count(session: Session, repo: RegistryRepository[Any], where: list[ColumnElement[bool]], cap: int | None) -> int:
    """Return how many records match (with a cap: at most cap + 1, reading no more than that many)."""
    if cap is None:
        return int(session.scalar(select(func.count()).select_from(repo.table).where(*where)) or 0)
    first = select(literal(1).label("one")).select_from(repo.table).where(*where).limit(cap + 1).subquery()
    return int(session.scalar(select(func.count()).select_from(first)) or 0)


def keyset_width(kind: str | KindSpec[Any], query: ListQuery) -> int:
    """Return how many values a cursor of a listing holds (its search ranks, then its key)."""
    spec = _spec(kind)
    return (2 if query.search and not query.sort and spec.name == "enterprises" else 0) + len(spec.key)


def partner_links(
    session: Session,
    enterprise_id: str,
    *,
    role: str,
    visible_to: str | None,
    limit: int | None = None,
    clusters: tuple[str, ...] = (),
    cluster: str | None = None,
) -> list[PartnerLink]:
    """Return an enterprise's suppliers (role='suppliers') or customers (role='customers'), largest value first;
    a partner's `in_cluster` is its membership of a cluster (None: the default)."""
    links_repo = RegistryRepository(session, SUPPLY_LINKS)
    firms_repo = RegistryRepository(session, ENTERPRISES, cluster=cluster)
    own, other = (
        (SupplyLinkRow.customer_id, SupplyLinkRow.supplier_id)
        if role == "suppliers"
        else (SupplyLinkRow.supplier_id, SupplyLinkRow.customer_id)
    )
    visible = _partner_visibility(session, visible_to, clusters)
    link_columns = links_repo.columns()
    firm_columns = firms_repo.columns()
    statement = (
        select(*link_columns, *firm_columns, ChainNodeRow.name_zh, ChainNodeRow.name_en)
        .join(EnterpriseRow, EnterpriseRow.id == other)
        .join(ChainNodeRow, ChainNodeRow.code == SupplyLinkRow.node_code)
        .where(own == enterprise_id, visible)
        .order_by(func.coalesce(SupplyLinkRow.annual_value_cny, -1).desc(), other, SupplyLinkRow.node_code)
        .limit(limit)
    )
    width = len(link_columns)
    found = []
    for row in session.execute(statement):
        found.append(PartnerLink(links_repo.to_record(row), firms_repo.to_record(row, offset=width), row[-2], row[-1]))
    return found


def _partner_visibility(session: Session, visible_to: str | None, clusters: tuple[str, ...]) -> ColumnElement[bool]:
    if visible_to != "*":
        return _visible_links(visible_to)
    return visible_in_clusters(session, clusters) if clusters else true_clause()


def true_clause() -> ColumnElement[bool]:
    """Return a clause that holds for every row."""
    return ~false()


def node_enterprise_pairs(session: Session, cluster: str | None = None) -> list[tuple[str, str, bool]]:
    """Return (node code, enterprise id, enterprise in the cluster) for everything enterprises make."""
    inside = in_cluster_column(session, cluster).label("in_cluster")
    statement = select(EnterpriseNodeRow.node_code, EnterpriseNodeRow.enterprise_id, inside).join(
        EnterpriseRow, EnterpriseRow.id == EnterpriseNodeRow.enterprise_id
    )
    return [(r.node_code, r.enterprise_id, bool(r.in_cluster)) for r in session.execute(statement)]


@overload
def all_records(session: Session, kind: KindSpec[R]) -> list[R]: ...
@overload
def all_records(session: Session, kind: str) -> list[Record]: ...
def all_records(session: Session, kind: str | KindSpec[Any]) -> list[Any]:
    """Return every record of a (small) kind, given by name or typed constant, sorted by key."""
    return list(RegistryRepository(session, _spec(kind)).all())


def count_where(session: Session, kind: str, **equals: Any) -> int:
    """Return how many records of a kind have the given field values."""
    repo = RegistryRepository(session, KIND_BY_NAME[kind])
    where = and_(*(repo.column(k) == v for k, v in equals.items())) if equals else true_clause()
    return int(session.scalar(select(func.count()).select_from(repo.table).where(where)) or 0)


def partner_count(
    session: Session, enterprise_id: str, *, role: str, visible_to: str | None, clusters: tuple[str, ...] = ()
) -> int:
    """Return how many supply links an enterprise has as customer (role='suppliers') or supplier."""
    own = SupplyLinkRow.customer_id if role == "suppliers" else SupplyLinkRow.supplier_id
    visible = _partner_visibility(session, visible_to, clusters)
    return int(
        session.scalar(select(func.count()).select_from(SupplyLinkRow).where(own == enterprise_id, visible)) or 0
    )


def makes_with_nodes(session: Session, enterprise_id: str) -> list[tuple[EnterpriseNode, ChainNode]]:
    """Return what an enterprise makes, each with its chain node, in node-code order (one query)."""
    makes_repo = RegistryRepository(session, ENTERPRISE_NODES)
    nodes_repo = RegistryRepository(session, CHAIN_NODES)
    make_columns = [makes_repo.table.c[n] for n in makes_repo.fields]
    node_columns = [nodes_repo.table.c[n] for n in nodes_repo.fields]
    statement = (
        select(*make_columns, *node_columns)
        .join(ChainNodeRow, ChainNodeRow.code == EnterpriseNodeRow.node_code)
        .where(EnterpriseNodeRow.enterprise_id == enterprise_id)
        .order_by(EnterpriseNodeRow.node_code)
    )
    width = len(make_columns)
    return [(makes_repo.to_record(row), nodes_repo.to_record(row, offset=width)) for row in session.execute(statement)]
