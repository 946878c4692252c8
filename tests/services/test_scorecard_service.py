"""The scorecard use case on a small registry imported from files: counts, merging, access, as-of."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy.orm import Session
from tests.factories import write_csv

from chainatlas.analytics.scorecard import Status, TargetScore
from chainatlas.domain.user import Role, User
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.imports import run_import
from chainatlas.services.scorecard import scorecard

CTX = WriteContext(actor="setup", via=Via.CLI, at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
END_2025 = dt.date(2025, 12, 31)
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
"""A registry small enough to count by hand (the expected values are worked out in the tests below)."""


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


def by_metric(scores: list[TargetScore]) -> dict[str, TargetScore]:
    return {score.metric: score for score in scores}


ANALYST = User(id=1, username="ana", role=Role.ANALYST)


def test_counts_from_the_registry_join_the_indicator_series(session: Session, tmp_path: Path) -> None:
    seed(session, tmp_path)
    scores = by_metric(scorecard(session, ANALYST, as_of=END_2025))
    above = scores["enterprises_above_scale"]
    # 规上 in the cluster: E1 and E2 (E4 is outside); the count replaces the indicator's 99 for 2025.
    assert [(p.period, p.value) for p in above.series] == [("2023", 1), ("2024", 2), ("2025", 2)]
    assert above.series[-1].source.startswith("registry count on 2025-12-31")
    assert above.progress == pytest.approx(1 / 3)  # (2 − 1) / (4 − 1)
    assert above.required_cagr == pytest.approx(2**0.5 - 1)  # (4 / 2)^(1/2) − 1
    assert above.actual_cagr == pytest.approx(2**0.5 - 1)  # (2 / 1)^(1/2) − 1, 2023 → 2025
    brands = scores["global_top50_brands"]
    # The 2023 list: B1 (owner E1, in the cluster); B2's owner E4 is outside. One observation: no trend.
    assert (brands.latest_period, brands.latest_value) == ("2023", 1)
    assert brands.required_cagr == pytest.approx(2 ** (1 / 7) - 1)  # (2 / 1)^(1/7) − 1, 2023 → 2030
    assert brands.actual_cagr is None and brands.status is Status.AT_RISK
    assert scores["output"].status is Status.ON_TRACK


def test_enterprise_targets_only_for_registry_readers(session: Session, tmp_path: Path) -> None:
    seed(session, tmp_path)
    assert "group_revenue" in by_metric(scorecard(session, ANALYST, as_of=END_2025))
    assert "group_revenue" in by_metric(
        scorecard(session, User(id=2, username="vic", role=Role.VIEWER), as_of=END_2025)
    )
    anonymous = by_metric(scorecard(session, None, as_of=END_2025))
    assert set(anonymous) == {"enterprises_above_scale", "output", "global_top50_brands"}


def test_the_as_of_date_moves_the_count_and_the_latest(session: Session, tmp_path: Path) -> None:
    seed(session, tmp_path)
    mid_2025 = by_metric(scorecard(session, ANALYST, as_of=dt.date(2025, 6, 30)))
    above = mid_2025["enterprises_above_scale"]
    assert [(p.period, p.value) for p in above.series] == [
        ("2023", 1),
        ("2024", 2),
        ("2025", 2),
    ]  # count stands for today
    assert mid_2025["output"].latest_period == "2024"  # the 2025 annual value is not known in June 2025
    assert "global_top50_brands" not in {
        s.metric for s in scorecard(session, ANALYST, as_of=dt.date(2022, 12, 31)) if s.latest_value is not None
    }
