"""A scorecard registry small enough to count by hand: enterprises, brands, indicators and targets (files and seed)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy.orm import Session
from tests.factories import write_csv

from chainatlas.services.context import Via, WriteContext
from chainatlas.services.imports import run_import

CTX = WriteContext(actor="setup", via=Via.CLI, at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
SOURCE = "https://example.org/registry"

FILES: dict[str, list[dict[str, str]]] = {
    "enterprises": [
        {"id": "E1", "name_zh": "甲", "country": "CN", "in_cluster": "true", "tags": "规上;链主", "source": SOURCE},
        {
            "id": "E2",
            "name_zh": "乙",
            "country": "CN",
            "in_cluster": "是",
            "tags": "规上;专精特新",
            "source": "synthetic",
        },
        {
            "id": "E3",
            "name_zh": "丙",
            "country": "CN",
            "in_cluster": "true",
            "tags": "专精特新;小巨人",
            "source": "synthetic",
        },
        {"id": "E4", "name_zh": "丁", "country": "CN", "in_cluster": "false", "tags": "规上", "source": "synthetic"},
    ],
    "brands": [
        {"id": "B1", "name_zh": "甲牌", "owner_id": "E1", "source": SOURCE},
        {"id": "B2", "name_zh": "丁牌", "owner_id": "E4", "source": "synthetic"},
    ],
    "brand_rankings": [
        {"brand_id": "B1", "ranking": "global_top50", "year": "2023", "rank": "5", "source": SOURCE},
        {"brand_id": "B2", "ranking": "global_top50", "year": "2023", "rank": "9", "source": "synthetic"},
    ],
    "innovation_platforms": [
        {
            "id": "PL1",
            "name_zh": "甲中心",
            "kind": "企业技术中心",
            "level": "国家级",
            "owner_id": "E1",
            "year": "2015",
            "source": "synthetic",
        },
        {
            "id": "PL2",
            "name_zh": "乙实验室",
            "kind": "key_laboratory",
            "level": "省级",
            "owner_id": "E2",
            "year": "2020",
            "source": "synthetic",
        },
        {
            "id": "PL3",
            "name_zh": "丁中心",
            "kind": "other",
            "level": "provincial",
            "owner_id": "E4",
            "year": "2019",
            "source": "synthetic",
        },
    ],
    "indicators": [
        {
            "metric": "enterprises_above_scale",
            "scope": "cluster",
            "period": "2023",
            "value": "1",
            "unit": "家",
            "source": "synthetic",
        },
        {
            "metric": "enterprises_above_scale",
            "scope": "cluster",
            "period": "2024",
            "value": "2",
            "unit": "家",
            "source": "synthetic",
        },
        {
            "metric": "enterprises_above_scale",
            "scope": "cluster",
            "period": "2025",
            "value": "99",
            "unit": "家",
            "source": "synthetic",
        },
        *(
            {
                "metric": "output",
                "scope": "cluster",
                "period": str(2021 + i),
                "value": v,
                "unit": "亿元",
                "source": "synthetic",
            }
            for i, v in enumerate(("50", "55", "60.5", "66.55", "73.205"))
        ),
        {
            "metric": "group_revenue",
            "scope": "E1",
            "period": "2024",
            "value": "100",
            "unit": "亿元",
            "source": "synthetic",
        },
        {
            "metric": "group_revenue",
            "scope": "E1",
            "period": "2025",
            "value": "110",
            "unit": "亿元",
            "source": "synthetic",
        },
    ],
    "targets": [
        {
            "metric": "enterprises_above_scale",
            "scope": "cluster",
            "target_period": "2027",
            "target_value": "4",
            "unit": "家",
            "baseline_period": "2023",
            "baseline_value": "1",
            "source": "synthetic",
        },
        {
            "metric": "output",
            "scope": "cluster",
            "target_period": "2027",
            "target_value": "88.57805",
            "unit": "亿元",
            "source": "synthetic",
        },
        {
            "metric": "global_top50_brands",
            "scope": "cluster",
            "target_period": "2030",
            "target_value": "2",
            "unit": "个",
            "source": "synthetic",
        },
        {
            "metric": "group_revenue",
            "scope": "E1",
            "target_period": "2026",
            "target_value": "120",
            "unit": "亿元",
            "source": "synthetic",
        },
    ],
}
"""A registry small enough to count by hand (the expected values are worked out in tests/services/test_scorecard_service.py)."""


def write_files(folder: Path) -> Path:
    """Write the small registry's files into a folder and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for kind, rows in FILES.items():
        write_csv(folder / f"{kind}.csv", kind, rows)
    return folder


def seed(session: Session, folder: Path) -> None:
    """Import the small registry."""
    report = run_import(session, [write_files(folder)], CTX)
    assert report.ok, report
    session.commit()
