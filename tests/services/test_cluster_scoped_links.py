"""A chain office sees its own chain's confidential data only: an analyst scoped to a cluster sees a confidential
supply link where it lies on the cluster's subtree and touches a member of it (tests/cluster_cases.py: L1 is
both clusters', L4 hyd's, L6 the default cluster's); public links as everyone; the rest hidden as for viewers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy.orm import Session
from tests.cluster_cases import write_compared_clusters

from chainatlas.domain.user import Role, User
from chainatlas.services.browse import enterprise_partner_count, enterprise_partners, list_records, read_record
from chainatlas.services.chain import chain_metrics
from chainatlas.services.clusters import visible_clusters
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.errors import NotAllowed, NotFound
from chainatlas.services.exports import export_registry
from chainatlas.services.imports import run_import
from chainatlas.services.users import add_user
from chainatlas.store.access_log import CONFIDENTIAL_READ, AccessFilter, AccessLogRepository

CTX = WriteContext(actor="setup", via=Via.CLI, at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
PUBLIC = {("E3", "E1"), ("E5", "E1"), ("E5", "E2"), ("E3", "E4")}
HYD = User(id=1, username="hyd-office", role=Role.ANALYST, clusters=("hyd",))
HOME = User(id=2, username="home-office", role=Role.ANALYST, clusters=("default",))
ANALYST = User(id=3, username="ana", role=Role.ANALYST)
VIEWER = User(id=4, username="vic", role=Role.VIEWER)


@pytest.fixture
def seeded(session: Session, tmp_path: Path) -> Session:
    assert run_import(session, [write_compared_clusters(tmp_path / "in")], CTX).ok
    session.commit()
    return session


def _listed(session: Session, user: User) -> set[tuple[str, str]]:
    page = list_records(session, user, kind="supply_links", filters={}, limit=100)
    return {(link.supplier_id, link.customer_id) for link in page.items}  # type: ignore[attr-defined]


def test_registry_lists_confidential_links_of_the_users_clusters_only(seeded: Session) -> None:
    assert _listed(seeded, HYD) == PUBLIC | {("E2", "E1"), ("E4", "E2")}
    assert _listed(seeded, HOME) == PUBLIC | {("E2", "E1"), ("E6", "E1")}
    assert _listed(seeded, ANALYST) == PUBLIC | {("E2", "E1"), ("E4", "E2"), ("E6", "E1")}
    assert _listed(seeded, VIEWER) == PUBLIC


def test_partner_pages_follow_the_same_rule(seeded: Session) -> None:
    suppliers = enterprise_partners(seeded, HOME, enterprise_id="E2", role="suppliers")
    assert [p.link.supplier_id for p in suppliers] == ["E5"]  # L4 (E4, confidential) is hyd's
    assert enterprise_partner_count(seeded, HOME, enterprise_id="E2", role="suppliers") == 1
    assert enterprise_partner_count(seeded, HYD, enterprise_id="E2", role="suppliers") == 2
    customers = enterprise_partners(seeded, HYD, enterprise_id="E6", role="customers")
    assert customers == []  # L6 E6 → E1 on M: not on hyd's subtree


def test_one_link_outside_the_users_clusters_is_not_found(seeded: Session) -> None:
    with pytest.raises(NotFound):
        read_record(seeded, HOME, kind="supply_links", key=("E4", "E2", "U.HYD"))
    assert read_record(seeded, HYD, kind="supply_links", key=("E4", "E2", "U.HYD")) is not None


def test_exports_hold_the_users_confidential_links_only(seeded: Session, tmp_path: Path) -> None:
    written = export_registry(seeded, HYD, tmp_path / "out")
    assert written["supply_links.csv"] == len(PUBLIC) + 2


def test_a_scoped_user_picks_and_analyses_only_their_clusters(seeded: Session) -> None:
    assert [c.id for c in visible_clusters(seeded, HYD)] == ["hyd"]
    assert chain_metrics(seeded, HYD).cluster == "hyd"  # no cluster named: their first
    with pytest.raises(NotAllowed):
        chain_metrics(seeded, HYD, cluster="default")


def test_the_access_log_names_only_the_links_shown(seeded: Session) -> None:
    office = add_user(seeded, CTX, username="hyd-log", role=Role.ANALYST, password="s3cret-password", clusters=["hyd"])
    seeded.commit()
    list_records(seeded, office, kind="supply_links", filters={}, limit=100)
    seeded.commit()
    entries = AccessLogRepository(seeded).entries(AccessFilter(username="hyd-log", event=CONFIDENTIAL_READ))
    assert [(e.detail["links"], e.detail["enterprises"]) for e in entries] == [(2, ["E1", "E2", "E4"])]
