"""The fair pages take the cluster for the gap bonus: a participant's recommendations and the schedule job's form,
with two clusters present (the fair F1 of tests/fair_cases.py plus the cluster hyd of tests/factories.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.factories import SECOND_CLUSTER, write_csv
from tests.fair_cases import write_fair
from tests.web.conftest import Pages, pages_over, seed_files

from chainatlas.services.context import Via, WriteContext

CTX = WriteContext(actor="setup", via=Via.CLI, at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
GAP_REASON = "an outside supplier of the chain gap"


@pytest.fixture
def fair_pages(db_url: str, tmp_path: Path) -> Iterator[Pages]:
    folder = write_fair(tmp_path / "fair")
    write_csv(folder / "clusters.csv", "clusters", [SECOND_CLUSTER])
    seed_files(db_url, folder)
    with pages_over(db_url, tmp_path / "var") as pages:
        pages.login("ana")
        pages.client.get("/lang/en")
        yield pages


def test_recommendations_carry_the_gap_bonus_of_the_chosen_cluster(fair_pages: Pages) -> None:
    # default {E1, E3}: X1 (E2, outside) offers the gap U.HYD that B1 (E1, inside) needs; hyd holds E2, not E1
    default = fair_pages.client.get("/fairs/F1/participants/B1")
    hyd = fair_pages.client.get("/fairs/F1/participants/B1?cluster=hyd")
    assert default.status_code == hyd.status_code == 200
    assert GAP_REASON in default.text and GAP_REASON not in hyd.text
    assert fair_pages.client.get("/fairs/F1/participants/B1?cluster=nope").status_code == 404


def test_the_schedule_form_keeps_the_cluster_and_refuses_an_unknown_one(fair_pages: Pages) -> None:
    page = fair_pages.client.get("/fairs/F1?cluster=hyd").text
    assert '<input type="hidden" name="cluster" value="hyd">' in page
    token = fair_pages.csrf("/fairs/F1")
    refused = fair_pages.client.post("/fairs/F1/schedule", data={"csrf_token": token, "cluster": "nope"})
    assert refused.status_code == 404 and "default, hyd" in refused.text
