"""The metrics-only snapshot (`load_metric_rows`: a cluster's members and the suppliers they buy from in full, the
other enterprises by id) gives every chain metric exactly as the full chain snapshot does (`load_chain_rows`, the
oracle), on the demo and on a synthetic registry of several clusters, while reading fewer enterprises in full."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import numpy as np
from sqlalchemy.orm import Session

from chainatlas.analytics.chain import cluster_hhi, location_quotients, node_metrics
from chainatlas.analytics.snapshot import ChainSnapshot, latest_year
from chainatlas.cli.registry import demo_dir
from chainatlas.interchange.synth import write_synthetic
from chainatlas.services.chain import snapshot_from_rows
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.imports import run_import
from chainatlas.store.chain import OutsideFirm, load_chain_rows, load_metric_rows
from chainatlas.store.clusters import cluster_rules

CTX = WriteContext(actor="t", via=Via.IMPORT, at=dt.datetime(2026, 12, 7, tzinfo=dt.UTC))


def metrics_of(snapshot: ChainSnapshot) -> dict[str, object]:
    year = latest_year(snapshot)
    metrics = node_metrics(snapshot, year=year)
    national = {code: float(i + 1) for i, code in enumerate(snapshot.node_codes)}
    every = {f.name: getattr(metrics, f.name) for f in dataclasses.fields(metrics)}
    return {
        **every,
        "all_years": dataclasses.asdict(node_metrics(snapshot, year=None)),
        "year": year,
        "cluster_hhi": cluster_hhi(snapshot, year=year),
        "quotients": location_quotients(snapshot, metrics, national),
    }


def assert_same_metrics(session: Session) -> int:
    """Compare both snapshots' metrics for every cluster; return how many fewer enterprises were read in full."""
    spared = 0
    for rule in cluster_rules(session):
        full, lean = load_chain_rows(session, rule.id), load_metric_rows(session, rule.id)
        expected, got = metrics_of(snapshot_from_rows(full)), metrics_of(snapshot_from_rows(lean))
        assert expected.keys() == got.keys()
        for name, value in expected.items():
            np.testing.assert_equal(got[name], value, err_msg=f"{rule.id}: {name}")
        in_full = sum(not isinstance(f, OutsideFirm) for f in lean.firms)
        spared += len(full.firms) - in_full
    return spared


def test_the_demo_clusters_metrics_are_the_full_snapshots(session: Session) -> None:
    assert run_import(session, [demo_dir()], CTX).ok
    assert len(cluster_rules(session)) >= 2
    assert_same_metrics(session)


def test_a_synthetic_registrys_clusters_metrics_are_the_full_snapshots(session: Session, tmp_path: Path) -> None:
    folder = tmp_path / "synth"
    write_synthetic(folder, enterprises=600, links=3000, seed=3, clusters=4)
    assert run_import(session, [folder], CTX).ok
    assert len(cluster_rules(session)) >= 4
    # the clusters' other makers on their subtrees are no longer read in full
    assert assert_same_metrics(session) > 0
