"""Confidential supply links of clusters in SQL: a chain office (a user scoped to clusters) sees a confidential
link only where it lies on one of its clusters' chain subtree and touches a member of that cluster."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, and_, false, or_, select, true
from sqlalchemy.orm import Session

from chainatlas.store.clusters import ClusterRule, cluster_rules, member_clause
from chainatlas.store.rows import EnterpriseRow, SupplyLinkRow

LinkKey = tuple[str, str, str]
"""(supplier id, customer id, node code): a supply link's natural key."""


def _of_cluster(rule: ClusterRule) -> ColumnElement[bool]:
    members = select(EnterpriseRow.id).where(member_clause(rule))
    touching = or_(SupplyLinkRow.supplier_id.in_(members), SupplyLinkRow.customer_id.in_(members))
    on_subtree = true() if rule.codes is None else SupplyLinkRow.node_code.in_(sorted(rule.codes))
    return and_(on_subtree, touching)


def links_of_clusters(session: Session, clusters: Sequence[str]) -> ColumnElement[bool]:
    """Return a clause over `supply_links` that holds for the links of any of the clusters (none: no link)."""
    terms = [_of_cluster(rule) for rule in cluster_rules(session) if rule.id in clusters]
    return or_(*terms) if terms else false()


def visible_in_clusters(session: Session, clusters: Sequence[str]) -> ColumnElement[bool]:
    """Return a clause over `supply_links`: public links, and confidential ones of the clusters."""
    return or_(SupplyLinkRow.confidential.is_(False), links_of_clusters(session, clusters))


def confidential_keys_in_clusters(session: Session, clusters: Sequence[str]) -> set[LinkKey]:
    """Return the keys of the confidential links of the clusters."""
    statement = select(SupplyLinkRow.supplier_id, SupplyLinkRow.customer_id, SupplyLinkRow.node_code).where(
        SupplyLinkRow.confidential.is_(True), links_of_clusters(session, clusters)
    )
    return {(s, c, n) for s, c, n in session.execute(statement)}


def link_in_clusters(session: Session, key: LinkKey, clusters: Sequence[str]) -> bool:
    """Return whether the supply link with a key is a link of one of the clusters."""
    supplier, customer, node = key
    statement = select(SupplyLinkRow.supplier_id).where(
        SupplyLinkRow.supplier_id == supplier,
        SupplyLinkRow.customer_id == customer,
        SupplyLinkRow.node_code == node,
        links_of_clusters(session, clusters),
    )
    return session.execute(statement.limit(1)).first() is not None
