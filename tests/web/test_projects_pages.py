"""Key projects and alerts pages over the demo data: who may open them, the portfolio and its Gantt data,
one project, both languages, evaluating and acknowledging alerts (CSRF, history).

P07's slip is worked by hand from demo milestones.csv: 竣工投产 planned 2025-06-30, done 2025-11-08:
Jun 30 → Jul 31 (31) → Aug 31 (31) → Sep 30 (30) → Oct 31 (31) → Nov 8 (8) = 131 days; 主体结构封顶
2023-06-15 → 2023-09-15 = 30 + 31 + 31 = 92; 设备安装调试 2024-07-21 → 2024-08-19 = 29.
"""

from __future__ import annotations

import re

from sqlalchemy.orm import Session
from tests.web.conftest import Pages, demo_rows
from tests.web.pages import chart_json

from chainatlas.analytics.projects import ScheduleStatus
from chainatlas.domain.alert import AlertRule, Severity
from chainatlas.store.history import HistoryRepository
from chainatlas.web.i18n import MESSAGES
from chainatlas.web.i18n_projects import PROJECT_MESSAGES
from chainatlas.web.views.alerts import STATES

AS_OF = "2025-12-31"


def test_anonymous_visitors_are_sent_to_sign_in(pages: Pages) -> None:
    for path in ("/projects", f"/projects/P07?as_of={AS_OF}", "/alerts"):
        response = pages.client.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/login"), path


def test_portfolio_page_without_a_date_goes_to_today(pages: Pages) -> None:
    pages.login("vic")
    response = pages.client.get("/projects", follow_redirects=False)
    assert response.status_code == 303 and re.fullmatch(
        r"/projects\?as_of=\d{4}-\d{2}-\d{2}", response.headers["location"]
    )


def test_portfolio_page(pages: Pages) -> None:
    pages.login("vic")
    html = pages.client.get(f"/projects?as_of={AS_OF}").text
    assert 'href="/projects"' in html and 'href="/alerts"' in html  # nav entries
    row = re.search(r'href="/projects/P07\?as_of=2025-12-31">.*?</tr>', html, re.S)
    assert row and ">131<" in row.group(0) and "严重滞后" in row.group(0) and "badge synthetic" in row.group(0)
    real = re.search(r'href="/projects/P01\?as_of=2025-12-31">.*?</tr>', html, re.S)
    # the sourced project keeps its source; the demo's progress figures for it are synthetic and say so
    assert real and "finance.sina.com.cn" in real.group(0) and real.group(0).count("badge synthetic") == 1
    chart = chart_json(html, "gantt-chart-data")
    dated = [
        r
        for r in demo_rows("projects")
        if r["start"] or any(m["project_id"] == r["id"] for m in demo_rows("milestones"))
    ]
    assert len(chart["rows"]) == len(dated) and chart["not_drawn"] == 10 - len(dated)  # type: ignore[arg-type]
    p07 = next(i for i, name in enumerate(chart["rows"]) if name.startswith("P07"))  # type: ignore[attr-defined]
    items = [i for i in chart["items"] if i["row"] == p07]  # type: ignore[attr-defined]
    # P07's plan: start 2022-05-10 (projects.csv) to its last planned milestone, 全面达产 2026-06-30
    # (milestones.csv), after its planned finish 2025-06-30: the bar ends at the later date
    assert {"start": "2022-05-10", "end": "2026-06-30", "half": -1} in [
        {k: i[k] for k in ("start", "end", "half")} for i in items
    ]
    assert any(i["start"] == i["end"] == "2025-11-08" and i["half"] == 1 for i in items)


def test_project_page_and_english(pages: Pages) -> None:
    pages.login("vic")
    html = pages.client.get(f"/projects/P07?as_of={AS_OF}").text
    assert re.search(r'id="slip-days">131<', html)
    delays = re.findall(r'<td class="num">(\d+)</td>', html.split('id="milestone-table"')[1])
    assert sorted(int(d) for d in delays) == [0, 29, 92, 131]
    chart = chart_json(html, "milestone-chart-data")
    assert chart["rows"] == ["开工", "主体结构封顶", "设备安装调试", "竣工投产", "全面达产"]
    pages.client.cookies.set("lang", "en")
    english = pages.client.get(f"/projects?as_of={AS_OF}").text
    assert "Key projects" in english and ">Late<" in english and "Milestones: planned against actual" in english
    assert pages.client.get(f"/projects/NOPE?as_of={AS_OF}").status_code == 404


def test_viewers_see_alerts_but_may_not_evaluate(pages: Pages) -> None:
    pages.login("vic")
    html = pages.client.get("/alerts").text
    assert "evaluate-form" not in html
    token = pages.csrf("/alerts")
    response = pages.client.post("/alerts/evaluate", data={"as_of": AS_OF, "csrf_token": token}, follow_redirects=False)
    assert response.status_code == 403


