"""`--cluster` on `chainatlas scorecard`, `projects status` and `fair recommend`, with two clusters present
(tests/cluster_cases.py; the fair F1 of tests/fair_cases.py): hyd, the default, and an unknown id."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.cluster_scope_cases import (
    AS_OF,
    DEFAULT_PROJECTS,
    DEFAULT_TARGETS,
    HYD_PROJECTS,
    HYD_TARGETS,
    write_clusters_registry,
)
from tests.conftest import Cli
from tests.factories import SECOND_CLUSTER, write_csv
from tests.fair_cases import write_fair

COMMANDS = (("scorecard", "--as-of", AS_OF, "--json"), ("projects", "status", "--as-of", AS_OF, "--json"))


@pytest.fixture
def two(cli: Cli, tmp_path: Path) -> Cli:
    code, _, err = cli("import", str(write_clusters_registry(tmp_path / "in")))
    assert code == 0, err
    return cli


def _json(cli: Cli, *args: str) -> Any:
    code, out, err = cli(*args)
    assert code == 0, err
    return json.loads(out)


def test_the_scorecard_of_each_cluster(two: Cli) -> None:
    default, hyd = _json(two, *COMMANDS[0]), _json(two, *COMMANDS[0], "--cluster", "hyd")
    assert (default["cluster"], hyd["cluster"]) == ("default", "hyd")
    assert {(t["metric"], t["scope"]) for t in default["targets"]} == DEFAULT_TARGETS
    assert {(t["metric"], t["scope"]) for t in hyd["targets"]} == HYD_TARGETS
    code, out, _ = two("scorecard", "--as-of", AS_OF, "--cluster", "hyd")
    assert code == 0 and "cluster hyd" in out and "cluster:hyd" in out


def test_the_projects_of_each_cluster(two: Cli) -> None:
    default, hyd = _json(two, *COMMANDS[1]), _json(two, *COMMANDS[1], "--cluster", "hyd")
    assert {p["id"] for p in default["projects"]} == DEFAULT_PROJECTS
    assert {p["id"] for p in hyd["projects"]} == HYD_PROJECTS
    assert hyd["cluster"] == "hyd"


@pytest.mark.parametrize("command", COMMANDS)
def test_no_option_is_the_default_cluster(two: Cli, command: tuple[str, ...]) -> None:
    assert _json(two, *command) == _json(two, *command, "--cluster", "default")


@pytest.mark.parametrize("command", COMMANDS)
def test_an_unknown_cluster_is_a_usage_error_naming_the_known_ones(two: Cli, command: tuple[str, ...]) -> None:
    code, out, err = two(*command, "--cluster", "nope")
    assert (code, out) == (2, "") and "no cluster with id nope; known clusters: default, hyd" in err


def test_fair_recommendations_take_the_clusters_gaps(cli: Cli, tmp_path: Path) -> None:
    folder = write_fair(tmp_path / "fair")
    write_csv(folder / "clusters.csv", "clusters", [SECOND_CLUSTER])
    assert cli("import", str(folder))[0] == 0
    default = _json(cli, "fair", "recommend", "F1", "B1", "--json")
    hyd = _json(cli, "fair", "recommend", "F1", "B1", "--cluster", "hyd", "--json")
    # default: X1 (E2, outside) offers the gap U.HYD to B1 (E1, inside) → bonus 1; hyd holds E2 but not E1 → 0
    gap = {r["exhibitor"]: r["parts"]["gap"] for r in default["recommendations"]}
    assert gap["X1"] == pytest.approx(1.0)
    assert {r["parts"]["gap"] for r in hyd["recommendations"]} == {0.0}
    code, _, err = cli("fair", "recommend", "F1", "B1", "--cluster", "nope")
    assert code == 1 and "default, hyd" in err
