"""The fair's gap bonus takes the cluster: matches, recommendations and scheduling through the API with two
clusters present (the fair F1 of tests/fair_cases.py plus the cluster hyd of tests/factories.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from tests.api.conftest import Api
from tests.api.problems import assert_problem
from tests.factories import SECOND_CLUSTER, write_csv
from tests.fair_cases import write_fair

from chainatlas.services.context import Via, WriteContext
from chainatlas.services.imports import run_import
from chainatlas.store.engine import UnitOfWork

CTX = WriteContext(actor="setup", via=Via.CLI, at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
MATCHES = "/api/v1/fairs/F1/matches"
RECOMMEND = "/api/v1/fairs/F1/participants/B1/recommendations"


@pytest.fixture
def fair_api(api: Api, tmp_path: Path) -> Api:
    folder = write_fair(tmp_path / "fair")
    write_csv(folder / "clusters.csv", "clusters", [SECOND_CLUSTER])
    with UnitOfWork(api.client.app.state.engine) as uow:  # type: ignore[attr-defined]
        assert run_import(uow.session, [folder], CTX).ok
        uow.commit()
    return api


def _gaps(api: Api, query: str = "") -> dict[tuple[str, str], float]:
    body = api.client.get(MATCHES + query, headers=api.headers["ana"]).json()
    return {(p["exhibitor"], p["buyer"]): p["parts"]["gap"] for p in body["pairs"]}


def test_the_gap_bonus_is_the_chosen_cluster(fair_api: Api) -> None:
    # Default cluster {E1, E3}: X1 (E2, outside) offers the gap U.HYD that B1 (E1, inside) needs → bonus 1.0.
    assert _gaps(fair_api)[("X1", "B1")] == pytest.approx(1.0)
    # hyd (Germany, below U) holds E2 only: X1 is inside it and no buyer is (B1 is E1 in China, B2 and B3 have no
    # enterprise), and a bonus needs an outside exhibitor and an inside buyer → every pair's bonus is 0.
    hyd = _gaps(fair_api, "?cluster=hyd")
    assert hyd and set(hyd.values()) == {0.0}
    body = fair_api.client.get(MATCHES + "?cluster=hyd", headers=fair_api.headers["ana"]).json()
    assert body["cluster"] == "hyd"


def test_recommendations_say_the_gap_only_for_its_cluster(fair_api: Api) -> None:
    ana = fair_api.headers["ana"]
    default = fair_api.client.get(RECOMMEND, headers=ana).json()
    hyd = fair_api.client.get(RECOMMEND + "?cluster=hyd", headers=ana).json()
    assert (default["cluster"], hyd["cluster"]) == ("default", "hyd")
    assert any("链缺口" in r for r in default["recommendations"][0]["reasons_zh"])
    assert not any("链缺口" in r for pair in hyd["recommendations"] for r in pair["reasons_zh"])
    assert fair_api.client.get(RECOMMEND + "?cluster=default", headers=ana).json() == default


@pytest.mark.parametrize(
    ("method", "path"), [("get", MATCHES), ("get", RECOMMEND), ("post", "/api/v1/fairs/F1/schedule")]
)
def test_an_unknown_cluster_is_a_404_naming_the_known_ones(fair_api: Api, method: str, path: str) -> None:
    response = fair_api.client.request(method, path + "?cluster=nope", headers=fair_api.headers["ana"])
    body = assert_problem(response, 404)
    assert body["params"] == {"cluster": "nope", "known": "default, hyd"}
