"""Migration 0014 turns a one-cluster registry (the enterprise flag `in_cluster`) into the default cluster's
memberships and loses nothing: every table keeps its rows, and the default cluster's chain metrics are the ones
the flag gave.

The registry is written at revision 0013 with plain SQL, and the metrics expected after the upgrade are worked
out from those rows by a brute force below (and, for U.HYD, by hand), never by the code under test.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal
from typing import Any

import pytest
from alembic import command
from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.orm import Session
from tests.factories import admin_user

from chainatlas.services.chain import chain_metrics
from chainatlas.services.records import get_record
from chainatlas.store.migrate import alembic_config, current_revision, head_revision

NODES = [  # (code, parent, segment, key technology)
    ("U", None, "upstream", False),
    ("U.HYD", "U", "upstream", True),
    ("M", None, "midstream", False),
    ("M.EXC", "M", "midstream", False),
]
FIRMS = [  # (id, country, city, in_cluster)
    ("E1", "CN", "长沙", True),
    ("E2", "DE", None, False),
    ("E3", "CN", "长沙", True),
    ("E4", "CN", "株洲", False),
    ("E5", "JP", None, False),
]
MAKES = [("E1", "M.EXC", 5000), ("E3", "U.HYD", 300), ("E2", "U.HYD", 900), ("E4", "U.HYD", 100)]
LINKS = [  # (supplier, customer, node, annual value in yuan)
    ("E2", "E1", "U.HYD", 600_000),
    ("E3", "E1", "U.HYD", 400_000),
    ("E4", "E1", "U.HYD", 100_000),
    ("E5", "E3", "U.HYD", 50_000),
    ("E1", "E4", "M.EXC", 70_000),  # bought by a firm outside the cluster: no purchase of the cluster
]
AT = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
FEN_PER_YUAN = 100
"""Money columns hold whole fen (store/types.py `Fen`)."""


def _fill_at_0013(connection: Connection) -> None:
    """Write the registry, a user and an indicator into the schema of revision 0013."""
    for code, parent, segment, key in NODES:
        connection.execute(
            text(
                "INSERT INTO chain_nodes (code, parent_code, name_zh, segment, key_technology, source) "
                "VALUES (:code, :parent, :code, :segment, :key, 'synthetic')"
            ),
            {"code": code, "parent": parent, "segment": segment, "key": key},
        )
    for firm, country, city, inside in FIRMS:
        connection.execute(
            text(
                "INSERT INTO enterprises (id, name_zh, country, city, in_cluster, tags, source) "
                "VALUES (:id, :id, :country, :city, :inside, '', 'synthetic')"
            ),
            {"id": firm, "country": country, "city": city, "inside": inside},
        )
    for firm, node, output in MAKES:
        connection.execute(
            text(
                "INSERT INTO enterprise_nodes (enterprise_id, node_code, annual_output_cny, source) "
                "VALUES (:firm, :node, :output, 'synthetic')"
            ),
            {"firm": firm, "node": node, "output": output * FEN_PER_YUAN},
        )
    for supplier, customer, node, value in LINKS:
        connection.execute(
            text(
                "INSERT INTO supply_links (supplier_id, customer_id, node_code, annual_value_cny, confidential, source)"
                " VALUES (:supplier, :customer, :node, :value, :no, 'synthetic')"
            ),
            {"supplier": supplier, "customer": customer, "node": node, "value": value * FEN_PER_YUAN, "no": False},
        )
    connection.execute(
        text(
            "INSERT INTO users (username, role, password_hash, must_change_password, is_active, created_at) "
            "VALUES ('ana', 'analyst', 'not-a-hash', :no, :yes, :at)"
        ),
        {"no": False, "yes": True, "at": AT},
    )
    connection.execute(
        text(
            "INSERT INTO indicators (metric, scope, period, value, source) "
            "VALUES ('output_value', 'cluster', '2024', 2500, 'synthetic')"
        )
    )


def _row_counts(engine: Engine, tables: list[str]) -> dict[str, int]:
    with engine.connect() as connection:
        return {name: connection.execute(text(f'SELECT COUNT(*) FROM "{name}"')).scalar_one() for name in tables}


def _subtree(code: str, parent_of: dict[str, str | None]) -> set[str]:
    """Return a node and every node below it (a node is below `code` when `code` is one of its ancestors)."""
    found = set()
    for other in parent_of:
        walk: str | None = other
        while walk is not None and walk != code:
            walk = parent_of[walk]
        if walk == code:
            found.add(other)
    return found


def _brute_force(nodes: list[Any], firms: list[Any], makes: list[Any], links: list[Any]) -> dict[str, dict[str, Any]]:
    """Return the chain metrics of every node, from the 0013 rows: members are the flagged firms, purchases the
    links whose customer is a member, local a member supplier, foreign a supplier outside the members' country."""
    parent_of = {row.code: row.parent_code for row in nodes}
    inside = {row.id for row in firms if row.in_cluster}
    country = {row.id: row.country for row in firms}
    home = Counter(country[firm] for firm in inside).most_common(1)[0][0]
    expected: dict[str, dict[str, Any]] = {}
    for code in parent_of:
        below = _subtree(code, parent_of)
        made = [m for m in makes if m.node_code in below]
        bought = [link for link in links if link.node_code in below and link.customer_id in inside]
        total = sum(link.annual_value_cny for link in bought) / FEN_PER_YUAN
        by_supplier = Counter[str]()
        for link in bought:
            by_supplier[link.supplier_id] += link.annual_value_cny / FEN_PER_YUAN
        pairs = Counter((link.customer_id, link.node_code) for link in bought)
        expected[code] = {
            "enterprises_in_cluster": len({m.enterprise_id for m in made if m.enterprise_id in inside}),
            "enterprises_outside": len({m.enterprise_id for m in made if m.enterprise_id not in inside}),
            "output_in_cluster": sum(m.annual_output_cny for m in made if m.enterprise_id in inside) / FEN_PER_YUAN,
            "purchases": total,
            "local_value": sum(v for s, v in by_supplier.items() if s in inside),
            "suppliers": len(by_supplier),
            "local_suppliers": len([s for s in by_supplier if s in inside]),
            "hhi": sum((v / total) ** 2 for v in by_supplier.values()) if total else None,
            "foreign_share": sum(v for s, v in by_supplier.items() if country[s] != home) / total if total else None,
            "single_source_links": len([p for p, n in pairs.items() if n == 1]),
            "customer_node_pairs": len(pairs),
        }
    return expected


