"""Export then import is the identity, in every export format, for any registry Hypothesis can draw."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from tests.factories import admin_user, write_csv
from tests.services.roundtrip import load, snapshot, wipe
from tests.strategies import Rows, registries

from chainatlas.services.exports import export_registry


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(registry=registries(), fmt=st.sampled_from(["csv", "xlsx", "json"]))
def test_export_then_import_is_the_identity(engine: Engine, registry: Rows, fmt: str) -> None:
    with tempfile.TemporaryDirectory() as tmp, Session(engine) as session:
        source, exported, again = Path(tmp, "in"), Path(tmp, "out"), Path(tmp, "again")
        source.mkdir()
        for kind, rows in registry.items():
            write_csv(source / f"{kind}.csv", kind, rows)
        wipe(session)
        load(session, source)
        before = snapshot(session)
        export_registry(session, admin_user(), exported, fmt=fmt)
        wipe(session)
        load(session, exported)
        assert snapshot(session) == before
        export_registry(session, admin_user(), again, fmt=fmt)
        if fmt != "xlsx":  # workbooks carry a timestamp; their cells are compared through the snapshot above
            for file in exported.iterdir():
                assert (again / file.name).read_bytes() == file.read_bytes()
        wipe(session)
