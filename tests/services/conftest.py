"""Fixtures shared by the service tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from tests.analytics.projects_cases import write_monitoring

from chainatlas.services.context import Via, WriteContext
from chainatlas.services.imports import run_import

SEEDED_AT = WriteContext(actor="ana", via=Via.CLI, at=dt.datetime(2026, 1, 20, 9, tzinfo=dt.UTC))


@pytest.fixture
def seeded(engine: Engine, tmp_path: Path) -> Engine:
    """Return the engine after importing the monitoring cases (projects, milestones, indicators, targets)."""
    with Session(engine) as session:
        assert run_import(session, [write_monitoring(tmp_path / "files")], SEEDED_AT).ok
        session.commit()
    return engine
