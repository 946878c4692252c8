"""The access matrix: every route of the app (API and pages, every method) × every role, called in-process on
a small registry, answers as the one policy table in docs/security.md ("Access policy") says.

A route added without a row in that table fails here: add its row (method, path, one cell per role).
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from tests.access_probe import ROLES, Call, app_routes, documented_policy, open_probe, seed

from chainatlas.app import create_app
from chainatlas.config import load_settings
from chainatlas.store.engine import make_engine
from chainatlas.store.migrate import upgrade

LAST = ("POST", "/logout")
SECURITY = Path(__file__).resolve().parents[1] / "docs" / "security.md"


def _table() -> dict[tuple[str, str], dict[str, str]]:
    return documented_policy(SECURITY.read_text(encoding="utf-8"))


def test_the_policy_table_has_one_row_per_route(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'routes.db'}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    app = create_app(load_settings({}, database_url=url), var_dir=tmp_path / "var")
    routes, table = app_routes(app), _table()
    app.state.engine.dispose()
    missing = sorted(routes - set(table))
    assert not missing, f"routes without a row in docs/security.md 'Access policy': {missing}"
    assert not sorted(set(table) - routes), f"rows for routes the app no longer has: {sorted(set(table) - routes)}"


def _expected_cells(table: dict[tuple[str, str], dict[str, str]]) -> list[tuple[Call, bool]]:
    """Return every cell to call and whether it should be allowed; deletes last, so reads see every record,
    and signing out after them, so the page clients stay signed in."""
    cells = []
    for method, path in sorted(table, key=lambda route: (route == LAST, route[0] == "DELETE", route[1], route[0])):
        for role in ROLES:
            rule = table[(method, path)][role]
            cells.append((Call(method, path, role), rule in ("yes", "own")))
            if rule == "own":  # and refused for someone else's record
                cells.append((Call(method, path, role, own=False), False))
    return cells


@pytest.mark.slow
def test_every_route_answers_every_role_as_the_policy_table_says(db_url: str, tmp_path: Path) -> None:
    tokens = seed(db_url, tmp_path / "seed")
    app = create_app(load_settings({}, database_url=db_url), var_dir=tmp_path / "var")
    table = _table()
    assert set(table) == app_routes(app), "see test_the_policy_table_has_one_row_per_route"
    cells = _expected_cells(table)
    leaks: list[Call] = []
    refusals: list[Call] = []
    for probe in open_probe(app, tokens):
        for call, allowed in cells:
            refused = probe.refused(call)
            if allowed and refused:
                refusals.append(call)
            elif not allowed and not refused:
                leaks.append(call)
    for thread in threading.enumerate():  # a schedule started from the fair page runs in the background
        if thread.name.startswith("schedule-"):
            thread.join(timeout=30)
    app.state.engine.dispose()
    assert len(cells) >= len(table) * len(ROLES)
    assert not leaks, f"{len(leaks)} of {len(cells)} cells let through what the table refuses: {_named(leaks)}"
    assert not refusals, f"{len(refusals)} of {len(cells)} cells refused what the table allows: {_named(refusals)}"


def _named(calls: list[Call]) -> list[str]:
    return [f"{c.method} {c.path} as {c.role}{'' if c.own else ' (not their own record)'}" for c in calls]
