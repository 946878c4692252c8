"""Confidential kinds (fair registrations, resilience inputs) are for analysts and admins only through the
generic registry reads: list and detail on the API (401 anonymous, 403 other signed-in users) and exports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session
from tests.api.conftest import Api
from tests.api.problems import assert_problem

from chainatlas.domain.kinds import KINDS
from chainatlas.domain.user import Role, User
from chainatlas.services.exports import export_registry
from chainatlas.store.engine import make_engine

# The six kinds docs/fair.md and docs/resilience-registry.md keep from everyone but analysts and admins.
CONFIDENTIAL = (
    "fair_participants",
    "fair_preferences",
    "fair_meetings",
    "fair_attendance",
    "resilience_profiles",
    "bom_lines",
)
RECORDS: list[tuple[str, str, dict[str, Any]]] = [
    (
        "fairs",
        "F9",
        {"id": "F9", "name_zh": "新展会", "start": "2025-05-15", "end": "2025-05-16", "source": "synthetic"},
    ),
    (
        "fair_participants",
        "FP9",
        {
            "id": "FP9",
            "fair_id": "F9",
            "role": "exhibitor",
            "enterprise_id": "E3",
            "name_zh": "丙液压",
            "country": "CN",
            "offers": ["U.HYD"],
            "source": "synthetic",
        },
    ),
    (
        "fair_participants",
        "FP8",
        {
            "id": "FP8",
            "fair_id": "F9",
            "role": "buyer",
            "name_zh": "买家",
            "country": "DE",
            "needs": ["U.HYD"],
            "source": "synthetic",
        },
    ),
    ("fair_preferences", "FP8/FP9", {"from_id": "FP8", "to_id": "FP9", "level": "must", "source": "synthetic"}),
    (
        "fair_meetings",
        "FP9/FP8",
        {
            "fair_id": "F9",
            "exhibitor_id": "FP9",
            "buyer_id": "FP8",
            "day": 1,
            "slot": 2,
            "table": 3,
            "score": 0.9,
            "source": "synthetic",
        },
    ),
    (
        "fair_attendance",
        "FP9/FP8",
        {"exhibitor_id": "FP9", "buyer_id": "FP8", "outcome": "held", "source": "synthetic"},
    ),
    (
        "resilience_profiles",
        "E3",
        {"enterprise_id": "E3", "demand_per_day": "4", "ttr_days": "30", "source": "synthetic"},
    ),
    (
        "bom_lines",
        "E1/U.HYD",
        {"customer_id": "E1", "node_code": "U.HYD", "units_per_unit": "2", "source": "synthetic"},
    ),
]


def _seed(api: Api) -> None:
    for kind, _, body in RECORDS:
        created = api.client.post(f"/api/v1/{kind}", json=body, headers=api.headers["ana"])
        assert created.status_code == 201, (kind, created.text)


def test_the_confidential_kinds_are_exactly_the_six() -> None:
    assert {spec.name for spec in KINDS if spec.read_resource != "registry"} == set(CONFIDENTIAL)


def test_only_analysts_read_confidential_kinds_on_the_api(api: Api) -> None:
    _seed(api)
    for kind, key, _ in RECORDS:
        if kind not in CONFIDENTIAL:
            continue
        listing, item = f"/api/v1/{kind}", f"/api/v1/{kind}/{key}"
        for path in (listing, item, f"{listing}?limit=5"):
            assert_problem(api.client.get(path), 401)
            for name in ("vic", "mem"):
                problem = assert_problem(api.client.get(path, headers=api.headers[name]), 403)
                assert "may not read" in problem["detail"], problem
        assert api.client.get(listing, headers=api.headers["ana"]).json()["total"] >= 1
        assert api.client.get(item, headers=api.headers["ana"]).status_code == 200
        # a missing record of a confidential kind is 403, not 404: nothing about existence leaks
        assert_problem(api.client.get(f"{listing}/NOPE" + "/X" * (key.count("/")), headers=api.headers["vic"]), 403)


def test_public_kinds_stay_readable_by_viewers_and_members(api: Api) -> None:
    _seed(api)
    for name in ("vic", "mem"):
        assert api.client.get("/api/v1/fairs/F9", headers=api.headers[name]).status_code == 200
        assert api.client.get("/api/v1/enterprises", headers=api.headers[name]).json()["total"] == 3


def test_a_member_still_sees_their_own_fair_registration_and_agenda(api: Api) -> None:
    _seed(api)  # FP9 is E3's registration; mem works for E3
    mem = api.headers["mem"]
    assert_problem(api.client.get("/api/v1/fair_participants/FP9", headers=mem), 403)
    own = api.client.get("/api/v1/fairs/F9/participants/FP9/agenda", headers=mem)
    assert own.status_code == 200, own.text
    assert [m["with"] for m in own.json()["meetings"]] == ["FP8"]
    assert_problem(api.client.get("/api/v1/fairs/F9/participants/FP8/agenda", headers=mem), 403)


def _user(role: Role, firm: str | None = None) -> User:
    return User(id=99, username=f"{role.value}-x", role=role, enterprise_id=firm)


def _exported(db_url: str, user: User, folder: Path) -> dict[str, int]:
    engine = make_engine(db_url)
    try:
        with Session(engine) as session:
            return export_registry(session, user, folder)
    finally:
        engine.dispose()


@pytest.mark.parametrize(("role", "firm"), [(Role.VIEWER, None), (Role.MEMBER, "E3")])
def test_export_leaves_out_confidential_kinds_for_other_roles(
    api: Api, db_url: str, tmp_path: Path, role: Role, firm: str | None
) -> None:
    _seed(api)
    written = _exported(db_url, _user(role, firm), tmp_path / "out")
    assert {f"{kind}.csv" for kind in CONFIDENTIAL}.isdisjoint(written)
    assert not any((tmp_path / "out" / f"{kind}.csv").exists() for kind in CONFIDENTIAL)
    assert written["fairs.csv"] == 1 and written["enterprises.csv"] == 3


def test_export_as_analyst_and_through_the_cli_holds_every_kind(api: Api, db_url: str, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from chainatlas.cli.main import app

    _seed(api)
    expected = {
        "fair_participants": 2,
        "fair_preferences": 1,
        "fair_meetings": 1,
        "fair_attendance": 1,
        "resilience_profiles": 1,
        "bom_lines": 1,
    }
    written = _exported(db_url, _user(Role.ANALYST), tmp_path / "ana")
    assert {kind: written[f"{kind}.csv"] for kind in CONFIDENTIAL} == expected
    result = CliRunner().invoke(app, ["--db", db_url, "export", str(tmp_path / "cli"), "--json"])
    assert result.exit_code == 0, result.output
    for kind, rows in expected.items():  # the CLI is whoever can open the database: it exports everything
        lines = (tmp_path / "cli" / f"{kind}.csv").read_text(encoding="utf-8-sig").strip().splitlines()
        assert len(lines) == rows + 1, kind


def test_export_keeps_confidential_links_to_their_parties(api: Api, db_url: str, tmp_path: Path) -> None:
    ana = api.headers["ana"]
    body = {"supplier_id": "E3", "customer_id": "E2", "node_code": "U.HYD", "confidential": True, "source": "synthetic"}
    assert api.client.post("/api/v1/supply_links", json=body, headers=ana).status_code == 201
    total = api.client.get("/api/v1/supply_links", headers=ana).json()["total"]
    assert _exported(db_url, _user(Role.VIEWER), tmp_path / "v")["supply_links.csv"] == total - 1
    assert _exported(db_url, _user(Role.MEMBER, "E3"), tmp_path / "m")["supply_links.csv"] == total


def test_history_of_a_confidential_kind_follows_the_same_resource(api: Api, db_url: str) -> None:
    from chainatlas.services.browse import change_history
    from chainatlas.services.errors import NotAllowed

    _seed(api)
    engine = make_engine(db_url)
    try:
        with Session(engine) as session:
            for kind in CONFIDENTIAL:
                with pytest.raises(NotAllowed):
                    change_history(session, _user(Role.VIEWER), kind=kind)
                with pytest.raises(NotAllowed):
                    change_history(session, _user(Role.MEMBER, "E3"), kind=kind)
                assert change_history(session, _user(Role.ANALYST), kind=kind, limit=100), kind
            kinds = {c.kind for c in change_history(session, _user(Role.ADMIN), limit=100)}
            assert set(CONFIDENTIAL) <= kinds
    finally:
        engine.dispose()
