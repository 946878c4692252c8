"""Clusters as data: membership by region, chain subtree and explicit rows; one enterprise local to one cluster
and outside another; the old `in_cluster` column as the default cluster's membership; users scoped to clusters.

Expected memberships come from a brute force over the registry as written here, expected metrics from hand
arithmetic in the comments, never from the code under test.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from tests.factories import ENTERPRISES, admin_user, write_basic, write_csv, write_two_clusters

from chainatlas.domain.kinds import ENTERPRISES as ENTERPRISE_KIND
from chainatlas.domain.user import Role, User
from chainatlas.interchange.discovery import discover
from chainatlas.services.chain import chain_metrics
from chainatlas.services.clusters import cluster_members, resolve_cluster, visible_clusters
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.errors import NotAllowed, NotFound
from chainatlas.services.exports import export_registry
from chainatlas.services.imports import ImportReport, import_tables
from chainatlas.services.records import update_record
from chainatlas.services.stats import registry_counts
from chainatlas.store.clusters import cluster_rules, in_cluster_column
from chainatlas.store.queries import ListQuery, list_page
from chainatlas.store.rows import ClusterMemberRow, EnterpriseRow

CTX = WriteContext(actor="ana", via=Via.IMPORT, at=dt.datetime(2026, 3, 1, 2, tzinfo=dt.UTC))
LEVELS = ("country", "province", "city", "district", "park")


@pytest.fixture
def session(rollback_session: Session) -> Session:
    """Run each test in a transaction that is rolled back: the services here write only through this session."""
    return rollback_session


def run_import(session: Session, folder: Path) -> ImportReport:
    tables, problems = discover([folder])
    assert problems == []
    report = import_tables(session, tables, CTX)
    assert report.ok, [p.as_text() for p in report.problems]
    session.commit()
    return report


# --- membership by region + subtree and by explicit rows, against a brute force --------------------------------

TAXONOMY = {"U": None, "U.HYD": "U", "U.HYD.PUMP": "U.HYD", "U.ENG": "U", "M": None, "M.EXC": "M"}
PLACES = [  # (country, province, city, district, park)
    ("CN", "湖南省", "长沙市", "长沙县", "经开区"),
    ("CN", "湖南省", "长沙市", "岳麓区", None),
    ("CN", "湖南省", "株洲市", None, None),
    ("CN", "江苏省", "徐州市", None, None),
    ("DE", None, None, None, None),
]
PRODUCTS = [(), ("U.HYD.PUMP",), ("M.EXC",), ("U.ENG", "M.EXC")]
CLUSTERS = {  # id: (region, chain subtree root)
    "cs": (("city:长沙市",), None),
    "hy": (("country:DE", "park:经开区"), "U.HYD"),
    "hn": (("province:湖南省", "district:岳麓区"), "U"),
    "mx": (("province:江苏省", "city:株洲市"), "M"),
}
CHOICES = (None, True, None, False, None)
"""Explicit membership of enterprise i in cluster j (default, cs, hy, hn, mx): CHOICES[(i + j) % 5] (None: no row)."""


def _firms() -> list[tuple[str, tuple[str | None, ...], tuple[str, ...]]]:
    """Return (id, place, products) for every place × products: 20 enterprises."""
    pairs = itertools.product(PLACES, PRODUCTS)
    return [(f"F{i:02d}", place, made) for i, (place, made) in enumerate(pairs)]


def _explicit() -> dict[tuple[str, str], bool]:
    """Return the explicit rows (cluster, enterprise) → included, the default cluster's among them."""
    rows = {}
    for i, (firm, _, _) in enumerate(_firms()):
        for j, cluster in enumerate(["default", *CLUSTERS]):
            choice = CHOICES[(i + j) % len(CHOICES)]
            if choice is not None:
                rows[(cluster, firm)] = choice
    return rows


def _below(root: str) -> set[str]:
    """Return a node and every node under it, by walking each node's parents."""
    found = set()
    for code in TAXONOMY:
        walk: str | None = code
        while walk is not None and walk != root:
            walk = TAXONOMY[walk]
        if walk == root:
            found.add(code)
    return found


