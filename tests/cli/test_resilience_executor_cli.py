"""`chainatlas resilience analyze|mitigations --executor`: the same JSON on a Dask cluster (two local worker
processes, reached by `dask://HOST:PORT`, from the option or CHAINATLAS_EXECUTOR) as on the local pool and in
this process; a bad spec exits 2 naming the parameter it came from, an unreachable scheduler exits 1 naming
its address."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import Client
from tests.conftest import Cli
from tests.dask_cluster import dask_spec, local_cluster
from tests.resilience_cases import tiny_registry
from tests.shared_data import shared

from chainatlas.services import resilience_executors

WILLEMS = shared("willems-2008")
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with local_cluster() as found:
        yield found


def _transitions(client: Client) -> int:
    """Return how many task transitions the scheduler has made (it grows when work runs there)."""
    return int(client.run_on_scheduler(lambda dask_scheduler: dask_scheduler.transition_counter))


def _analyze(cli: Cli, *args: str) -> str:
    code, out, err = cli("resilience", "analyze", "--json", *args)
    assert code == 0, err
    return out


def test_the_registry_analysed_on_dask_gives_the_hand_values(cli: Cli, client: Client, tmp_path: Path) -> None:
    assert cli("import", str(tiny_registry(tmp_path / "in")))[0] == 0
    before = _transitions(client)
    on_dask = _analyze(cli, "--scenario", "node:S,A", "--executor", dask_spec(client))
    assert _transitions(client) > before  # the LPs ran on the cluster
    # S stops for 20 days: A gets S's 50 units and its own 20 of the 200 it sells → 130 short × 100 yuan;
    # both stop: A sells only its own 20 → 180 × 100 (tests/cli/test_resilience_cli.py works them out).
    data = json.loads(on_dask)
    assert {n["id"]: round(n["pi"], 6) for n in data["nodes"]} == {"A": 3000.0, "S": 13000.0}
    assert round(data["scenarios"][0]["pi"], 6) == 18000.0
    assert on_dask == _analyze(cli, "--scenario", "node:S,A", "--executor", "serial")


@pytest.mark.skipif(not WILLEMS.is_dir(), reason=f"no Willems chains at {WILLEMS}")
def test_a_network_folder_on_dask_equals_the_local_pool(
    cli: Cli, client: Client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "w20"
    stages, arcs = WILLEMS / "chain_20_stages.csv", WILLEMS / "chain_20_arcs.csv"
    assert cli("resilience", "import-willems", str(stages), str(arcs), str(folder), "--seed", "20")[0] == 0
    scenarios = ("--scenario", "location:synthetic/site2", "--scenario", "location:synthetic/site5")
    local = _analyze(cli, "--network", str(folder), *scenarios)  # the default: local
    assert _analyze(cli, "--network", str(folder), *scenarios, "--executor", dask_spec(client)) == local
    monkeypatch.setenv("CHAINATLAS_EXECUTOR", dask_spec(client))
    before = _transitions(client)
    assert _analyze(cli, "--network", str(folder), *scenarios) == local
    assert _transitions(client) > before  # CHAINATLAS_EXECUTOR sent it to the cluster
    code, out, err = cli("resilience", "mitigations", "--network", str(folder), "--json", "--top", "2")
    assert code == 0, err
    code, local_out, err = cli(
        "resilience", "mitigations", "--network", str(folder), "--json", "--top", "2", "--executor", "local"
    )
    assert code == 0, err
    assert out == local_out and json.loads(out)["mitigations"]


def test_a_bad_spec_exits_2_naming_its_parameter(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = cli("resilience", "analyze", "--executor", "dask://nowhere")
    assert code == 2
    assert err.strip() == (
        "error: --executor: must be local (a process pool on this machine, the default), serial (in this "
        "process) or dask://HOST:PORT (a Dask scheduler) (dask://nowhere)"
    )
    code, _, err = cli("resilience", "mitigations", "--executor", "pool", lang="zh_CN.UTF-8")
    assert code == 2 and err.startswith("错误：--executor: 须为 local（本机进程池，默认）") and "(pool)" in err
    monkeypatch.setenv("CHAINATLAS_EXECUTOR", "tcp://10.0.0.1:8786")
    code, _, err = cli("resilience", "analyze")
    assert code == 2 and err.startswith("error: CHAINATLAS_EXECUTOR: must be local") and "tcp://10.0.0.1:8786" in err
    assert cli("resilience", "analyze", "--executor", "Serial")[0] != 2  # the option wins over the setting


def test_an_unreachable_scheduler_exits_1_naming_its_address(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(resilience_executors, "CONNECT_TIMEOUT_S", 1.0)
    code, out, err = cli("resilience", "analyze", "--json", "--executor", "dask://127.0.0.1:9")
    assert code == 1 and out == ""
    assert err.startswith("error: cannot reach the Dask scheduler at tcp://127.0.0.1:9 within 1 s (")
    assert "Traceback" not in err
    code, _, err = cli("resilience", "analyze", "--executor", "dask://127.0.0.1:9", lang="zh_CN.UTF-8")
    assert code == 1 and err.startswith("错误：1 秒内连不上 Dask 调度器 tcp://127.0.0.1:9（")
