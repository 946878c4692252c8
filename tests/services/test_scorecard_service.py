"""The scorecard use case on a small registry imported from files: counts, merging, access, as-of."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy.orm import Session
from tests.scorecard_cases import seed

from chainatlas.analytics.scorecard import Status, TargetScore
from chainatlas.domain.user import Role, User
from chainatlas.services.scorecard import scorecard

END_2025 = dt.date(2025, 12, 31)


@pytest.fixture
def session(rollback_session: Session) -> Session:
    """Run each test in a transaction that is rolled back: the services here write only through this session."""
    return rollback_session


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
