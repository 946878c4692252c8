"""The demo's clusters: Changsha's (the default) and a synthetic second one that shares suppliers with it.

Expected memberships come from a brute force over the shipped CSV files (locations, what each firm makes,
explicit rows), never from the code that computes them.
"""

from __future__ import annotations

import csv
import json

from sqlalchemy.orm import Session
from tests.conftest import Cli

from chainatlas.cli.registry import demo_dir
from chainatlas.store.clusters import cluster_rules, member_ids
from chainatlas.store.engine import make_engine

CHANGSHA, SECOND = "changsha-cm", "zhutan-parts-demo"
LEVELS = ("country", "province", "city", "district", "park")


def _rows(kind: str) -> list[dict[str, str]]:
    with (demo_dir() / f"{kind}.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _brute_members(cluster: dict[str, str]) -> set[str]:
    """Members by hand: an explicit row decides; else a location part in the region and, with a subtree,
    something made on it."""
    region = set(cluster["region"].split(";")) if cluster["region"] else set()
    root = cluster["root_code"]
    makes = {
        m["enterprise_id"]
        for m in _rows("enterprise_nodes")
        if not root or m["node_code"] == root or m["node_code"].startswith(root + ".")
    }
    said = {
        m["enterprise_id"]: m["included"] == "true"
        for m in _rows("cluster_members")
        if m["cluster_id"] == cluster["id"]
    }
    found = set()
    for firm in _rows("enterprises"):
        parts = {f"{level}:{firm[level]}" for level in LEVELS if firm[level]}
        by_rule = bool(parts & region) and firm["id"] in makes
        if said.get(firm["id"], by_rule):
            found.add(firm["id"])
    return found


def _clusters() -> dict[str, dict[str, str]]:
    return {row["id"]: row for row in _rows("clusters")}


def test_the_demo_has_changsha_as_default_and_one_synthetic_second_cluster() -> None:
    clusters = _clusters()
    assert set(clusters) == {CHANGSHA, SECOND}
    assert [c for c, row in clusters.items() if row["is_default"] == "true"] == [CHANGSHA]
    assert clusters[CHANGSHA]["region"] == "city:长沙市" and clusters[CHANGSHA]["root_code"] == ""
    assert "http" in clusters[CHANGSHA]["source"]
    assert clusters[SECOND]["root_code"] == "U" and "合成" in clusters[SECOND]["name_zh"]
    # hand counts: the 153 Changsha firms, less E0306 (excluded), plus E0278 (included); Zhuzhou and Xiangtan:
    # 11 firms making upstream parts before the clusters, and the 6 new ones E0376–E0381
    assert len(_brute_members(clusters[CHANGSHA])) == 153
    assert len(_brute_members(clusters[SECOND])) == 17


def test_the_second_clusters_records_are_all_synthetic() -> None:
    scope = f"cluster:{SECOND}"
    assert _clusters()[SECOND]["source"] == "synthetic"
    scoped = [r for kind in ("indicators", "targets") for r in _rows(kind) if r["scope"] == scope]
    assert {r["metric"] for r in scoped} == {"components_output", "local_supporting_rate"}
    assert len([r for r in _rows("targets") if r["scope"] == scope]) == 2
    assert all(r["source"] == "synthetic" for r in scoped)
    assert all(r["source"] == "synthetic" for r in _rows("cluster_members"))
    members = _brute_members(_clusters()[SECOND])
    assert all(r["source"] == "synthetic" for r in _rows("enterprises") if r["id"] in members)


def test_the_two_clusters_share_suppliers() -> None:
    clusters = _clusters()
    changsha, second = _brute_members(clusters[CHANGSHA]), _brute_members(clusters[SECOND])
    links = _rows("supply_links")
    to_changsha = {link["supplier_id"] for link in links if link["customer_id"] in changsha}
    to_second = {link["supplier_id"] for link in links if link["customer_id"] in second}
    assert len(to_changsha & to_second) >= 25  # 32 when the data was made


def test_loading_the_demo_gives_its_clusters_and_drops_the_empty_placeholder(cli: Cli) -> None:
    code, _, err = cli("demo", "--if-empty")
    assert code == 0, err
    engine = make_engine(cli.db_url)
    try:
        with Session(engine) as session:
            rules = cluster_rules(session)
            assert [(r.id, r.cluster.is_default) for r in rules] == [(CHANGSHA, True), (SECOND, False)]
            for rule in rules:
                assert member_ids(session, rule) == _brute_members(_clusters()[rule.id]), rule.id
    finally:
        engine.dispose()
    exported = json.loads(cli("stats", "--json")[1])["counts"]
    assert exported["clusters"] == 2 and exported["cluster_members"] == 2  # no rows for what the rules give
    code, _, err = cli("demo")
    assert code == 0, err
    assert json.loads(cli("stats", "--json")[1])["counts"]["clusters"] == 2
