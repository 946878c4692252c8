"""Which clusters an enterprise belongs to, and how: an explicit row of the cluster, or its region and chain subtree.

Every cluster is listed (a user scoped to clusters: theirs), each with the reason it takes or leaves the firm,
so the enterprise page can say that the same supplier is local to one cluster and outside another.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy.orm import Session

from chainatlas.domain.access import Action
from chainatlas.domain.cluster import Cluster, ClusterMember, Location, in_region
from chainatlas.domain.enterprise import Enterprise
from chainatlas.domain.kinds import CLUSTER_MEMBERS, ENTERPRISES
from chainatlas.domain.user import User
from chainatlas.services.access import require
from chainatlas.services.clusters import visible_clusters
from chainatlas.services.records import get_record
from chainatlas.store.clusters import cluster_rules
from chainatlas.store.queries import ListQuery, list_page, makes_with_nodes


class Why(StrEnum):
    """How an enterprise is in a cluster or outside it."""

    INCLUDED = "included"
    """An explicit membership row includes it."""
    EXCLUDED = "excluded"
    """An explicit membership row excludes it (whatever its location)."""
    BY_RULE = "by_rule"
    """It is in the cluster's region and makes something on its subtree."""
    OUTSIDE_REGION = "outside_region"
    """Its location is not in the cluster's region."""
    OFF_SUBTREE = "off_subtree"
    """It is in the region but makes nothing on the cluster's subtree."""


@dataclass(frozen=True)
class Membership:
    """One cluster and whether an enterprise is in it, with why."""

    cluster: Cluster
    member: bool
    why: Why


def explicit_rows(session: Session, enterprise_id: str) -> dict[str, bool]:
    """Return the clusters with an explicit row for an enterprise: cluster id → included."""
    query = ListQuery(equals={"enterprise_id": enterprise_id}, limit=10_000)
    rows: list[ClusterMember] = list_page(session, CLUSTER_MEMBERS, query).items
    return {row.cluster_id: row.included for row in rows}


def enterprise_clusters(session: Session, user: User | None, *, enterprise_id: str) -> list[Membership]:
    """Return every cluster the user may see, the default first, with whether the enterprise is in it and why."""
    require(user, Action.READ)
    firm: Enterprise = get_record(session, kind=ENTERPRISES, key=(enterprise_id,))
    explicit = explicit_rows(session, firm.id)
    makes = {node.code for _make, node in makes_with_nodes(session, firm.id)}
    place = Location(firm.country, firm.province, firm.city, firm.district, firm.park)
    visible = {c.id for c in visible_clusters(session, user)}
    found = []
    for rule in cluster_rules(session):
        if rule.id not in visible:
            continue
        if rule.id in explicit:
            included = explicit[rule.id]
            found.append(Membership(rule.cluster, included, Why.INCLUDED if included else Why.EXCLUDED))
        elif not in_region(rule.cluster.region, place):
            found.append(Membership(rule.cluster, False, Why.OUTSIDE_REGION))
        elif rule.codes is not None and not makes & rule.codes:
            found.append(Membership(rule.cluster, False, Why.OFF_SUBTREE))
        else:
            found.append(Membership(rule.cluster, True, Why.BY_RULE))
    return found
