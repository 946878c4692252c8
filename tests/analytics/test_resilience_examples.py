"""The engine reproduces the shared expected results (one case by hand, two from a separate implementation)
to the format doc's tolerance, from the network folders through `read_network`."""

from __future__ import annotations

import json

import pytest
from tests.shared_data import shared

from chainatlas.analytics.resilience import SerialExecutor, analyze, local_executor
from chainatlas.interchange.resilience_files import read_network

EXAMPLES = shared("resilience-examples")
FIELDS = ("pi", "rei", "tts_days", "ttr_days", "exposure_days")


def _close(got: float, want: float) -> bool:
    """1e-6 relative, or 1e-6 absolute where the value is below 1 (format doc)."""
    return abs(got - want) <= 1e-6 * max(1.0, abs(want))


@pytest.mark.parametrize("name", ["mixed-node", "random-3-tier", "willems-07"])
def test_expected_values_are_reproduced(name: str) -> None:
    expected = json.loads((EXAMPLES / name / "expected.json").read_text(encoding="utf-8"))["nodes"]
    got = analyze(read_network(EXAMPLES / name), executor=SerialExecutor()).to_json()
    assert [x["id"] for x in got["nodes"]] == [x["id"] for x in expected]
    for mine, theirs in zip(got["nodes"], expected, strict=True):
        assert set(mine) == {"id", "pi", "rei", "tts_days", "ttr_days", "exposure_days", "spof"}
        assert mine["spof"] is theirs["spof"], mine["id"]
        for field in FIELDS:
            assert _close(mine[field], theirs[field]), (mine["id"], field, mine[field], theirs[field])
    assert got["scenarios"] == []


def test_the_process_pool_gives_the_same_results_and_reports_progress() -> None:
    network = read_network(EXAMPLES / "random-3-tier")
    calls: list[tuple[int, int]] = []
    with local_executor() as pool:
        pooled = analyze(network, executor=pool, progress=lambda done, total: calls.append((done, total)))
    serial = analyze(network, executor=SerialExecutor())
    assert [(r.id, r.pi, r.tts_days) for r in pooled.nodes] == [
        (r.id, pytest.approx(r.pi, rel=1e-9, abs=1e-9), pytest.approx(r.tts_days, rel=1e-9)) for r in serial.nodes
    ]
    assert calls[-1][0] == calls[-1][1] and [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_mixed_node_by_hand() -> None:
    # The README's hand computation: E down 5 days loses 30 own sales (3,000), T down 10 days 70 trucks
    # (70,000), P down 20 days 150,000 minus T's 10 lost to capacity anyway = 140,000.
    nodes = {r.id: r for r in analyze(read_network(EXAMPLES / "mixed-node"), executor=SerialExecutor()).nodes}
    assert [nodes[x].pi for x in "ETP"] == [pytest.approx(3000), pytest.approx(70000), pytest.approx(140000)]
    assert [nodes[x].tts_days for x in "ETP"] == [pytest.approx(3.5), pytest.approx(3), pytest.approx(3.5)]
