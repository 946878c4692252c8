"""Read use cases for the API and pages: listings, an enterprise's partners, the chain tree, stats."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from chainatlas.analytics.tree import rollup
from chainatlas.domain.access import (
    AGGREGATES,
    REGISTRY,
    Action,
    allowed,
    own_confidential_enterprise,
    sees_confidential_link,
)
from chainatlas.domain.chain_node import ChainNode
from chainatlas.domain.chain_results import ChainTreeNode
from chainatlas.domain.cluster import scope_of
from chainatlas.domain.common import MAX_DB_INT, Problem, Record
from chainatlas.domain.enterprise_node import EnterpriseNode
from chainatlas.domain.indicator import Indicator
from chainatlas.domain.kinds import CHAIN_NODES, INDICATORS, KIND_BY_NAME, Key
from chainatlas.domain.messages_registry import kind_code
from chainatlas.domain.names import name_core
from chainatlas.domain.registry_results import PartnerLink
from chainatlas.domain.supply_link import SupplyLink
from chainatlas.domain.user import User
from chainatlas.interchange.cells import READERS, CellError
from chainatlas.interchange.columns import COLUMNS, Cell
from chainatlas.services.access import require
from chainatlas.services.access_log import log_confidential_read
from chainatlas.services.audit import key_text
from chainatlas.services.cache import PUBLIC_CACHE
from chainatlas.services.clusters import resolve_cluster
from chainatlas.services.errors import InvalidInput, NotFound
from chainatlas.services.paging import decode_cursor
from chainatlas.services.records import get_record, spec_of
from chainatlas.services.validation import error_problem, field_adapter
from chainatlas.store.cluster_links import confidential_keys_in_clusters, link_in_clusters
from chainatlas.store.history import Batch, Change, HistoryRepository
from chainatlas.store.queries import (
    ListQuery,
    all_records,
    keyset_width,
    list_page,
    makes_with_nodes,
    node_enterprise_pairs,
    partner_count,
    partner_links,
)
from chainatlas.store.registry import Page

MAX_LIMIT = 500
SPECIAL_FILTERS = {"enterprises": ("q", "tag", "node", "cluster"), "chain_nodes": ("q",), "projects": ("q",)}
"""Filters that are not a field's value; an enterprise's `cluster` names the cluster its `in_cluster` means."""


def require_kind_read(user: User | None, kind: str) -> None:
    """Raise NotAllowed unless the user may read a kind through the generic registry reads (its `read_resource`)."""
    require(user, Action.READ)
    require(user, Action.READ, spec_of(kind).read_resource)


def may_read_kind(user: User | None, kind: str) -> bool:
    """Return whether the user may read a kind through the generic registry reads."""
    return allowed(user, Action.READ, REGISTRY) and allowed(user, Action.READ, spec_of(kind).read_resource)


def read_record(session: Session, user: User | None, *, kind: str, key: Key) -> Record:
    """Return one record by its natural key as the user may see it (NotFound for a confidential link they may not see)."""
    require_kind_read(user, kind)
    record = get_record(session, kind=kind, key=key)
    if _hidden_link(user, record) or _outside_clusters(session, user, record):
        raise NotFound(code=kind_code("record.not_found", kind), params={"kind": kind, "key": key_text(key)})
    log_confidential_read(session, user, [record], what=f"{kind} {key_text(key)}")
    return record


def _hidden_link(user: User | None, record: Record) -> bool:
    if not isinstance(record, SupplyLink) or not record.confidential:
        return False
    return not sees_confidential_link(user, record.supplier_id, record.customer_id)


def _outside_clusters(session: Session, user: User | None, record: Record) -> bool:
    """Return whether a record is a confidential link outside the clusters of a chain office that sees them."""
    clusters = confidential_clusters(user)
    if not clusters or not isinstance(record, SupplyLink) or not record.confidential:
        return False
    return not link_in_clusters(session, (record.supplier_id, record.customer_id, record.node_code), clusters)


def hidden_link(user: User | None, record: Record) -> bool:
    """Return whether a record is a confidential supply link the user may not see (by role alone)."""
    return _hidden_link(user, record)


def hidden_links(session: Session, user: User | None) -> Callable[[Record], bool]:
    """Return a test of whether a record is a confidential supply link the user may not see, by role and, for a
    chain office, by its clusters (their confidential links are read once)."""
    clusters = confidential_clusters(user)
    if not clusters:
        return lambda record: _hidden_link(user, record)
    mine = confidential_keys_in_clusters(session, clusters)

    def hidden(record: Record) -> bool:
        if not isinstance(record, SupplyLink) or not record.confidential:
            return False
        return (record.supplier_id, record.customer_id, record.node_code) not in mine

    return hidden


def change_history(
    session: Session, user: User | None, *, kind: str | None = None, record_key: str | None = None, limit: int = 20
) -> list[Change]:
    """Return the newest changes (of one kind or one record of it, or of every kind) the user may read: history
    readers only, and a kind's changes only to those who may read the kind (its `read_resource`)."""
    require(user, Action.READ_HISTORY)
    if kind is not None and kind in KIND_BY_NAME:
        require_kind_read(user, kind)
    changes = HistoryRepository(session).changes(kind=kind, record_key=record_key, limit=limit)
    shown = [c for c in changes if c.kind not in KIND_BY_NAME or may_read_kind(user, c.kind)]
    states = [state for c in shown if c.kind == "supply_links" for state in (c.before, c.after) if state]
    log_confidential_read(session, user, states, what="change history")
    return shown


