"""Two clusters in one hand-made registry (all synthetic), small enough to count every analysis by hand.

Clusters: `default` (the migration's: membership by explicit rows only, i.e. the enterprises imported with
in_cluster=true) and `hyd` (local: Germany; chain subtree U; E5 included by an explicit row).

| firm | country | makes | tags      | default            | hyd                                 |
|------|---------|-------|-----------|--------------------|-------------------------------------|
| E1   | CN      | M.EXC | 规上;链主 | in (row)           | out (not in DE)                     |
| E2   | DE      | U.HYD | 规上      | out                | in (DE and makes U.HYD below U)     |
| E3   | CN      | U.HYD | 专精特新  | in (row)           | out (not in DE)                     |
| E4   | DE      | M.EXC | 规上      | out                | out (DE, but M.EXC is not below U)  |
| E5   | CN      | —     | 规上;专精特新 | out            | in (explicit row)                   |

So default = {E1, E3}, hyd = {E2, E5}.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session
from tests.factories import NODES, SECOND_CLUSTER, write_csv

from chainatlas.services.context import Via, WriteContext
from chainatlas.services.imports import run_import

CTX = WriteContext(actor="setup", via=Via.CLI, at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
AS_OF = "2025-12-31"
S = "synthetic"


def _firm(firm_id: str, country: str, inside: str, tags: str) -> dict[str, str]:
    return {
        "id": firm_id,
        "name_zh": f"企业{firm_id}",
        "country": country,
        "in_cluster": inside,
        "tags": tags,
        "source": S,
    }


def _target(metric: str, scope: str, value: str, baseline: str = "") -> dict[str, str]:
    row = {"metric": metric, "scope": scope, "target_period": "2027", "target_value": value, "unit": "家", "source": S}
    return {**row, "baseline_period": "2023", "baseline_value": baseline} if baseline else row


def _observed(metric: str, scope: str, value: str, unit: str = "亿元") -> dict[str, str]:
    return {"metric": metric, "scope": scope, "period": "2024", "value": value, "unit": unit, "source": S}


FILES: dict[str, list[dict[str, str]]] = {
    "chain_nodes": NODES,
    "clusters": [SECOND_CLUSTER],
    "enterprises": [
        _firm("E1", "CN", "true", "规上;链主"),
        _firm("E2", "DE", "false", "规上"),
        _firm("E3", "CN", "true", "专精特新"),
        _firm("E4", "DE", "false", "规上"),
        _firm("E5", "CN", "false", "规上;专精特新"),
    ],
    "cluster_members": [{"cluster_id": "hyd", "enterprise_id": "E5", "included": "true", "source": S}],
    "enterprise_nodes": [
        {"enterprise_id": "E1", "node_code": "M.EXC", "source": S},
        {"enterprise_id": "E2", "node_code": "U.HYD", "source": S},
        {"enterprise_id": "E3", "node_code": "U.HYD", "source": S},
        {"enterprise_id": "E4", "node_code": "M.EXC", "source": S},
    ],
    "supply_links": [
        {"supplier_id": "E2", "customer_id": "E1", "node_code": "U.HYD", "annual_value_cny": "600000", "source": S},
        {"supplier_id": "E3", "customer_id": "E1", "node_code": "U.HYD", "annual_value_cny": "400000", "source": S},
    ],
    "targets": [
        _target("enterprises_above_scale", "cluster", "4", "1"),
        _target("enterprises_above_scale", "cluster:hyd", "3", "1"),
        _target("specialised_smes", "cluster:default", "3"),
        _target("output", "node:U.HYD", "9"),
        _target("output", "node:M.EXC", "9"),
        _target("output", "E1", "9"),
        _target("output", "E2", "9"),
    ],
    "indicators": [
        _observed("output", "cluster", "100"),
        _observed("output", "cluster:hyd", "10"),
        _observed("output", "node:U.HYD", "5"),
        _observed("output", "node:M.EXC", "7"),
    ],
    "projects": [
        {"id": "P1", "name_zh": "甲项目", "owner_id": "E1", "source": S},
        {"id": "P2", "name_zh": "乙项目", "owner_id": "E2", "source": S},
        {"id": "P3", "name_zh": "无业主项目", "source": S},
        {"id": "P4", "name_zh": "丁项目", "owner_id": "E4", "source": S},
    ],
}
DEFAULT_MEMBERS = {"E1", "E3"}
HYD_MEMBERS = {"E2", "E5"}
DEFAULT_TARGETS = {
    ("enterprises_above_scale", "cluster"),
    ("specialised_smes", "cluster:default"),
    ("output", "node:U.HYD"),
    ("output", "node:M.EXC"),
    ("output", "E1"),
    ("output", "E2"),
}
"""The default cluster's scorecard: its two scope names, every node (no subtree), every enterprise's target."""
HYD_TARGETS = {("enterprises_above_scale", "cluster:hyd"), ("output", "E2")}
"""hyd's: its own scope and its member E2's target (not E1's); no node scope (a `node:<code>` scope names no
cluster: it stays the default cluster's, even for U.HYD inside hyd's subtree)."""
DEFAULT_PROJECTS = {"P1", "P3"}
"""P1's owner E1 is a member; P3 has no owner (the default cluster's); P4's owner E4 is in no cluster."""
HYD_PROJECTS = {"P2"}


def write_clusters_registry(folder: Path) -> Path:
    """Write the two-cluster registry's files into a folder and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for kind, rows in FILES.items():
        write_csv(folder / f"{kind}.csv", kind, rows)
    return folder


def seed_clusters(engine: Engine, folder: Path) -> None:
    """Import the two-cluster registry into a database."""
    with Session(engine) as session:
        result = run_import(session, [write_clusters_registry(folder)], CTX)
        assert result.ok, result
        session.commit()
