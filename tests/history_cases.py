"""Hand-built change-history scenarios shared by the history service, API and page tests (all synthetic)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy.orm import Session
from tests.factories import ENTERPRISES, LINKS, write_basic, write_csv

from chainatlas.domain.user import Role, User
from chainatlas.interchange.discovery import discover
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.imports import ImportReport, import_tables

ADMIN = User(id=1, username="root", role=Role.ADMIN)
ANALYST = User(id=2, username="ana", role=Role.ANALYST)
VIEWER = User(id=3, username="vic", role=Role.VIEWER)
MEMBER = User(id=4, username="mem", role=Role.MEMBER, enterprise_id="E1")


def at(day: int, hour: int, minute: int = 0, month: int = 3) -> dt.datetime:
    """Return an instant in 2026 (UTC)."""
    return dt.datetime(2026, month, day, hour, minute, tzinfo=dt.UTC)


def ctx(actor: str, via: Via, when: dt.datetime) -> WriteContext:
    """Return a write context."""
    return WriteContext(actor=actor, via=via, at=when)


def import_folder(session: Session, folder: Path, context: WriteContext) -> ImportReport:
    """Import every file of a folder and commit; the import must succeed."""
    tables, problems = discover([folder])
    assert problems == []
    report = import_tables(session, tables, context)
    assert report.ok, report.problems
    session.commit()
    return report


def import_basic(session: Session, folder: Path) -> ImportReport:
    """Import the basic registry (4 nodes, 3 enterprises, 2 links) as `ana` on 2026-03-01 02:00 UTC."""
    return import_folder(session, write_basic(folder), ctx("ana", Via.IMPORT, at(1, 2)))


def write_second_import(folder: Path) -> Path:
    """Write an import that changes link E2→E1's share from 0.6 to 0.5 and adds E5 with a link E5→E1."""
    folder.mkdir(parents=True, exist_ok=True)
    e5 = {"id": "E5", "name_zh": "戊配件", "country": "CN", "in_cluster": "true", "source": "synthetic"}
    write_csv(folder / "enterprises.csv", "enterprises", [*ENTERPRISES, e5])
    link = {**LINKS[1], "supplier_id": "E5", "annual_value_cny": "100000.00", "share": "0.1"}
    write_csv(folder / "supply_links.csv", "supply_links", [{**LINKS[0], "share": "0.5"}, LINKS[1], link])
    return folder


E4 = {"id": "E4", "name_zh": "丁机械", "country": "CN", "in_cluster": True, "source": "synthetic"}