def import_batches(session: Session, user: User | None, *, limit: int = 20) -> list[Batch]:
    """Return the newest import batches (history readers only)."""
    require(user, Action.READ_HISTORY)
    return HistoryRepository(session).batches(limit=limit)


def confidential_scope(user: User | None) -> str | None:
    """Return whose confidential links a user sees: '*' all, an enterprise id its own, None none."""
    if sees_confidential_link(user, "", ""):
        return "*"
    return own_confidential_enterprise(user)


def confidential_clusters(user: User | None) -> tuple[str, ...]:
    """Return the clusters that limit the confidential links a user sees: a chain office's (an account that sees
    every confidential link but is scoped to clusters); empty: no limit beyond `confidential_scope`."""
    if user is None or not user.clusters or confidential_scope(user) != "*":
        return ()
    return tuple(user.clusters)


def _filter_value(kind: str, name: str, text: str) -> Any:
    cell = next((c.cell for c in COLUMNS[kind] if c.name == name), None)
    if cell is None:
        raise InvalidInput([Problem.coded(name, "filter.not_a_field", value=text, kind=kind)])
    try:
        value = text if cell is Cell.TEXT else READERS[cell](text)
        return field_adapter(spec_of(kind).model, name).validate_python(value)
    except ValidationError as error:
        raise InvalidInput([error_problem(error.errors()[0], name, text)]) from error
    except CellError as error:
        raise InvalidInput([Problem.coded(name, "filter.bad_value", value=text, reason=str(error))]) from error


def _sort(kind: str, sort: str | None) -> tuple[tuple[str, bool], ...]:
    if not sort:
        return ()
    pairs = []
    for part in sort.split(","):
        name = part.strip().lstrip("-")
        if name not in spec_of(kind).model.model_fields:
            raise InvalidInput([Problem.coded("sort", "sort.not_a_field", value=sort, name=name, kind=kind)])
        pairs.append((name, part.strip().startswith("-")))
    return tuple(pairs)


