"""`chainatlas chain … --json` keeps its keys and value types: scripts read them (money as JSON numbers).

On the basic registry plus makers (tests/api/test_chain_api.py works its values out by hand): E2 (Germany,
outside) makes hydraulics, so it is the one attraction target of U.HYD.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import Cli
from tests.factories import write_basic, write_csv

NODE_KEYS = {
    "code": str,
    "enterprises_in_cluster": int,
    "enterprises_outside": int,
    "output_in_cluster": float,
    "purchases": float,
    "local_value": float,
    "local_rate_value": float,
    "suppliers": int,
    "local_suppliers": int,
    "local_rate_count": float,
    "hhi": float,
    "customer_hhi": float,
    "foreign_share": float,
    "single_source_links": int,
    "customer_node_pairs": int,
    "key_technology": bool,
    "suppressed": bool,
    "location_quotient": type(None),
    "covered": bool,
}
GAP_KEYS = {
    "code": str,
    "purchases": float,
    "local_rate_value": float,
    "gap": float,
    "feasibility": float,
    "criticality": float,
    "key_technology": bool,
    "strategic_value": float,
    "attractiveness": float,
    "score": float,
    "quadrant": str,
    "quadrant_zh": str,
    "reason_en": str,
    "reason_zh": str,
}
FACTORS = ["match", "scale", "tags", "links", "region"]


def types_of(item: dict[str, Any]) -> dict[str, type]:
    return {key: type(value) for key, value in item.items()}


def registry(cli: Cli, tmp_path: Path) -> None:
    folder = write_basic(tmp_path / "in")
    makes = [{"enterprise_id": "E2", "node_code": "U.HYD", "annual_output_cny": "1000", "source": "synthetic"}]
    write_csv(folder / "enterprise_nodes.csv", "enterprise_nodes", makes)
    assert cli("import", str(folder))[0] == 0


def test_metrics_json_keys_and_types(cli: Cli, tmp_path: Path) -> None:
    registry(cli, tmp_path)
    code, out, err = cli("chain", "metrics", "--json")
    assert code == 0, err
    body = json.loads(out)
    assert list(body) == ["year", "cluster", "cluster_hhi", "min_makers", "nodes"]
    # the migration's default cluster (id `default`) is the one analysed without --cluster
    assert (body["year"], body["cluster"], body["cluster_hhi"], body["min_makers"]) == (None, "default", 0.52, 1)
    hydraulics = next(node for node in body["nodes"] if node["code"] == "U.HYD")
    assert list(hydraulics) == list(NODE_KEYS) and types_of(hydraulics) == NODE_KEYS
    assert (hydraulics["purchases"], hydraulics["local_value"], hydraulics["output_in_cluster"]) == (1e6, 4e5, 0.0)


def test_gaps_json_keys_and_types(cli: Cli, tmp_path: Path) -> None:
    registry(cli, tmp_path)
    body = json.loads(cli("chain", "gaps", "--json")[1])
    assert list(body) == ["year", "cluster", "gaps"] and body["cluster"] == "default"
    assert list(body["gaps"][0]) == list(GAP_KEYS) and types_of(body["gaps"][0]) == GAP_KEYS
    assert (body["gaps"][0]["purchases"], body["gaps"][0]["gap"]) == (1e6, 6e5)  # 1,000,000 × (1 − 0.4)


def test_targets_json_keys_and_types(cli: Cli, tmp_path: Path) -> None:
    registry(cli, tmp_path)
    body = json.loads(cli("chain", "targets", "U.HYD", "--json")[1])
    assert list(body) == ["node", "cluster", "targets"] and (body["node"], body["cluster"]) == ("U.HYD", "default")
    target = body["targets"][0]
    assert list(target) == ["firm_id", "name", "score", "factors", "reasons"]
    assert (target["firm_id"], type(target["name"]), type(target["score"])) == ("E2", str, float)
    assert list(target["factors"]) == FACTORS and all(type(v) is float for v in target["factors"].values())
    assert list(target["reasons"]) == FACTORS and all(type(v) is str for v in target["reasons"].values())


def test_whatif_json_keys_and_types(cli: Cli, tmp_path: Path) -> None:
    registry(cli, tmp_path)
    code, out, err = cli("chain", "whatif", "--attract", "E2", "--add-supplier", "E3:U.HYD:E1:500000", "--json")
    assert code == 0, err
    body = json.loads(out)
    assert list(body) == ["year", "cluster", "changes", "differences", "saved_id"] and body["saved_id"] is None
    assert body["changes"] == [
        {"action": "attract", "firm": "E2", "district": None},
        {"action": "add_supplier", "firm": "E3", "node": "U.HYD", "customer": "E1", "value": 500000.0},
    ]
    hydraulics = next(d for d in body["differences"] if d["code"] == "U.HYD")
    assert list(hydraulics) == ["code", "changes"]
    # E2 moves in (an in-cluster maker, its 600,000 now local) and E3 adds 500,000: all 1,500,000 local.
    assert hydraulics["changes"]["purchases"] == {"before": 1e6, "after": 1.5e6}
    assert hydraulics["changes"]["local_rate_value"] == {"before": 0.4, "after": 1.0}
    assert hydraulics["changes"]["enterprises_in_cluster"] == {"before": 0, "after": 1}
    assert type(hydraulics["changes"]["local_suppliers"]["after"]) is int
    saved = json.loads(cli("chain", "whatif", "--attract", "E2@长沙县", "--save", "试算", "--json")[1])
    assert saved["saved_id"] == 1 and saved["changes"] == [{"action": "attract", "firm": "E2", "district": "长沙县"}]
