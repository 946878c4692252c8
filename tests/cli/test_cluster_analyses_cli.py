"""`chainatlas chain …` and `chainatlas resilience …` take `--cluster`: two clusters over one registry give the
results worked out by hand (the registry and the arithmetic: tests/api/test_cluster_analyses_api.py), no option
means the default cluster, and an unknown id exits 2 naming the known clusters in the command line's language."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import Cli
from tests.factories import write_two_clusters


@pytest.fixture
def two(cli: Cli, tmp_path: Path) -> Cli:
    assert cli("import", str(write_two_clusters(tmp_path / "in")))[0] == 0
    return cli


def run_json(cli: Cli, *args: str) -> Any:
    code, out, err = cli(*args, "--json")
    assert code == 0, err
    return json.loads(out)


def with_cluster(cluster: str | None) -> list[str]:
    return [] if cluster is None else ["--cluster", cluster]


def test_chain_metrics_gaps_and_targets_per_cluster(two: Cli) -> None:
    metrics = {c: run_json(two, "chain", "metrics", *with_cluster(c)) for c in ("default", "hyd", None)}
    assert (metrics["default"]["cluster"], metrics["hyd"]["cluster"]) == ("default", "hyd")
    assert [n["code"] for n in metrics["hyd"]["nodes"]] == ["U", "U.HYD"]
    mine = next(n for n in metrics["default"]["nodes"] if n["code"] == "U.HYD")
    theirs = next(n for n in metrics["hyd"]["nodes"] if n["code"] == "U.HYD")
    # default: E1 buys 1,000,000, 400,000 from E3 (a member); hyd: no member buys, E2 (a member) makes U.HYD
    assert (mine["purchases"], mine["local_rate_value"], mine["enterprises_in_cluster"]) == (1e6, 0.4, 0)
    assert (theirs["purchases"], theirs["local_rate_value"], theirs["enterprises_in_cluster"]) == (0.0, None, 1)
    assert metrics[None] == metrics["default"]
    gaps = {c: run_json(two, "chain", "gaps", *with_cluster(c)) for c in ("default", "hyd", None)}
    assert [g["code"] for g in gaps["default"]["gaps"]] == ["U.HYD"] and gaps["hyd"]["gaps"] == []
    assert gaps[None] == gaps["default"]
    targets = {c: run_json(two, "chain", "targets", "U.HYD", *with_cluster(c)) for c in ("default", "hyd", None)}
    assert [t["firm_id"] for t in targets["default"]["targets"]] == ["E2"] and targets["hyd"]["targets"] == []
    assert targets[None] == targets["default"]


def test_chain_whatif_per_cluster(two: Cli) -> None:
    runs = {c: run_json(two, "chain", "whatif", "--attract", "E1", *with_cluster(c)) for c in ("default", "hyd", None)}
    assert (runs["default"]["cluster"], runs["default"]["differences"]) == ("default", [])  # E1 is a member already
    moved = next(d for d in runs["hyd"]["differences"] if d["code"] == "U.HYD")["changes"]
    # E1 joins hyd: it buys 600,000 from E2, a member → purchases 0 → 600,000, local rate none → 1.0
    assert moved["purchases"] == {"before": 0.0, "after": 600000.0}
    assert moved["local_rate_value"] == {"before": None, "after": 1.0}
    assert runs[None] == runs["default"]


def test_resilience_analyze_and_mitigations_per_cluster(two: Cli) -> None:
    analyses = {c: run_json(two, "resilience", "analyze", *with_cluster(c)) for c in ("default", "hyd", None)}
    # the sites are E1, E2, E3 for both; members: E1 and E3 of default, E2 of hyd
    assert (analyses["default"]["cluster"], analyses["default"]["in_cluster"]) == ("default", ["E1", "E3"])
    assert (analyses["hyd"]["cluster"], analyses["hyd"]["in_cluster"]) == ("hyd", ["E2"])
    assert analyses["default"]["nodes"] == analyses["hyd"]["nodes"]  # the same network and figures
    assert analyses[None] == analyses["default"]
    found = {c: run_json(two, "resilience", "mitigations", *with_cluster(c)) for c in ("default", "hyd")}
    assert (found["default"]["cluster"], found["hyd"]["cluster"]) == ("default", "hyd")


COMMANDS = [
    ("chain", "metrics"),
    ("chain", "gaps"),
    ("chain", "targets", "U.HYD"),
    ("chain", "whatif", "--attract", "E1"),
    ("resilience", "analyze"),
    ("resilience", "mitigations"),
]


@pytest.mark.parametrize("command", COMMANDS)
def test_an_unknown_cluster_exits_2_naming_the_known_ones(two: Cli, command: tuple[str, ...]) -> None:
    code, out, err = two(*command, "--cluster", "nope", lang="zh_CN.UTF-8")
    assert (code, out) == (2, "")
    assert "没有编号为“nope”的集群；已有：default, hyd" in " ".join(err.split())
    code, _, err = two(*command, "--cluster", "nope")
    assert code == 2 and "no cluster with id nope; known clusters: default, hyd" in " ".join(err.split())


def test_a_network_folder_has_no_cluster(two: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "net"
    assert two("resilience", "export-network", str(folder))[0] == 0
    code, _, err = two("resilience", "analyze", "--network", str(folder), "--cluster", "hyd")
    assert code == 2 and "--cluster applies to the registry only" in " ".join(err.split())
    code, _, err = two("resilience", "analyze", "--network", str(folder), "--cluster", "hyd", lang="zh_CN.UTF-8")
    assert code == 2 and "--cluster只适用于登记库" in "".join(err.split())


def test_synth_takes_at_most_155_clusters(two: Cli, tmp_path: Path) -> None:
    # 155 = the province codes × place numbers the generator can spell (interchange/synth_clusters.py)
    assert two("synth", str(tmp_path / "s"), "--enterprises", "10", "--links", "0", "--clusters", "156")[0] == 2