def list_records(
    session: Session,
    user: User | None,
    *,
    kind: str,
    filters: Mapping[str, str],
    sort: str | None = None,
    offset: int = 0,
    limit: int = 50,
    cluster: str | None = None,
    after: str | None = None,
    count_cap: int | None = None,
) -> Page[Record]:
    """Return one page of a kind's records, filtered and sorted, as the user may see them (an enterprise's
    `in_cluster` meaning membership of `cluster`; None: the default cluster, which the caller has checked);
    `after` is the cursor a previous page gave (`encode_cursor(page.next_after)`): the fast way through a long
    list, not counted; `count_cap` counts a first page's matches only up to that many (`Page.capped`: more
    match)."""
    require_kind_read(user, kind)
    problems = (
        [Problem.coded("limit", "paging.limit", value=str(limit), max=MAX_LIMIT)] if not 0 < limit <= MAX_LIMIT else []
    )
    if not 0 <= offset <= MAX_DB_INT:
        problems.append(Problem.coded("offset", "paging.offset", value=str(offset), max=MAX_DB_INT))
    if problems:
        raise InvalidInput(problems)
    special = {k: v for k, v in filters.items() if k in SPECIAL_FILTERS.get(kind, ()) and v}
    equals = {k: _filter_value(kind, k, v) for k, v in filters.items() if k not in special and v != ""}
    nodes = subtree_codes(session, special["node"]) if "node" in special else None
    query = ListQuery(
        cluster=_list_cluster(session, user, kind, special.get("cluster") or cluster),
        equals=equals,
        search=_search(kind, special.get("q")),
        tag=special.get("tag"),
        nodes=nodes,
        confidential_visible_to=confidential_scope(user),
        confidential_clusters=confidential_clusters(user),
        sort=_sort(kind, sort),
        offset=offset,
        limit=limit,
        count_cap=count_cap,
    )
    if after is not None:
        if query.sort:
            raise InvalidInput([Problem.coded("after", "paging.cursor_sort", value=after[:200])])
        query = replace(query, after=decode_cursor(after, keyset_width(kind, query)))
    page = list_page(session, kind, query)
    log_confidential_read(session, user, page.items, what=f"{kind} list")
    return page


def _list_cluster(session: Session, user: User | None, kind: str, cluster: str | None) -> str | None:
    """Return the cluster an enterprise list's `in_cluster` means: the one named, a scoped user's first, else the
    default (None)."""
    if kind != "enterprises" or (cluster is None and (user is None or not user.clusters)):
        return None
    return resolve_cluster(session, user, cluster).id


def _search(kind: str, typed: str | None) -> str | None:
    """Return the text a search looks for: for enterprises a name without its legal form (三一重工股份有限公司
    finds 三一重工), NFKC and lower case, so a full legal name, a short name and part of either all match."""
    if typed is None or kind != "enterprises":
        return typed
    return name_core(typed)


def subtree_codes(session: Session, code: str) -> tuple[str, ...]:
    """Return a node's code and the codes of every node below it."""
    nodes = all_records(session, CHAIN_NODES)
    children: dict[str | None, list[str]] = {}
    for node in nodes:
        children.setdefault(node.parent_code, []).append(node.code)
    found, stack = [], [code]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(children.get(current, []))
    return tuple(found)


def enterprise_partners(
    session: Session,
    user: User | None,
    *,
    enterprise_id: str,
    role: str,
    limit: int | None = None,
    cluster: str | None = None,
) -> list[PartnerLink]:
    """Return an enterprise's suppliers or customers that the user may see (the largest `limit` ones), each
    partner inside or outside a cluster (None: the default)."""
    require(user, Action.READ)
    get_record(session, kind="enterprises", key=(enterprise_id,))
    rule = resolve_cluster(session, user, cluster)
    found = partner_links(
        session,
        enterprise_id,
        role=role,
        visible_to=confidential_scope(user),
        limit=limit,
        clusters=confidential_clusters(user),
        cluster=rule.id,
    )
    log_confidential_read(session, user, [p.link for p in found], what=f"{role} of {enterprise_id}")
    return found


def enterprise_partner_count(session: Session, user: User | None, *, enterprise_id: str, role: str) -> int:
    """Return how many suppliers' or customers' links of an enterprise the user may see."""
    require(user, Action.READ)
    return partner_count(
        session, enterprise_id, role=role, visible_to=confidential_scope(user), clusters=confidential_clusters(user)
    )


def enterprise_makes(
    session: Session, user: User | None, *, enterprise_id: str
) -> list[tuple[EnterpriseNode, ChainNode]]:
    """Return what an enterprise makes, each with its chain node."""
    require(user, Action.READ)
    return makes_with_nodes(session, enterprise_id)


TreeNode = ChainTreeNode
"""A chain node with how many enterprises make it (or a descendant), inside and outside the cluster."""


