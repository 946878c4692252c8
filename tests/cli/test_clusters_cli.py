"""`chainatlas clusters list|compare` (JSON keys, types and hand-worked figures of tests/cluster_cases.py, and the
Rich table), and users scoped to clusters from the command line (`user add --cluster`, `user set`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy.orm import Session
from tests.cluster_cases import EXPECTED, write_compared_clusters
from tests.conftest import Cli

from chainatlas.store.engine import make_engine
from chainatlas.store.users import UserRepository

FIGURE_TYPES = {
    "cluster": dict,
    "output": float,
    "size_classes": dict,
    "purchases": float,
    "suppliers": int,
    "local_rate_value": float,
    "local_rate_count": float,
    "key_technology_foreign_share": float,
    "suppressed": bool,
    "single_points_of_failure": type(None),
    "spof_basis": str,
    "targets_total": int,
    "targets_on_track": int,
    "targets_at_risk": int,
}


def _registry(cli: Cli, tmp_path: Path) -> None:
    code, _, err = cli("import", str(write_compared_clusters(tmp_path / "in")))
    assert code == 0, err


def test_compare_json_keys_types_and_figures(cli: Cli, tmp_path: Path) -> None:
    _registry(cli, tmp_path)
    code, out, err = cli("clusters", "compare", "--json", "--as-of", "2026-06-30")
    assert code == 0, err
    body = json.loads(out)
    assert list(body) == ["as_of", "year", "clusters"]
    for row in body["clusters"]:
        assert {key: type(value) for key, value in row.items()} == FIGURE_TYPES
        want = EXPECTED[row["cluster"]["id"]]
        assert (row["output"], row["purchases"]) == (want["output"], want["purchases"])  # money as numbers
        assert row["local_rate_value"] == pytest.approx(want["local_rate_value"])


def test_list_json_and_tables(cli: Cli, tmp_path: Path) -> None:
    _registry(cli, tmp_path)
    code, out, err = cli("clusters", "list", "--json")
    assert code == 0, err
    clusters = json.loads(out)["clusters"]
    assert [(c["id"], c["members"]) for c in clusters] == [("default", 2), ("hyd", 2)]
    code, out, _ = cli("clusters", "list")
    assert code == 0 and "德国液压件集群" in out and "country:DE" in out
    code, out, _ = cli("clusters", "compare", "--as-of", "2026-06-30")
    assert code == 0 and "32.0%" in out and "66.7%" in out  # default: by value 0.32, key-tech foreign 2/3


def test_users_scoped_from_the_command_line(cli: Cli, tmp_path: Path) -> None:
    _registry(cli, tmp_path)
    code, out, err = cli("user", "add", "hydana", "--role", "analyst", "--cluster", "hyd", "--json")
    assert code == 0, err
    assert json.loads(out)["user"]["clusters"] == ["hyd"]
    code, out, err = cli("user", "set", "hydana", "--cluster", "default", "--cluster", "hyd")
    assert code == 0 and "default, hyd" in out, err
    assert _scope(cli, "hydana") == ("default", "hyd")
    code, _, err = cli("user", "set", "hydana", "--cluster", "nope")
    assert code == 3 and "nope" in err
    code, _, _ = cli("user", "set", "hydana")
    assert code == 2  # neither --cluster nor --all-clusters
    assert cli("user", "set", "hydana", "--all-clusters")[0] == 0
    assert _scope(cli, "hydana") == ()


def _scope(cli: Cli, username: str) -> tuple[str, ...]:
    engine = make_engine(cli.db_url)
    with Session(engine) as session:
        user = UserRepository(session).by_username(username)
    engine.dispose()
    assert user is not None
    return user.clusters