def _read_0013(engine: Engine) -> dict[str, list[Any]]:
    with engine.connect() as connection:
        return {
            "nodes": connection.execute(text("SELECT code, parent_code FROM chain_nodes")).all(),
            "firms": connection.execute(text("SELECT id, country, in_cluster FROM enterprises")).all(),
            "makes": connection.execute(
                text("SELECT enterprise_id, node_code, annual_output_cny FROM enterprise_nodes")
            ).all(),
            "links": connection.execute(
                text("SELECT supplier_id, customer_id, node_code, annual_value_cny FROM supply_links")
            ).all(),
        }


def _at_0013(engine: Engine) -> list[str]:
    """Take the test database back to revision 0013, fill it, and return its tables."""
    command.downgrade(alembic_config(engine), "0013")
    assert current_revision(engine) == "0013"
    with engine.begin() as connection:
        _fill_at_0013(connection)
    return [name for name in inspect(engine).get_table_names() if name != "alembic_version"]


def test_the_upgrade_keeps_every_row_and_makes_the_flag_the_default_clusters_members(engine: Engine) -> None:
    tables = _at_0013(engine)
    before = _row_counts(engine, tables)
    assert (before["enterprises"], before["supply_links"], before["users"]) == (5, 5, 1)
    command.upgrade(alembic_config(engine), "head")
    assert current_revision(engine) == head_revision(engine)
    # registry_state is bookkeeping: later migrations add a version row per concern (0018: news)
    assert {k: v for k, v in _row_counts(engine, tables).items() if k != "registry_state"} == {
        k: v for k, v in before.items() if k != "registry_state"
    }
    with engine.connect() as connection:
        clusters = connection.execute(text("SELECT id, region, root_code, is_default FROM clusters")).all()
        members = connection.execute(text("SELECT cluster_id, enterprise_id, included FROM cluster_members")).all()
        scopes = connection.execute(text("SELECT username, clusters FROM users")).all()
    assert [(c.id, c.region, c.root_code, bool(c.is_default)) for c in clusters] == [("default", "", None, True)]
    assert sorted((m.cluster_id, m.enterprise_id, bool(m.included)) for m in members) == [
        ("default", "E1", True),
        ("default", "E3", True),
    ]
    assert [(u.username, u.clusters) for u in scopes] == [("ana", "")]  # scoped to no cluster: sees every one
    with Session(engine) as session:
        flags = {firm: get_record(session, kind="enterprises", key=(firm,)).in_cluster for firm, *_ in FIRMS}
    assert flags == {firm: inside for firm, _, _, inside in FIRMS}


def test_the_default_clusters_chain_metrics_are_the_ones_the_flag_gave(engine: Engine) -> None:
    _at_0013(engine)
    expected = _brute_force(**_read_0013(engine))
    # By hand, U.HYD: the members E1 and E3 buy 600,000 (E2, DE) + 400,000 (E3) + 100,000 (E4) + 50,000 (E5, JP)
    # = 1,150,000; local 400,000; 4 suppliers, 1 local; HHI (600² + 400² + 100² + 50²) / 1150² = 532,500 /
    # 1,322,500; foreign (DE, JP) 650,000 / 1,150,000; pairs (E1, U.HYD) of 3 links and (E3, U.HYD) of 1.
    assert expected["U.HYD"] == {
        "enterprises_in_cluster": 1,  # E3 (E2 and E4 make it outside)
        "enterprises_outside": 2,
        "output_in_cluster": 300,
        "purchases": 1_150_000,
        "local_value": 400_000,
        "suppliers": 4,
        "local_suppliers": 1,
        "hhi": pytest.approx(532_500 / 1_322_500),
        "foreign_share": pytest.approx(650_000 / 1_150_000),
        "single_source_links": 1,
        "customer_node_pairs": 2,
    }
    command.upgrade(alembic_config(engine), "head")
    with Session(engine) as session:
        report = chain_metrics(session, admin_user())
        named = chain_metrics(session, admin_user(), cluster="default")
    assert report.cluster == named.cluster == "default" and report.nodes == named.nodes
    got = {node.code: node for node in report.nodes}
    assert set(got) == set(expected)
    for code, values in expected.items():
        for metric, value in values.items():
            found = getattr(got[code], metric)
            assert (float(found) if isinstance(found, Decimal) else found) == value, (code, metric)
        assert got[code].covered == (values["enterprises_in_cluster"] >= 1), code
        assert got[code].local_rate_value == (
            pytest.approx(values["local_value"] / values["purchases"]) if values["purchases"] else None
        ), code


def test_a_downgrade_gives_the_flag_back(engine: Engine) -> None:
    _at_0013(engine)
    command.upgrade(alembic_config(engine), "head")
    command.downgrade(alembic_config(engine), "0013")
    with engine.connect() as connection:
        flags = {row[0]: row[1] for row in connection.execute(text("SELECT id, in_cluster FROM enterprises"))}
    assert {firm: bool(flag) for firm, flag in flags.items()} == {firm: inside for firm, _, _, inside in FIRMS}