def chain_tree(session: Session, user: User | None, cluster: str | None = None) -> list[ChainTreeNode]:
    """Return a cluster's part of the taxonomy (its subtree; None: the default cluster) as a forest with enterprise
    counts per node, inside meaning a member of that cluster (a public aggregate)."""
    require(user, Action.READ, AGGREGATES)
    rule = resolve_cluster(session, user, cluster)
    compute = lambda: _chain_tree(session, rule.id, rule.codes)  # noqa: E731
    return PUBLIC_CACHE.get(session, ("chain_tree", rule.id), compute, stale_ok=True)


def _chain_tree(session: Session, cluster: str, codes: frozenset[str] | None) -> list[ChainTreeNode]:
    nodes = [n for n in all_records(session, CHAIN_NODES) if codes is None or n.code in codes]
    pairs = [pair for pair in node_enterprise_pairs(session, cluster) if codes is None or pair[0] in codes]
    counts = rollup({n.code: n.parent_code for n in nodes}, pairs)
    by_parent: dict[str | None, list[ChainNode]] = {}
    for node in nodes:
        parent = node.parent_code if codes is None or node.parent_code in codes else None
        by_parent.setdefault(parent, []).append(node)

    def build(node: ChainNode) -> ChainTreeNode:
        c = counts[node.code]
        return ChainTreeNode.model_construct(
            **dict(node),
            enterprises_in_cluster=len(c.inside),
            enterprises_outside=len(c.outside),
            local_share=c.local_share,
            children=tuple(build(child) for child in by_parent.get(node.code, [])),
        )

    return [build(root) for root in by_parent.get(None, [])]


def headline_indicators(session: Session, user: User | None, cluster: str | None = None) -> list[Indicator]:
    """Return the latest cluster-wide observation of every metric of a cluster (None: the default; scopes
    `cluster:<id>`, and `cluster` for the default one), with its source and period."""
    require(user, Action.READ, AGGREGATES)
    scopes = _own_scopes(session, user, cluster)
    return PUBLIC_CACHE.get(session, ("headline", scopes), lambda: _headline_indicators(session, scopes))


def _own_scopes(session: Session, user: User | None, cluster: str | None) -> tuple[str, ...]:
    """Return the scopes of a whole cluster (`cluster:<id>`; the default cluster `cluster` first)."""
    rule = resolve_cluster(session, user, cluster)
    return scope_of(rule.id, is_default=rule.cluster.is_default)


def _headline_indicators(session: Session, scopes: tuple[str, ...]) -> list[Indicator]:
    latest: dict[str, Indicator] = {}
    for indicator in all_records(session, INDICATORS):
        if indicator.scope in scopes and (
            indicator.metric not in latest or _recency(indicator) > _recency(latest[indicator.metric])
        ):
            latest[indicator.metric] = indicator
    return sorted(latest.values(), key=lambda i: i.metric)


def _recency(indicator: Indicator) -> tuple[int, int, str]:
    """Order periods by year, a whole year after its quarters and months (a year-to-date month is partial)."""
    return (int(indicator.period[:4]), 1 if len(indicator.period) == 4 else 0, indicator.period)


def metric_series(
    session: Session, user: User | None, *, metric: str, scope: str | None = None, cluster: str | None = None
) -> list[Indicator]:
    """Return one metric's observations for one scope (None: the cluster's own, None: the default cluster),
    oldest first (metrics and scopes never mixed). The default cluster's own scope is `cluster`, else, when it
    has none, `cluster:<id>`."""
    require(user, Action.READ, AGGREGATES)
    if scope is None:
        scopes = _own_scopes(session, user, cluster)
        found = [_cached_series(session, metric, s) for s in scopes]
        return next((series for series in found if series), [])
    return _cached_series(session, metric, scope)


def _cached_series(session: Session, metric: str, scope: str) -> list[Indicator]:
    return PUBLIC_CACHE.get(session, ("series", metric, scope), lambda: _metric_series(session, metric, scope))


def _metric_series(session: Session, metric: str, scope: str) -> list[Indicator]:
    page = list_page(
        session,
        INDICATORS,
        ListQuery(equals={"metric": metric, "scope": scope}, sort=(("period", False),), limit=10_000),
    )
    return page.items
