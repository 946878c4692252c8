"""The registry as a news lexicon: enterprises with aliases, projects in their owners' spellings, organisations;
a cluster keeps only its members' names."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from chainatlas.cli.registry import demo_dir
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.imports import run_import
from chainatlas.services.news_lexicon import registry_lexicon

CTX = WriteContext(actor="setup", via=Via.CLI, at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))


@pytest.fixture(scope="module")
def demo_engine(module_engine: Engine) -> Engine:
    with Session(module_engine) as session:
        assert run_import(session, [demo_dir()], CTX).ok
        session.commit()
    return module_engine


def test_the_demo_registry_names_its_makers_projects_and_bodies(demo_engine: Engine) -> None:
    with Session(demo_engine) as session:
        lexicon = registry_lexicon(session)
    found = {
        name: (entry.kind, entry.ref_id, entry.canonical)
        for name in ("三一集团", "三一重机", "Zoomlion", "中联重科智慧产业城", "山河工业城", "长沙经开区", "工信部")
        if (entry := lexicon.lookup(name))
    }
    assert found == {
        "三一集团": ("enterprise", "E0001", "三一重工"),
        "三一重机": ("enterprise", "E0001", "三一重工"),
        "Zoomlion": ("enterprise", "E0002", "中联重科"),
        "中联重科智慧产业城": ("project", "P01", "中联智慧产业城"),
        "山河工业城": ("project", "P04", "山河工业城"),
        "长沙经开区": ("organisation", "ORG-CSETDZ", "长沙经济技术开发区"),
        "工信部": ("organisation", "ORG-MIIT", "工业和信息化部"),
    }


def test_another_cluster_links_only_its_own_members(demo_engine: Engine) -> None:
    with Session(demo_engine) as session:
        lexicon = registry_lexicon(session, "zhutan-parts-demo")
    assert lexicon.lookup("三一重工") is None and lexicon.lookup("中联智慧产业城") is None
    assert lexicon.lookup("长沙经开区") is not None
