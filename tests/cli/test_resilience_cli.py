"""`chainatlas resilience …` on a tiny registry worked out by hand: JSON shape and values, the network folder
round trip, the Willems import, mitigations, and errors that name the bad part."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import Cli
from tests.factories import write_csv
from tests.resilience_cases import tiny_registry
from tests.shared_data import shared

NODE_KEYS = {"id", "pi", "rei", "tts_days", "ttr_days", "exposure_days", "spof"}
SCENARIO_KEYS = {"name", "nodes", "ttr_days", "pi", "tts_days", "failed"}
WILLEMS = shared("willems-2008")

# S (Germany) is A's only supplier of the material M (one unit per unit, the default). A sells 10 a day at a
# margin of 100 yuan, holds 20 units and recovers in 5 days; S holds 50 units of M and recovers in 20 days.
#
# S stops for 20 days: A can make at most S's 50 units plus sell its own 20 → 70 of the 200 demanded;
#   130 short × 100 = PI 13,000 (the undisrupted network loses nothing). Demand is met while 10·t ≤ 70:
#   TTS 7 days, exposure 20 − 7 = 13. Its loss leaves A unable to make anything: a single point of failure.
# A stops for 5 days: it sells its 20 of 50 → 30 × 100 = PI 3,000; TTS 20/10 = 2, exposure 3; no other
#   site has demand, so it is no single point of failure. REI: S 1, A 3,000/13,000.
# S and A together (node:S,A) for 20 days (the longer TTR): A sells only its 20 of 200 → PI 18,000, TTS 2.
HAND = {
    "S": {"pi": 13000.0, "rei": 1.0, "tts_days": 7.0, "ttr_days": 20.0, "exposure_days": 13.0, "spof": True},
    "A": {"pi": 3000.0, "rei": 3000 / 13000, "tts_days": 2.0, "ttr_days": 5.0, "exposure_days": 3.0, "spof": False},
}


@pytest.fixture
def tiny(cli: Cli, tmp_path: Path) -> Cli:
    assert cli("import", str(tiny_registry(tmp_path / "in")))[0] == 0
    return cli


def assert_close(actual: float, expected: float) -> None:
    assert actual == pytest.approx(expected, rel=1e-6, abs=1e-6)


def check_nodes(nodes: list[dict[str, object]]) -> None:
    assert [n["id"] for n in nodes] == ["A", "S"]  # one entry per node of the network
    for node in nodes:
        assert set(node) == NODE_KEYS
        for key, value in HAND[str(node["id"])].items():
            if isinstance(value, bool):
                assert node[key] is value, (node["id"], key)
            else:
                assert_close(float(node[key]), value)  # type: ignore[arg-type]


def test_analyze_json_has_one_entry_per_node_with_the_hand_worked_values(tiny: Cli) -> None:
    code, out, err = tiny("resilience", "analyze", "--json", "--scenario", "node:S,A", "--scenario", "country:DE")
    assert code == 0, err
    data = json.loads(out)
    assert set(data) == {"cluster", "in_cluster", "nodes", "scenarios"} and data["cluster"] == "default"
    check_nodes(data["nodes"])
    both, germany = data["scenarios"]
    assert set(both) == SCENARIO_KEYS and both["name"] == "node:S,A" and sorted(both["nodes"]) == ["A", "S"]
    assert_close(both["pi"], 18000.0)
    assert_close(both["tts_days"], 2.0)
    assert_close(both["ttr_days"], 20.0)
    assert sorted(both["failed"]) == ["A", "S"]
    assert germany["nodes"] == ["S"] and sorted(germany["failed"]) == ["A", "S"]
    assert_close(germany["pi"], 13000.0)
    assert_close(germany["tts_days"], 7.0)


def test_a_shorter_horizon_caps_the_time_to_survive(tiny: Cli) -> None:
    data = json.loads(tiny("resilience", "analyze", "--json", "--horizon", "5")[1])
    tts = {n["id"]: n["tts_days"] for n in data["nodes"]}
    assert_close(tts["S"], 5.0)  # 7 days capped at 5
    assert_close(tts["A"], 2.0)


def test_the_table_lists_the_most_exposed_first(tiny: Cli) -> None:
    code, out, _ = tiny("resilience", "analyze")
    assert code == 0
    assert out.index("S") < out.index("│ A")


def test_export_network_then_analyze_the_folder_gives_the_same_json(tiny: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "net"
    code, out, err = tiny("resilience", "export-network", str(folder), "--json")
    assert code == 0, err
    assert json.loads(out) == {"folder": str(folder), "nodes": 2, "bom_lines": 1}
    nodes = (folder / "nodes.csv").read_text(encoding="utf-8").splitlines()
    assert nodes[0] == "id,location,demand_per_day,capacity_per_day,inventory,margin,ttr_days"
    assert nodes[1].startswith("A,CN/湖南省/长沙市,10,,20,100,5")
    assert (folder / "bom.csv").read_text(encoding="utf-8").splitlines()[1] == "A,M,S,1"
    from_folder = json.loads(tiny("resilience", "analyze", "--network", str(folder), "--json")[1])
    check_nodes(from_folder["nodes"])


def test_mitigations_are_ranked_by_what_they_save(tiny: Cli) -> None:
    code, out, err = tiny("resilience", "mitigations", "--json", "--top", "2")
    assert code == 0, err
    found = json.loads(out)["mitigations"]
    assert found, "S's loss costs 13,000: more stock or a faster recovery must save something"
    savings = [m["delta_pi"] for m in found]
    assert savings == sorted(savings, reverse=True) and savings[0] > 0
    assert all(m["pi_after"] <= m["pi_before"] + 1e-6 for m in found)


def test_bad_scenarios_and_folders_are_named(tiny: Cli, tmp_path: Path) -> None:
    code, _, err = tiny("resilience", "analyze", "--scenario", "node:S,NOPE")
    assert code == 3 and err.strip() == "error: --scenario node:S,NOPE: unknown node NOPE"  # said once
    code, _, err = tiny("resilience", "analyze", "--scenario", "node:S", "--scenario", "location:XX")
    assert code == 3 and err.strip() == "error: --scenario location:XX: no node has a location in XX"
    code, _, err = tiny("resilience", "analyze", "--scenario", "node:[bold]X")  # said as typed, not as markup
    assert code == 3 and err.strip() == "error: --scenario node:[bold]X: unknown node [bold]X"
    code, _, err = tiny("resilience", "analyze", "--scenario", "planet:mars")
    assert code == 3 and "planet:mars" in err
    code, _, err = tiny("resilience", "analyze", "--network", str(tmp_path / "missing"))
    assert code == 3 and "--network" in err and "missing" in err
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "nodes.csv").write_text(
        "id,location,demand_per_day,capacity_per_day,inventory,margin,ttr_days\nX,,-1,,0,0,0\n", encoding="utf-8"
    )
    (broken / "bom.csv").write_text("customer,material,supplier,units_per_unit\n", encoding="utf-8")
    code, _, err = tiny("resilience", "analyze", "--network", str(broken))
    assert code == 3 and "nodes.csv" in err


@pytest.mark.skipif(not WILLEMS.is_dir(), reason="the Willems data are not on this machine")
def test_import_willems_writes_a_network_folder_that_analyses(cli: Cli, tmp_path: Path) -> None:
    out_dir = tmp_path / "w01"
    code, out, err = cli(
        "resilience",
        "import-willems",
        str(WILLEMS / "chain_01_stages.csv"),
        str(WILLEMS / "chain_01_arcs.csv"),
        str(out_dir),
        "--seed",
        "3",
        "--json",
    )
    assert code == 0, err
    summary = json.loads(out)
    stages = len((WILLEMS / "chain_01_stages.csv").read_text(encoding="utf-8").strip().splitlines()) - 1
    assert summary["nodes"] == stages
    data = json.loads(cli("resilience", "analyze", "--network", str(out_dir), "--json")[1])
    assert len(data["nodes"]) == stages
    code, _, err = cli(
        "resilience", "import-willems", str(tmp_path / "no.csv"), str(WILLEMS / "chain_01_arcs.csv"), str(out_dir)
    )
    assert code == 3 and "STAGES_CSV" in err


def test_profile_edits_are_in_the_change_history(tiny: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "edit"
    folder.mkdir()
    write_csv(
        folder / "resilience_profiles.csv",
        "resilience_profiles",
        [{"enterprise_id": "S", "inventory": "80", "ttr_days": "20", "source": "synthetic"}],
    )
    assert tiny("import", str(folder))[0] == 0
    history = json.loads(tiny("history", "--kind", "resilience_profiles", "--json")[1])
    assert history["batches"][0]["files"][0]["kind"] == "resilience_profiles"
    data = json.loads(tiny("resilience", "analyze", "--json")[1])
    tts = {n["id"]: n["tts_days"] for n in data["nodes"]}
    assert_close(tts["S"], 10.0)  # now A gets 80 units: 10·t ≤ 80 + 20 → 10 days


def test_country_codes_are_read_in_any_case(tiny: Cli) -> None:
    code, out, err = tiny("resilience", "analyze", "--json", "--scenario", "country:de")
    assert code == 0, err
    (germany,) = json.loads(out)["scenarios"]
    assert germany["name"] == "country:DE" and germany["nodes"] == ["S"]
    assert_close(germany["pi"], 13000.0)  # as country:DE above


def test_year_is_refused_with_a_network_folder(tiny: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "net"
    assert tiny("resilience", "export-network", str(folder))[0] == 0
    for command in ("analyze", "mitigations"):
        code, out, err = tiny("resilience", command, "--network", str(folder), "--year", "2020")
        assert code == 2 and "--year" in err and not out, (command, err)


def exposure_network(folder: Path) -> Path:
    """X: large PI, little exposure; Y: small PI, long exposure (no links: each one's loss is its own).

    X (10 a day, 20 in stock, margin 1,000, TTR 5): stops 5 days, sells 20 of 50 → PI 30,000; TTS 2, exposure 3.
    Y (1 a day, no stock, margin 1, TTR 30): stops 30 days → 30 short, PI 30; TTS 0, exposure 30.
    Fixes for Y: 14 days of its use (14 units) → 16 short, ΔPI 14; TTR halved to 15 → 15 short, ΔPI 15;
    it supplies nothing, so no alternative supplier."""
    folder.mkdir()
    (folder / "nodes.csv").write_text(
        "id,location,demand_per_day,capacity_per_day,inventory,margin,ttr_days\nX,CN,10,,20,1000,5\nY,CN,1,,0,1,30\n",
        encoding="utf-8",
    )
    (folder / "bom.csv").write_text("customer,material,supplier,units_per_unit\n", encoding="utf-8")
    return folder


def test_mitigations_fix_the_most_exposed_sites_not_the_largest_loss(cli: Cli, tmp_path: Path) -> None:
    folder = exposure_network(tmp_path / "xy")
    code, out, err = cli("resilience", "mitigations", "--network", str(folder), "--top", "1", "--json")
    assert code == 0, err
    found = json.loads(out)["mitigations"]
    assert [(m["node"], m["kind"]) for m in found] == [("Y", "faster_recovery"), ("Y", "inventory")]
    assert [round(m["delta_pi"], 6) for m in found] == [15, 14]
    both = json.loads(cli("resilience", "mitigations", "--network", str(folder), "--top", "2", "--json")[1])
    assert {m["node"] for m in both["mitigations"]} == {"X", "Y"}


@pytest.mark.slow
@pytest.mark.skipif(not WILLEMS.is_dir(), reason="the Willems data are not on this machine")
def test_willems_chain_07_mitigations_are_for_its_most_exposed_stages(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "w07"
    stages, arcs = WILLEMS / "chain_07_stages.csv", WILLEMS / "chain_07_arcs.csv"
    assert cli("resilience", "import-willems", str(stages), str(arcs), str(folder))[0] == 0
    nodes = json.loads(cli("resilience", "analyze", "--network", str(folder), "--json")[1])["nodes"]
    ranked = sorted((n for n in nodes if n["pi"] > 0), key=lambda n: (-n["exposure_days"], -n["pi"], n["id"]))
    found = json.loads(cli("resilience", "mitigations", "--network", str(folder), "--top", "2", "--json")[1])
    assert {m["node"] for m in found["mitigations"]} == {n["id"] for n in ranked[:2]}
    by_pi = sorted(nodes, key=lambda n: -n["pi"])[:2]
    assert {n["id"] for n in by_pi} != {n["id"] for n in ranked[:2]}  # the chain tells the two rankings apart
