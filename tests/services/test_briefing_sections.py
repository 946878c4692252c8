"""The briefing's sections on the demo data, without a browser: the fair that ended in the period, the period's
alerts, a period without news, sections switched off, and what each audience's resilience section holds."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from tests.conftest import rolled_back
from tests.web.conftest import seed_demo

from chainatlas.cli.registry import demo_dir
from chainatlas.domain.briefing import BriefingParams
from chainatlas.domain.user import Role, User
from chainatlas.reports.briefing_document import Issue, briefing_document
from chainatlas.reports.briefing_template import load_template
from chainatlas.services.alerts import evaluate_alerts
from chainatlas.services.briefing import briefing_data
from chainatlas.services.briefing_issues import make_briefing
from chainatlas.services.context import Via, WriteContext

pytestmark = pytest.mark.slow  # the demo data and its resilience analysis take a while
ADMIN = User(id=0, username="check", role=Role.ADMIN)
CTX = WriteContext(actor="check", via=Via.CLI, at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))


@pytest.fixture(scope="module")
def demo(module_engine: Engine) -> Engine:
    seed_demo(module_engine.url.render_as_string(hide_password=False))
    return module_engine


@pytest.fixture
def session(demo: Engine) -> Iterator[Session]:
    with rolled_back(demo) as opened:
        yield opened


def params(
    period: str, *sections: str, as_of: dt.date = dt.date(2025, 12, 31), audience: str = "viewer"
) -> BriefingParams:
    return BriefingParams.model_validate({"as_of": as_of, "period": period, "sections": sections, "audience": audience})


def demo_rows(name: str) -> list[dict[str, str]]:
    with (demo_dir() / f"{name}.csv").open(encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def test_fair_that_ended_in_the_period_is_listed(session: Session) -> None:
    fair = demo_rows("fairs")[0]
    ended = dt.date.fromisoformat(fair["end"])
    found = briefing_data(session, ADMIN, params=params(ended.strftime("%Y-%m"), "fair", as_of=ended)).fairs
    assert found is not None and [line.id for line in found] == [fair["id"]]
    assert found[0].participants == sum(1 for row in demo_rows("fair_participants") if row["fair_id"] == fair["id"])
    assert found[0].meetings == sum(1 for row in demo_rows("fair_meetings") if row["fair_id"] == fair["id"])
    month_before = (ended.replace(day=1) - dt.timedelta(days=1)).strftime("%Y-%m")
    assert briefing_data(session, ADMIN, params=params(month_before, "fair", as_of=ended)).fairs == []


def test_alerts_raised_in_the_period_are_listed(session: Session) -> None:
    day = dt.date(2025, 12, 31)
    done = evaluate_alerts(session, ADMIN, CTX, as_of=day)
    assert done.raised
    lines = briefing_data(session, ADMIN, params=params("2025-12", "alerts", as_of=day)).alerts
    assert lines is not None
    assert len([line for line in lines if line.event == "raised"]) == len(done.raised)
    assert briefing_data(session, ADMIN, params=params("2025-11", "alerts", as_of=day)).alerts == []


def test_a_period_without_news_says_so(session: Session) -> None:
    data = briefing_data(session, ADMIN, params=params("2025-12", "news"))
    assert data.news == []
    template = load_template("zh")
    [part] = briefing_document(data, template, Issue()).parts
    assert part.intro == template.sections["news"]["empty"]
    assert part.tables[0].rows == []


def test_sections_switched_off_are_neither_assembled_nor_shown(session: Session) -> None:
    data = briefing_data(session, ADMIN, params=params("2025-12", "headline", "projects"))
    assert data.headline and data.projects is not None
    assert (data.targets, data.gaps, data.resilience, data.alerts, data.news, data.fairs) == (None,) * 6
    assert [p.key for p in briefing_document(data, load_template("en"), Issue()).parts] == ["headline", "projects"]


def test_only_an_analyst_briefing_has_per_site_resilience(session: Session) -> None:
    viewer = briefing_data(session, ADMIN, params=params("2025-12", "resilience")).resilience
    analyst = briefing_data(session, ADMIN, params=params("2025-12", "resilience", audience="analyst")).resilience
    assert viewer is not None and analyst is not None
    assert viewer.per_site == [] and len(analyst.per_site) == 10
    exposures = [site.exposure_days for site in analyst.per_site]
    assert exposures == sorted(exposures, reverse=True)
    assert viewer.single_points_of_failure == analyst.single_points_of_failure


def test_a_viewer_briefing_lists_no_gap_the_disclosure_rule_withholds(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chainatlas.services.chain import chain_metrics

    monkeypatch.setattr("chainatlas.services.briefing.TOP_GAPS", 60)  # far enough down to reach withheld nodes
    monkeypatch.setattr("chainatlas.services.briefing.TOP_TARGETS", 1)
    withheld = {row.code for row in chain_metrics(session, None).nodes if row.suppressed}
    viewer = briefing_data(session, ADMIN, params=params("2025-12", "gaps")).gaps
    analyst = briefing_data(session, ADMIN, params=params("2025-12", "gaps", audience="analyst")).gaps
    assert viewer is not None and analyst is not None
    assert withheld & {line.code for line in analyst}  # the analyst's list does reach withheld nodes
    assert not withheld & {line.code for line in viewer}
    shown = [line.code for line in analyst if line.code not in withheld]
    assert [line.code for line in viewer][: len(shown)] == shown  # the same order, withheld ones left out
    assert all("links" not in target.reasons for line in viewer for target in line.targets)
    assert any("links" in target.reasons for line in analyst for target in line.targets)


def test_a_chinese_briefing_gives_the_attraction_targets_reasons_in_chinese(session: Session) -> None:
    data = briefing_data(session, ADMIN, params=params("2025-12", "gaps", audience="analyst"))
    assert data.gaps
    template = load_template("zh")
    [part] = briefing_document(data, template, Issue()).parts
    [targets] = [table for table in part.tables if table.key == "attraction"]
    reasons = [str(row[3]) for row in targets.rows]
    firms = [target for line in data.gaps for target in line.targets]
    assert len(reasons) == len(firms) > 0
    for text, firm in zip(reasons, firms, strict=True):
        assert not any(word in text for word in ("makes", "tagged", "output scale", "already sells", "province"))
        if firm.reasons.get("region") == "in 湖南省, the cluster's province":
            assert "位于集群所在的湖南省" in text.split("；")
    assert any("位于集群所在的湖南省" in text for text in reasons)


def test_each_cluster_has_its_own_series_so_no_briefing_replaces_another(session: Session) -> None:
    made = {}
    for cluster in (None, "zhutan-parts-demo"):
        asked = params("2025-12", "alerts").model_copy(update={"cluster": cluster})
        made[cluster] = make_briefing(session, ADMIN, CTX, params=asked, formats=["html"], scripts=[])
    default, zhutan = made[None].issue, made["zhutan-parts-demo"].issue
    # by hand: the demo's default cluster (changsha-cm) keeps the series' name; the other one is a series of its own
    assert (default.series, default.number) == ("monthly", 1)
    assert (zhutan.series, zhutan.number) == ("monthly-zhutan-parts-demo", 1)
    assert made[None].files["html"] != made["zhutan-parts-demo"].files["html"]
