"""Indicator and target scopes `cluster:<id>` refer to a cluster: an import accepts one naming a cluster of the
registry or of the same import and refuses an unknown one; each cluster's scorecard reads its own scopes, and
the alerts watch every cluster's targets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy.orm import Session
from tests.cluster_scope_cases import DEFAULT_TARGETS, HYD_TARGETS, write_clusters_registry
from tests.factories import admin_user, write_csv

from chainatlas.domain.alert import Alert
from chainatlas.domain.messages import message_text
from chainatlas.reports.alert_links import alert_link, scope_page
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.imports import run_import
from chainatlas.services.scorecard import every_cluster_scorecard, public_scope, scorecard

CTX = WriteContext(actor="setup", via=Via.CLI, at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
AS_OF = dt.date(2025, 12, 31)


def test_a_scope_naming_an_unknown_cluster_is_refused(session: Session, tmp_path: Path) -> None:
    folder = write_clusters_registry(tmp_path / "in")
    row = {"metric": "output", "scope": "cluster:nope", "period": "2024", "value": "1", "source": "synthetic"}
    write_csv(folder / "indicators.csv", "indicators", [row])
    report = run_import(session, [folder], CTX)
    assert [(p.file, p.row, p.column, p.value, p.code) for p in report.problems] == [
        ("indicators.csv", 2, "scope", "cluster:nope", "reference.unknown_clusters")
    ]
    problem = report.problems[0]
    assert message_text(problem.code, problem.params, "zh") == "未知的产业集群 cluster:nope（本次导入和登记库中都没有）"
    assert message_text(problem.code, problem.params, "en") == (
        "unknown cluster cluster:nope (not in this import nor in the registry)"
    )


def test_a_scope_naming_a_cluster_of_the_same_import_or_the_registry_is_taken(session: Session, tmp_path: Path) -> None:
    assert run_import(session, [write_clusters_registry(tmp_path / "in")], CTX).ok  # targets name cluster:hyd
    later = tmp_path / "later"
    later.mkdir()
    row = {"metric": "output", "scope": "cluster:hyd", "period": "2025", "value": "11", "source": "synthetic"}
    assert run_import(session, [write_csv(later / "indicators.csv", "indicators", [row]).parent], CTX).ok


def test_each_cluster_scores_its_own_targets_and_the_alerts_watch_them_all(session: Session, tmp_path: Path) -> None:
    assert run_import(session, [write_clusters_registry(tmp_path / "in")], CTX).ok
    admin = admin_user()
    default = {(s.metric, s.scope) for s in scorecard(session, admin, as_of=AS_OF)}
    hyd = {(s.metric, s.scope) for s in scorecard(session, admin, as_of=AS_OF, cluster="hyd")}
    assert (default, hyd) == (DEFAULT_TARGETS, HYD_TARGETS)
    indicators, targets, scores = every_cluster_scorecard(session, admin, as_of=AS_OF)
    # 7 targets: the union of both scorecards (E2's in both, scored once)
    assert len(targets) == 7 and {(s.metric, s.scope) for s in scores} == DEFAULT_TARGETS | HYD_TARGETS
    assert len(scores) == 7
    counted = {(i.metric, i.scope): i.value for i in indicators if i.period == "2025"}
    # 规上 counted for each name of each cluster: default {E1, E3} → 1 (as `cluster` and `cluster:default`),
    # hyd {E2, E5} → 2
    assert counted[("enterprises_above_scale", "cluster")] == counted[("enterprises_above_scale", "cluster:default")]
    assert counted[("enterprises_above_scale", "cluster")] == 1
    assert counted[("enterprises_above_scale", "cluster:hyd")] == 2


def test_a_named_cluster_scope_is_public_and_links_to_its_scorecard() -> None:
    assert public_scope("cluster:hyd") and public_scope("cluster") and not public_scope("E1")
    assert scope_page("cluster:hyd") is None
    alert = Alert.model_construct(subject="targets/output/cluster:hyd/2027", last_seen_on=dt.date(2025, 12, 31))
    assert alert_link(alert) == "/scorecard?as_of=2025-12-31&cluster=hyd#t-output-cluster-hyd-2027"
    plain = Alert.model_construct(subject="targets/output/cluster/2027", last_seen_on=dt.date(2025, 12, 31))
    assert alert_link(plain) == "/scorecard?as_of=2025-12-31#t-output-cluster-2027"
