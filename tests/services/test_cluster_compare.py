"""Clusters side by side: every figure of the two-cluster registry of tests/cluster_cases.py, worked out by hand
there; the disclosure rule for viewers; a user scoped to one cluster compares only it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy.orm import Session
from tests.cluster_cases import EXPECTED, write_compared_clusters
from tests.factories import write_two_clusters

from chainatlas.domain.user import Role, User
from chainatlas.services.cluster_compare import cluster_list, compare_clusters
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.imports import run_import

CTX = WriteContext(actor="setup", via=Via.CLI, at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
AS_OF = dt.date(2026, 6, 30)
ANALYST = User(id=1, username="ana", role=Role.ANALYST)
VIEWER = User(id=2, username="vic", role=Role.VIEWER)


def _seed(session: Session, folder: Path) -> None:
    assert run_import(session, [folder], CTX).ok
    session.commit()


def test_figures_of_each_cluster_as_worked_by_hand(session: Session, tmp_path: Path) -> None:
    _seed(session, write_compared_clusters(tmp_path / "in"))
    result = compare_clusters(session, ANALYST, as_of=AS_OF)
    assert [row.cluster.id for row in result.clusters] == ["default", "hyd"]
    for row in result.clusters:
        want = EXPECTED[row.cluster.id]
        assert row.cluster.members == want["members"]
        assert float(row.output) == want["output"]
        assert row.purchases is not None and float(row.purchases) == want["purchases"]
        assert row.suppliers == want["suppliers"]
        assert row.local_rate_value == pytest.approx(want["local_rate_value"])
        assert row.local_rate_count == pytest.approx(want["local_rate_count"])
        assert row.key_technology_foreign_share == pytest.approx(want["key_technology_foreign_share"])
        assert row.size_classes == want["size_classes"]
        assert row.targets_total == want["targets_total"]
        assert (row.targets_on_track, row.targets_at_risk) == (0, 0)  # no observations yet: status unknown
        assert (row.single_points_of_failure, row.spof_basis) == (None, "not_computed")
        assert not row.suppressed


def test_viewers_see_figures_of_three_suppliers_or_more(session: Session, tmp_path: Path) -> None:
    _seed(session, write_compared_clusters(tmp_path / "in"))
    rows = {row.cluster.id: row for row in compare_clusters(session, VIEWER, as_of=AS_OF).clusters}
    assert rows["default"].local_rate_value == pytest.approx(0.32)  # 4 suppliers
    assert rows["hyd"].local_rate_count == pytest.approx(1 / 3)  # 3 suppliers


def test_viewers_do_not_see_figures_of_two_suppliers(session: Session, tmp_path: Path) -> None:
    # the basic registry: the default cluster buys U.HYD from E2 and E3 only
    _seed(session, write_two_clusters(tmp_path / "in"))
    viewer = compare_clusters(session, VIEWER, as_of=AS_OF).clusters[0]
    analyst = compare_clusters(session, ANALYST, as_of=AS_OF).clusters[0]
    assert viewer.suppressed and viewer.purchases is None and viewer.local_rate_value is None
    assert viewer.key_technology_foreign_share is None
    assert viewer.cluster.members == 2  # membership is not a link aggregate
    assert not analyst.suppressed and analyst.local_rate_value == pytest.approx(0.4)  # 400,000 / 1,000,000
    assert analyst.key_technology_foreign_share == pytest.approx(0.6)  # E2 (DE) 600,000 of 1,000,000


def test_a_scoped_user_compares_and_lists_only_their_clusters(session: Session, tmp_path: Path) -> None:
    _seed(session, write_compared_clusters(tmp_path / "in"))
    scoped = User(id=3, username="hyd-office", role=Role.ANALYST, clusters=("hyd",))
    assert [row.cluster.id for row in compare_clusters(session, scoped, as_of=AS_OF).clusters] == ["hyd"]
    assert [(c.id, c.members) for c in cluster_list(session, scoped).clusters] == [("hyd", 2)]
    assert [(c.id, c.members) for c in cluster_list(session, ANALYST).clusters] == [("default", 2), ("hyd", 2)]