def test_analysts_evaluate_and_acknowledge(pages: Pages) -> None:
    pages.login("ana")
    assert (
        pages.client.post("/alerts/evaluate", data={"as_of": "2026-11-25"}, follow_redirects=False).status_code == 403
    )
    token = pages.csrf("/alerts")
    response = pages.client.post(
        "/alerts/evaluate", data={"as_of": "2026-11-25", "csrf_token": token}, follow_redirects=False
    )
    assert response.status_code == 303
    html = pages.client.get(response.headers["location"]).text
    assert re.search(r'id="evaluation-summary"[^>]*>已评估（截至 2026年11月25日）：新增 [1-9]', html)
    # P08's 竣工投产 was planned 2026-06-30 and is not reached: on 2026-11-25 it is 31 + 31 + 30 + 31 + 25 = 148 days overdue.
    # Worded for people (the project's name, no internal key) and linked to the project's page as of that day.
    assert re.search(r"项目「[^」]*电驱动系统生产基地」的里程碑「竣工投产」已逾期 148 天（计划 2026年6月30日）", html)
    assert "milestone_late:" not in html and 'href="/projects/P08?as_of=2026-11-25"' in html
    again = pages.client.post(
        "/alerts/evaluate", data={"as_of": "2026-11-25", "csrf_token": token}, follow_redirects=False
    )
    assert again.headers["location"] == "/alerts"  # the counts are read from the history, not passed in the query
    latest = pages.client.get("/alerts").text
    assert re.search(
        r'id="evaluation-summary"[^>]*>已评估（截至 2026年11月25日）：新增 0，重新出现 0，仍存在 [1-9]', latest
    )
    assert "（最近一次评估：ana，" in latest
    alert_id = re.search(r'action="/alerts/(\d+)/acknowledge"', html)
    assert alert_id
    done = pages.client.post(
        f"/alerts/{alert_id.group(1)}/acknowledge",
        data={"csrf_token": token, "next": "/alerts?state=all"},
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"] == "/alerts?state=all"
    assert "ana 已确认" in pages.client.get("/alerts?state=acknowledged").text
    # acknowledging it again (a second click, another tab) changes nothing and says so
    twice = pages.client.post(
        f"/alerts/{alert_id.group(1)}/acknowledge",
        data={"csrf_token": token, "next": "/alerts?state=all"},
        follow_redirects=False,
    )
    assert twice.headers["location"] == f"/alerts?state=all&already={alert_id.group(1)}"
    said = pages.client.get(twice.headers["location"]).text
    assert re.search(rf'id="acknowledge-refused"[^>]*>预警 {alert_id.group(1)} 已由 ana 确认，未作更改。', said)
    with Session(pages.engine) as session:
        [change] = [c for c in HistoryRepository(session).changes(kind="alerts") if c.action == "update"]
    assert change.actor == "ana" and change.via == "web" and change.record_key.startswith(f"{alert_id.group(1)}:")


def test_every_label_built_from_data_is_in_the_catalogue() -> None:
    built = {f"status.{s.value}" for s in ScheduleStatus} | {f"rule.{r.value}" for r in AlertRule}
    built |= {f"state.{s}" for s in STATES} | {f"severity.{s.value}" for s in Severity}
    assert sorted(built - MESSAGES.keys()) == []
    assert not PROJECT_MESSAGES.keys() & (MESSAGES.keys() - PROJECT_MESSAGES.keys())  # merged, none overridden


def test_the_alerts_banner_cannot_be_forged_from_the_query(pages: Pages) -> None:
    pages.login("vic")
    plain = pages.client.get("/alerts").text
    html = pages.client.get("/alerts?evaluated=2025-01-01&raised=999&cleared=7").text
    banner = re.compile(r'<p class="notice" id="evaluation-summary".*?</p>', re.S)
    # whatever the query says, the banner is the one of the latest recorded evaluation (or none)
    assert banner.findall(html) == banner.findall(plain) and "999" not in "".join(banner.findall(html))
    assert "acknowledge-refused" not in pages.client.get("/alerts?already=99999").text  # no such alert: nothing said


def test_project_alerts_name_the_date_they_were_evaluated_as_of(pages: Pages) -> None:
    pages.login("ana")
    token = pages.csrf("/alerts")
    pages.client.post("/alerts/evaluate", data={"as_of": "2026-11-25", "csrf_token": token})
    html = pages.client.get("/projects/P08?as_of=2025-12-31").text
    assert 'id="alerts-note"' in html and "不按本页的截至日期 2025年12月31日 重新计算" in html
    listed = html.split('id="project-alerts"')[1].split("</ul>")[0]
    assert "竣工投产" in listed and "（评估截至 2026年11月25日）" in listed