def _brute_force() -> dict[str, set[str]]:
    """Return each cluster's members: an explicit row decides; else region and (when set) subtree together."""
    explicit = _explicit()
    clusters = {"default": ((), None), **CLUSTERS}
    members: dict[str, set[str]] = {}
    for cluster, (region, root) in clusters.items():
        members[cluster] = set()
        for firm, place, made in _firms():
            said = explicit.get((cluster, firm))
            parts = {f"{level}:{value}" for level, value in zip(LEVELS, place, strict=True) if value}
            makes = root is None or any(code in _below(root) for code in made)
            if said if said is not None else (bool(parts & set(region)) and makes):
                members[cluster].add(firm)
    return members


def _write_membership_registry(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    nodes = [
        {"code": code, "parent_code": parent or "", "name_zh": code, "segment": "upstream", "source": "synthetic"}
        for code, parent in TAXONOMY.items()
    ]
    write_csv(folder / "chain_nodes.csv", "chain_nodes", nodes)
    firms = [
        {"id": firm, "name_zh": firm, **dict(zip(LEVELS, [v or "" for v in place], strict=True)), "source": "s"}
        for firm, place, _ in _firms()
    ]
    write_csv(folder / "enterprises.csv", "enterprises", firms)
    makes = [{"enterprise_id": firm, "node_code": code, "source": "s"} for firm, _, made in _firms() for code in made]
    write_csv(folder / "enterprise_nodes.csv", "enterprise_nodes", makes)
    clusters = [
        {"id": c, "name_zh": c, "region": ";".join(region), "root_code": root or "", "source": "s"}
        for c, (region, root) in CLUSTERS.items()
    ]
    write_csv(folder / "clusters.csv", "clusters", clusters)
    rows = [
        {"cluster_id": c, "enterprise_id": f, "included": str(included).lower(), "source": "s"}
        for (c, f), included in _explicit().items()
    ]
    write_csv(folder / "cluster_members.csv", "cluster_members", rows)
    return folder


def test_membership_by_region_subtree_and_explicit_rows_is_the_brute_forces(session: Session, tmp_path: Path) -> None:
    run_import(session, _write_membership_registry(tmp_path / "in"))
    expected = _brute_force()
    rules = {rule.id: rule for rule in cluster_rules(session)}
    assert list(rules) == ["default", "cs", "hn", "hy", "mx"]  # the default first, then by id
    for cluster, members in expected.items():
        assert cluster_members(session, rules[cluster]) == members, cluster
        column = in_cluster_column(session, cluster)
        flags = {row[0]: row[1] for row in session.execute(select(EnterpriseRow.id, column))}
        assert {firm for firm, inside in flags.items() if inside} == members, cluster
        page = list_page(session, ENTERPRISE_KIND, ListQuery(cluster=cluster, limit=100))
        assert {e.id for e in page.items if e.in_cluster} == members, cluster
    # the registry exercises every case: members by rule only, kept out by an exclude row, taken in by an
    # include row, and outside the region or the subtree with no row
    explicit = _explicit()
    by_rule = {c: {f for f in expected[c] if (c, f) not in explicit} for c in CLUSTERS}
    assert all(by_rule.values())
    assert any(not included for (c, _), included in explicit.items() if c != "default")
    assert len(expected["hy"]) < len({f for f, *_ in _firms()}) / 2


def test_explicit_rows_override_region_and_subtree_worked_by_hand(session: Session, tmp_path: Path) -> None:
    run_import(session, _write_membership_registry(tmp_path / "in"))
    # Enterprise i = 4 × place + products. Cluster hy (DE or park 经开区, below U.HYD) takes by rule F01 (经开区,
    # makes U.HYD.PUMP) and F17 (DE, makes U.HYD.PUMP); F16 (DE) makes nothing and F02 (经开区) only M.EXC.
    # Its explicit rows are CHOICES[(i + 2) % 5]: F01 → 3 → excluded; F17 → 4 → no row, so a member;
    # included where (i + 2) % 5 = 1, i.e. i = 4, 9, 14, 19, wherever they are and whatever they make.
    rule = next(r for r in cluster_rules(session) if r.id == "hy")
    assert cluster_members(session, rule) == {"F04", "F09", "F14", "F17", "F19"}


# --- one enterprise local to one cluster and outside another ------------------------------------------------------


def test_an_enterprise_is_local_to_one_cluster_and_outside_another(session: Session, tmp_path: Path) -> None:
    run_import(session, write_two_clusters(tmp_path / "in"))
    flags = {
        cluster: {e.id: e.in_cluster for e in list_page(session, ENTERPRISE_KIND, ListQuery(cluster=cluster)).items}
        for cluster in ("default", "hyd")
    }
    assert flags == {"default": {"E1": True, "E2": False, "E3": True}, "hyd": {"E1": False, "E2": True, "E3": False}}
    default = {n.code: n for n in chain_metrics(session, admin_user()).nodes}
    hyd = {n.code: n for n in chain_metrics(session, admin_user(), cluster="hyd").nodes}
    # The default cluster (E1, E3; home country CN) buys U.HYD for E1: 600,000 from E2 (DE, outside) and
    # 400,000 from E3 (inside) = 1,000,000, local 400,000 (0.4), 2 suppliers of whom 1 local (0.5),
    # HHI 0.6² + 0.4² = 0.52, foreign 600,000 / 1,000,000 = 0.6; E2 makes U.HYD outside the cluster.
    hydraulics = default["U.HYD"]
    assert (hydraulics.purchases, hydraulics.local_value) == (Decimal("1000000.00"), Decimal("400000.00"))
    assert (hydraulics.local_rate_value, hydraulics.local_rate_count) == (pytest.approx(0.4), pytest.approx(0.5))
    assert (hydraulics.hhi, hydraulics.foreign_share) == (pytest.approx(0.52), pytest.approx(0.6))
    assert (hydraulics.enterprises_in_cluster, hydraulics.enterprises_outside, hydraulics.covered) == (0, 1, False)
    assert set(default) == {"U", "U.HYD", "M", "M.EXC"}
    # Cluster hyd (DE, below U) is E2 alone: its only link on U.HYD goes to E1, outside hyd, so hyd buys
    # nothing (no rate); E2 makes U.HYD inside it, so U.HYD and U are covered. Its nodes: U's subtree only.
    assert set(hyd) == {"U", "U.HYD"}
    for code in ("U", "U.HYD"):
        node = hyd[code]
        assert (node.purchases, node.local_rate_value, node.suppliers) == (Decimal(0), None, 0), code
        assert (node.enterprises_in_cluster, node.enterprises_outside, node.covered) == (1, 0, True), code


# --- the old in_cluster column ---------------------------------------------------------------------------------


def _memberships(session: Session) -> set[tuple[str, str, bool]]:
    rows = session.execute(
        select(ClusterMemberRow.cluster_id, ClusterMemberRow.enterprise_id, ClusterMemberRow.included)
    )
    return {(r.cluster_id, r.enterprise_id, bool(r.included)) for r in rows}


def test_the_in_cluster_column_writes_the_default_clusters_include_rows(session: Session, tmp_path: Path) -> None:
    folder = write_basic(tmp_path / "in")
    run_import(session, folder)
    # E1 and E3 say true: an include row each; E2 says false and the default cluster (no region) would not take
    # it anyway: no row
    assert _memberships(session) == {("default", "E1", True), ("default", "E3", True)}
    counts = registry_counts(session)
    again = run_import(session, folder)
    assert registry_counts(session) == counts and _memberships(session) == {
        ("default", "E1", True),
        ("default", "E3", True),
    }
    assert again.counts["enterprises"].added == 0 and again.counts["enterprises"].updated == 0


def test_false_excludes_where_the_default_clusters_region_would_take_the_enterprise(
    session: Session, tmp_path: Path
) -> None:
    folder = write_basic(tmp_path / "in")
    run_import(session, folder)
    update_record(session, CTX, kind="clusters", key=("default",), changes={"region": ("country:DE",)})
    session.commit()
    assert _memberships(session) == {("default", "E1", True), ("default", "E3", True)}
    flags = {e.id: e.in_cluster for e in list_page(session, ENTERPRISE_KIND, ListQuery()).items}
    assert flags == {"E1": True, "E2": True, "E3": True}  # E2 is in Germany, now the default cluster's region
    run_import(session, folder)  # the file says E2 false: an exclude row keeps it out
    assert ("default", "E2", False) in _memberships(session)
    flags = {e.id: e.in_cluster for e in list_page(session, ENTERPRISE_KIND, ListQuery()).items}
    assert flags == {"E1": True, "E2": False, "E3": True}


def test_an_absent_or_empty_in_cluster_keeps_the_membership(session: Session, tmp_path: Path) -> None:
    run_import(session, write_basic(tmp_path / "in"))
    before = _memberships(session)
    without = tmp_path / "without"
    without.mkdir()
    headers = ["id", "name_zh", "country", "city", "source"]
    renamed = [{**e, "name_zh": e["name_zh"] + "（新）"} for e in ENTERPRISES]
    write_csv(without / "enterprises.csv", "enterprises", renamed, headers=headers)
    report = run_import(session, without)
    assert report.counts["enterprises"].updated == 3 and _memberships(session) == before
    empty = tmp_path / "empty"
    empty.mkdir()
    write_csv(empty / "enterprises.csv", "enterprises", [{**e, "in_cluster": ""} for e in ENTERPRISES])
    run_import(session, empty)
    assert _memberships(session) == before
    flags = {e.id: e.in_cluster for e in list_page(session, ENTERPRISE_KIND, ListQuery()).items}
    assert flags == {"E1": True, "E2": False, "E3": True}


def test_an_export_writes_in_cluster_and_imports_back_unchanged(session: Session, tmp_path: Path) -> None:
    run_import(session, write_two_clusters(tmp_path / "in"))
    out = tmp_path / "out"
    export_registry(session, admin_user(), out)
    with (out / "enterprises.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["id"]: row["in_cluster"] for row in rows} == {"E1": "true", "E2": "false", "E3": "true"}
    counts, memberships = registry_counts(session), _memberships(session)
    report = run_import(session, out)
    assert registry_counts(session) == counts and _memberships(session) == memberships
    assert all(c.added == 0 and c.updated == 0 for c in report.counts.values()), report.counts


# --- users scoped to clusters ----------------------------------------------------------------------------------

SCOPED = User(id=7, username="hyd_office", role=Role.ANALYST, clusters=("hyd",))
UNSCOPED = User(id=8, username="ana", role=Role.ANALYST)


def test_a_scoped_user_gets_their_cluster_and_is_refused_the_others(session: Session, tmp_path: Path) -> None:
    run_import(session, write_two_clusters(tmp_path / "in"))
    assert resolve_cluster(session, SCOPED, None).id == "hyd"  # no cluster named: the user's own
    assert resolve_cluster(session, SCOPED, "hyd").id == "hyd"
    with pytest.raises(NotAllowed) as refused:
        resolve_cluster(session, SCOPED, "default")
    assert (refused.value.code, refused.value.signed_in) == ("cluster.not_yours", True)  # the API answers 403
    assert refused.value.params == {"clusters": "hyd"}
    assert [c.id for c in visible_clusters(session, SCOPED)] == ["hyd"]
    assert resolve_cluster(session, UNSCOPED, None).id == "default"
    assert [c.id for c in visible_clusters(session, UNSCOPED)] == ["default", "hyd"]


def test_an_unknown_cluster_names_the_known_ones(session: Session, tmp_path: Path) -> None:
    run_import(session, write_two_clusters(tmp_path / "in"))
    # a scoped user is told only of the clusters of their scope (SCOPED: hyd)
    for user, known in ((UNSCOPED, "default, hyd"), (SCOPED, "hyd"), (None, "default, hyd")):
        with pytest.raises(NotFound) as unknown:
            resolve_cluster(session, user, "nowhere")
        assert unknown.value.code == "cluster.unknown"
        assert unknown.value.params == {"cluster": "nowhere", "known": known}
        assert unknown.value.text("en") == f"no cluster with id nowhere; known clusters: {known}"


def test_a_user_whose_clusters_are_all_deleted_sees_none_not_the_default(session: Session, tmp_path: Path) -> None:
    run_import(session, write_two_clusters(tmp_path / "in"))
    gone = SCOPED.model_copy(update={"clusters": ("deleted-one",)})
    for named in (None, "default", "hyd"):
        with pytest.raises(NotAllowed) as refused:
            resolve_cluster(session, gone, named)
        assert refused.value.code == "cluster.not_yours"


def test_the_registry_counts_the_migrations_default_cluster(session: Session) -> None:
    assert {c.id for c in visible_clusters(session, None)} == {"default"}
    assert registry_counts(session)["clusters"] == 1 and registry_counts(session)["cluster_members"] == 0
