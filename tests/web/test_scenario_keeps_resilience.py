"""Saving a what-if scenario changes no record the analyses read: the resilience analysis and its mitigations stay
cached (no restart), the registry version stays, and the saved scenario is listed at once."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from tests.resilience_cases import tiny_registry
from tests.web.conftest import CTX, Pages

from chainatlas.app import create_app
from chainatlas.config import load_settings
from chainatlas.services.imports import run_import
from chainatlas.store.engine import make_engine
from chainatlas.store.history import Concern, concern_versions


@pytest.fixture
def tiny(db_url: str, tmp_path: Path) -> Iterator[Pages]:
    engine = make_engine(db_url)
    with Session(engine) as session:
        assert run_import(session, [tiny_registry(tmp_path / "in")], CTX).ok
        session.commit()
    engine.dispose()
    app = create_app(load_settings({}, database_url=db_url), var_dir=tmp_path / "var")
    with TestClient(app) as client:
        yield Pages(client, app.state.engine)
    app.state.engine.dispose()


def ready(pages: Pages, path: str) -> str:
    deadline = time.monotonic() + 60
    response = pages.client.get(path)
    while response.status_code == 202 and time.monotonic() < deadline:
        time.sleep(0.1)
        response = pages.client.get(path)
    assert response.status_code == 200, response.text
    return response.text


def versions(pages: Pages) -> dict[Concern, int]:
    with Session(pages.engine) as session:
        return concern_versions(session)


def test_saving_a_scenario_does_not_restart_the_resilience_analysis(tiny: Pages) -> None:
    tiny.login("ana")
    mitigations = ready(tiny, "/resilience/mitigations")
    assert "scenario-kept" not in tiny.client.get("/chain/scenarios").text  # the list page, now cached
    before = versions(tiny)
    form = {"csrf_token": tiny.csrf("/chain/scenarios"), "attract_firm": "S", "save_as": "scenario-kept"}
    assert tiny.client.post("/chain/scenarios", data=form).status_code == 200
    after = versions(tiny)
    assert after[Concern.REGISTRY] == before[Concern.REGISTRY]
    assert after[Concern.SCENARIOS] == before[Concern.SCENARIOS] + 1
    # Answered from the cache at once: no 202 "running" page, the same fixes.
    again = tiny.client.get("/resilience/mitigations")
    assert again.status_code == 200 and again.text == mitigations
    assert tiny.client.get("/resilience").status_code == 200
    assert "scenario-kept" in tiny.client.get("/chain/scenarios").text  # a page showing scenarios is rebuilt


def test_a_registry_write_still_restarts_it(tiny: Pages, tmp_path: Path) -> None:
    tiny.login("ana")
    ready(tiny, "/resilience/mitigations")
    with Session(tiny.engine) as session:
        extra = tiny_registry(tmp_path / "again")
        (extra / "enterprises.csv").write_text(
            (extra / "enterprises.csv").read_text(encoding="utf-8").replace("乙", "乙公司"), encoding="utf-8"
        )
        assert run_import(session, [extra], CTX).ok
        session.commit()
    assert tiny.client.get("/resilience/mitigations").status_code == 202


def test_the_mitigations_page_answers_within_a_second_once_the_analysis_is_ready(tiny: Pages) -> None:
    tiny.login("ana")
    ready(tiny, "/resilience")
    started = time.monotonic()
    response = tiny.client.get("/resilience/mitigations")
    assert response.status_code == 200 and time.monotonic() - started < 1.0
