"""The placeholder cluster migration 0014 creates (`default`, 本集群): dropped once a loaded dataset brings its
own default cluster and the placeholder holds nothing (the demo command does this after loading the demo)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from chainatlas.services.context import WriteContext
from chainatlas.services.records import delete_record, references_to
from chainatlas.store.clusters import cluster_rules, member_ids

PLACEHOLDER_ID = "default"


def drop_empty_placeholder(session: Session, ctx: WriteContext) -> bool:
    """Delete the placeholder cluster (a recorded change) when it is not the default, has no region, no members
    and nothing refers to it; return whether it was deleted."""
    rule = next((r for r in cluster_rules(session) if r.id == PLACEHOLDER_ID), None)
    if rule is None or rule.cluster.is_default or rule.cluster.region or member_ids(session, rule):
        return False
    if references_to(session, kind="clusters", key=(PLACEHOLDER_ID,)):
        return False
    delete_record(session, ctx, kind="clusters", key=(PLACEHOLDER_ID,))
    return True
