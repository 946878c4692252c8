"""`member_select` (the indexed form a cluster's snapshot reads) holds a cluster's members, like `member_clause`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy.orm import Session
from tests.factories import write_two_clusters

from chainatlas.services.context import Via, WriteContext
from chainatlas.services.imports import run_import
from chainatlas.store.chain import load_chain_rows
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


def test_a_clusters_snapshot_reads_its_members_and_the_enterprises_they_name(session: Session, tmp_path: Path) -> None:
    assert run_import(session, [write_two_clusters(tmp_path)], CTX).ok
    # hyd: nodes U and U.HYD; E2 makes U.HYD and is its one member; of the links only E2→E1 touches E2;
    # so E2 (member) and E1 (its customer) are read, E3 is not
    hyd = load_chain_rows(session, "hyd")
    assert [r.code for r in hyd.nodes] == ["U", "U.HYD"]
    assert [(r.id, bool(r.in_cluster)) for r in hyd.firms] == [("E1", False), ("E2", True)]
    assert [(r.supplier_id, r.customer_id) for r in hyd.links] == [("E2", "E1")]
    assert [(r.enterprise_id, r.node_code) for r in hyd.makes] == [("E2", "U.HYD")]
    # the default cluster (whole taxonomy, E1 and E3): both links reach E1; E2 is named by a link and its make
    default = load_chain_rows(session, None)
    assert [(r.id, bool(r.in_cluster)) for r in default.firms] == [("E1", True), ("E2", False), ("E3", True)]
    assert [(r.supplier_id, r.customer_id) for r in default.links] == [("E2", "E1"), ("E3", "E1")]
