"""`member_select` (the indexed form a cluster's snapshot reads) holds a cluster's members, like `member_clause`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy.orm import Session
from tests.factories import write_two_clusters

from chainatlas.services.context import Via, WriteContext
from chainatlas.services.imports import run_import
from chainatlas.store.clusters import cluster_rules, member_ids, member_select
from chainatlas.store.rows import ClusterMemberRow

CTX = WriteContext(actor="t", via=Via.IMPORT, at=dt.datetime(2026, 12, 7, tzinfo=dt.UTC))


def test_member_select_holds_each_clusters_members(session: Session, tmp_path: Path) -> None:
    assert run_import(session, [write_two_clusters(tmp_path)], CTX).ok
    # hyd (region country:DE, subtree U): E2 (DE, makes U.HYD); the default (explicit rows): E1 and E3
    expected = {"default": {"E1", "E3"}, "hyd": {"E2"}}
    assert {r.id: set(session.scalars(member_select(r))) for r in cluster_rules(session)} == expected
    # an explicit exclusion takes E2 out of hyd, an explicit inclusion puts E1 in
    session.add_all(
        [
            ClusterMemberRow(enterprise_id="E2", cluster_id="hyd", included=False, source="t"),
            ClusterMemberRow(enterprise_id="E1", cluster_id="hyd", included=True, source="t"),
        ]
    )
    session.flush()
    hyd = next(r for r in cluster_rules(session) if r.id == "hyd")
    assert set(session.scalars(member_select(hyd))) == {"E1"} == member_ids(session, hyd)
