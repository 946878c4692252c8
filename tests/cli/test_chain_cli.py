"""`chainatlas chain …` on the basic registry (hand-worked values in tests/api/test_chain_api.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import Cli
from tests.factories import write_basic, write_csv

REQUIRED = {
    "code",
    "enterprises_in_cluster",
    "local_rate_value",
    "local_rate_count",
    "hhi",
    "foreign_share",
    "single_source_links",
}


def test_metrics_json_has_one_entry_per_node(cli: Cli, tmp_path: Path) -> None:
    cli("import", str(write_basic(tmp_path / "in")))
    code, out, err = cli("chain", "metrics", "--json")
    assert code == 0, err
    nodes = json.loads(out)["nodes"]
    assert [n["code"] for n in nodes] == ["M", "M.EXC", "U", "U.HYD"]
    assert all(set(n) >= REQUIRED for n in nodes)
    hydraulics = nodes[3]
    assert (hydraulics["local_rate_value"], hydraulics["hhi"]) == (pytest.approx(0.4), pytest.approx(0.52))
    assert nodes[0]["local_rate_value"] is None
    assert [n["covered"] for n in nodes] == [False, False, False, False]  # nobody makes anything yet


def test_coverage_counts_in_cluster_makers(cli: Cli, tmp_path: Path) -> None:
    folder = write_basic(tmp_path / "in")
    makes = [
        {"enterprise_id": "E1", "node_code": "M.EXC", "source": "synthetic"},
        {"enterprise_id": "E3", "node_code": "U.HYD", "source": "synthetic"},
        {"enterprise_id": "E2", "node_code": "U.HYD", "source": "synthetic"},
    ]
    write_csv(folder / "enterprise_nodes.csv", "enterprise_nodes", makes)
    assert cli("import", str(folder))[0] == 0
    one = {n["code"]: n["covered"] for n in json.loads(cli("chain", "metrics", "--json")[1])["nodes"]}
    # E1 (in) makes excavators, E3 (in) and E2 (Germany) hydraulics: one in-cluster maker under each node.
    assert one == {"M": True, "M.EXC": True, "U": True, "U.HYD": True}
    two = json.loads(cli("chain", "metrics", "--min-makers", "2", "--json")[1])["nodes"]
    assert [n["covered"] for n in two] == [False, False, False, False]


def test_gaps_targets_and_whatif(cli: Cli, tmp_path: Path) -> None:
    cli("import", str(write_basic(tmp_path / "in")))
    gaps = json.loads(cli("chain", "gaps", "--json")[1])["gaps"]
    assert [g["code"] for g in gaps] == ["U.HYD"]
    assert cli("chain", "targets", "NOPE")[0] == 3
    code, out, _ = cli("chain", "whatif", "--add-supplier", "E3:U.HYD:E1:500000", "--json")
    assert code == 0
    change = next(d for d in json.loads(out)["differences"] if d["code"] == "U.HYD")["changes"]["local_rate_value"]
    assert change["after"] == pytest.approx(900_000 / 1_500_000)  # (400,000 + 500,000) / (1,000,000 + 500,000)
    assert cli("chain", "whatif")[0] == 2
    assert cli("chain", "whatif", "--attract", "E404", "--json")[0] == 3
    code, out, _ = cli("chain", "whatif", "--attract", "E2@长沙县", "--save", "试算", "--json")
    assert code == 0 and json.loads(out)["saved_id"] == 1
