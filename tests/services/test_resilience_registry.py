"""The registry as a resilience network: the network built from a small hand-made registry equals the one built
by hand, in one query set; access (analysts full, others aggregates); the cache follows the registry version."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event
from sqlalchemy.orm import Session
from tests.factories import write_csv
from tests.resilience_cases import FIRMS, NODES

from chainatlas.analytics.resilience import BomLine, NodeSpec, build_network
from chainatlas.domain.user import Role, User
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.errors import InvalidInput, NotAllowed, NotFound
from chainatlas.services.imports import run_import
from chainatlas.services.records import update_record
from chainatlas.services.resilience import location_path, network_inputs, registry_network
from chainatlas.services.resilience_analysis import node_result, resilience_analysis, resilience_summary, scenario_text
from chainatlas.services.resilience_graph import supply_graph, what_if
from chainatlas.store.resilience import load_resilience_rows

CTX = WriteContext(actor="t", via=Via.IMPORT, at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
ANALYST = User(id=1, username="ana", role=Role.ANALYST)
VIEWER = User(id=2, username="vic", role=Role.VIEWER)
MEMBER = User(id=3, username="mem", role=Role.MEMBER, enterprise_id="A")
PARK = "CN/湖南省/长沙市/长沙县/经开区"

MAKES = [
    {"enterprise_id": f, "node_code": n, "source": "synthetic"}
    for f, n in (("B", "U.HYD"), ("C", "U.HYD"), ("D", "U.ENG"), ("E", "U.ENG"))
]
LINKS = [
    {"supplier_id": "B", "customer_id": "A", "node_code": "U.HYD", "since": "2015", "source": "synthetic"},
    {
        "supplier_id": "C",
        "customer_id": "A",
        "node_code": "U.HYD",
        "since": "2021",
        "confidential": "true",
        "source": "synthetic",
    },
    {"supplier_id": "D", "customer_id": "A", "node_code": "U.ENG", "source": "synthetic"},
    {
        "supplier_id": "E",
        "customer_id": "A",
        "node_code": "U.ENG",
        "since": "2010",
        "until": "2019",
        "source": "synthetic",
    },
]
PROFILES = [
    {
        "enterprise_id": "A",
        "demand_per_day": "10",
        "inventory": "20",
        "margin_cny": "100",
        "ttr_days": "5",
        "unit": "台",
        "source": "synthetic",
    },
    {"enterprise_id": "B", "capacity_per_day": "8", "inventory": "30", "ttr_days": "20", "source": "synthetic"},
    {"enterprise_id": "D", "inventory": "50", "ttr_days": "40", "source": "工厂调研 2025 https://example.org/survey"},
]
BOM = [{"customer_id": "A", "node_code": "U.HYD", "units_per_unit": "2", "source": "synthetic"}]


def seed(engine: Engine, folder: Path) -> None:
    """Write and import the hand-made registry."""
    folder.mkdir(parents=True, exist_ok=True)
    for kind, rows in (
        ("chain_nodes", NODES),
        ("enterprises", FIRMS),
        ("enterprise_nodes", MAKES),
        ("supply_links", LINKS),
        ("resilience_profiles", PROFILES),
        ("bom_lines", BOM),
    ):
        write_csv(folder / f"{kind}.csv", kind, rows)
    with Session(engine) as session:
        report = run_import(session, [folder], CTX)
        assert report.ok, [p.as_text() for p in report.problems]
        session.commit()


@pytest.fixture
def registry(engine: Engine, tmp_path: Path) -> Engine:
    seed(engine, tmp_path / "in")
    return engine


# By hand: sites are the parties of links that have not ended (A, B, C, D) plus every profiled firm (no
# other); E's link ended in 2019 and F has no link. A needs U.HYD (ratio 2, from B or C) and U.ENG (ratio 1
# by default, from D only). C has no profile: demand 0, unlimited capacity, nothing in stock, recovers at once.
EXPECTED_NODES = [
    NodeSpec("A", PARK, 10.0, None, 20.0, 100.0, 5.0),
    NodeSpec("B", "CN/湖南省/长沙市", 0.0, 8.0, 30.0, 0.0, 20.0),
    NodeSpec("C", "DE", 0.0, None, 0.0, 0.0, 0.0),
    NodeSpec("D", "JP", 0.0, None, 50.0, 0.0, 40.0),
]
EXPECTED_BOM = [BomLine("A", "U.ENG", "D", 1.0), BomLine("A", "U.HYD", "B", 2.0), BomLine("A", "U.HYD", "C", 2.0)]


def test_the_network_built_from_the_registry_is_the_hand_built_one(registry: Engine) -> None:
    with Session(registry) as session:
        nodes, bom = network_inputs(load_resilience_rows(session, year=None))
        built = registry_network(session, ANALYST)
    assert nodes == EXPECTED_NODES
    assert sorted(bom, key=lambda b: (b.material, b.supplier)) == EXPECTED_BOM
    network, by_hand = built.network, build_network(EXPECTED_NODES, EXPECTED_BOM)
    assert network.ids == by_hand.ids == ("A", "B", "C", "D")
    assert network.location == by_hand.location
    for name in ("demand", "inventory", "margin", "ttr", "group_ratio"):
        assert getattr(network, name).tolist() == getattr(by_hand, name).tolist(), name
    assert math.isinf(network.capacity[0]) and network.capacity[1] == 8.0
    assert sorted(network.suppliers_of(0).tolist()) == [1, 2, 3] and network.customers_of(3).tolist() == [0]
    assert built.sites["D"].synthetic is False and built.sites["A"].synthetic is True
    assert built.sites["C"].profile_source is None


def test_a_year_selects_the_links_active_that_year(registry: Engine) -> None:
    with Session(registry) as session:
        in_2018 = registry_network(session, ANALYST, year=2018).network
        in_2022 = registry_network(session, ANALYST, year=2022).network
    # 2018: B (since 2015), D (no dates) and E (2010–2019); C starts in 2021 but is a site through no link
    # and has no profile, so it is left out.
    assert in_2018.ids == ("A", "B", "D", "E")
    assert in_2022.ids == ("A", "B", "C", "D")


def test_the_network_loads_in_four_queries_whatever_its_size(registry: Engine) -> None:
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(str(args[2]))

    event.listen(registry, "before_cursor_execute", count)
    try:
        with Session(registry) as session:
            load_resilience_rows(session, year=None)
    finally:
        event.remove(registry, "before_cursor_execute", count)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    # sites, links and ratios, and the clusters' rules that say which sites are in the (default) cluster, with the
    # registry version those rules are shared at between units of work
    assert len(selects) == 5
    assert len([s for s in selects if "FROM registry_state" in s]) == 1
    assert len([s for s in selects if "FROM clusters" in s]) == 1


def test_location_path_leaves_out_empty_parts() -> None:
    assert location_path("CN", "湖南省", "长沙市", None, "经开区") == "CN/湖南省/长沙市/经开区"
    assert location_path("DE", None, "", None, None) == "DE"


def test_analysts_get_every_site_and_others_only_aggregates(registry: Engine) -> None:
    with Session(registry) as session:
        _, analysis = resilience_analysis(session, ANALYST)
        assert [r.id for r in analysis.nodes] == ["A", "B", "C", "D"]
        for user in (None, VIEWER, MEMBER):
            with pytest.raises(NotAllowed):
                resilience_analysis(session, user)
            with pytest.raises(NotAllowed):
                node_result(session, user, node_id="A")
            with pytest.raises(NotAllowed):
                supply_graph(session, user, node_id="A")
            with pytest.raises(NotAllowed):
                what_if(session, user, scenario="node:D")
            summary = resilience_summary(session, user)
            assert summary.sites == 4 and "nodes" not in summary.model_dump()
    # D is A's only engine supplier: its loss stops A (the one site with demand); B and C back each other up.
    assert summary.single_points_of_failure == 1


def test_the_summary_is_suppressed_below_three_sites(engine: Engine, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write_csv(folder / "chain_nodes.csv", "chain_nodes", NODES)
    write_csv(folder / "enterprises.csv", "enterprises", FIRMS)
    write_csv(folder / "enterprise_nodes.csv", "enterprise_nodes", MAKES)
    write_csv(folder / "supply_links.csv", "supply_links", LINKS[2:3])
    with Session(engine) as session:
        assert run_import(session, [folder], CTX).ok
        session.commit()
        summary = resilience_summary(session, VIEWER)
    assert summary.model_dump() == {
        "sites": 2,
        "suppressed": True,
        "single_points_of_failure": None,
        "exposed_sites": None,
        "median_tts_days": None,
        "total_pi": None,
        "cluster": "default",
        "sites_in_cluster": None,
        "single_points_of_failure_in_cluster": None,
    }


def test_what_if_names_what_stops_and_errors_name_the_scenario(registry: Engine) -> None:
    with Session(registry) as session:
        result = what_if(session, ANALYST, scenario=scenario_text(country="JP"))
        assert result.nodes == ["D"] and set(result.failed) == {"A", "D"}
        assert {s.id for s in result.sites} == {"A", "D"}
        alone = what_if(session, ANALYST, scenario=scenario_text(firms=["B"]))
        assert alone.failed == ["B"]  # C still supplies U.HYD
        with pytest.raises(InvalidInput) as error:
            what_if(session, ANALYST, scenario="node:Z")
        assert error.value.problems[0].field == "scenario[0]" and "Z" in error.value.problems[0].message
        with pytest.raises(InvalidInput):
            scenario_text(firms=["A"], country="JP")
        with pytest.raises(NotFound):
            node_result(session, ANALYST, node_id="F")


def test_the_supply_graph_marks_what_fails(registry: Engine) -> None:
    with Session(registry) as session:
        graph = supply_graph(session, ANALYST, node_id="D")
    failed = {n.id for n in graph.nodes if n.failed}
    assert failed == {"A", "D"} and graph.failed_total == 2
    assert {n.id for n in graph.nodes} == {"A", "B", "C", "D"}
    ids = [n.id for n in graph.nodes]
    assert sorted((ids[x.source], ids[x.target]) for x in graph.links) == [("B", "A"), ("C", "A"), ("D", "A")]


def test_the_cached_analysis_follows_the_registry_version(registry: Engine) -> None:
    with Session(registry) as session:
        first = resilience_analysis(session, ANALYST)[1]
    with Session(registry) as session:
        assert resilience_analysis(session, ANALYST)[1] is first
        update_record(session, CTX, kind="resilience_profiles", key=("A",), changes={"inventory": "25"})
        session.commit()
    with Session(registry) as session:
        again = resilience_analysis(session, ANALYST)[1]
    assert again is not first
    assert registry_network_inventory(registry) == 25.0


def registry_network_inventory(engine: Engine) -> float:
    with Session(engine) as session:
        return float(registry_network(session, ANALYST).network.inventory[0])


def test_the_registry_doc_lists_every_column_with_its_chinese_header() -> None:
    from chainatlas.interchange.columns import COLUMNS

    doc = (Path(__file__).resolve().parents[2] / "docs" / "resilience-registry.md").read_text(encoding="utf-8")
    for kind in ("resilience_profiles", "bom_lines"):
        assert f"`{kind}`" in doc
        for column in COLUMNS[kind]:
            assert f"| `{column.name}` | {column.header_zh} |" in doc, (kind, column.name)
