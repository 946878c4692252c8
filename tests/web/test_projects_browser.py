"""The key projects and alerts pages in a real browser (Debian's Chromium through Playwright): the Gantt
charts draw (late work in the late colour), a bar leads to its project, alerts are evaluated and acknowledged.
Screenshots go to test-output/screenshots/.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from tests.web.browser import Walk, walk_in_browser
from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.browser

LATE_RGB = (192, 57, 43)
"""#c0392b, the colour of late work (reports/project_charts.py STATUS_COLOURS)."""
COUNT_COLOUR = """([id, r, g, b]) => {
  const canvas = document.querySelector('#' + id + ' canvas');
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let n = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (Math.abs(data[i] - r) < 6 && Math.abs(data[i + 1] - g) < 6 && Math.abs(data[i + 2] - b) < 6) n++;
  }
  return n;
}"""
BAR_POINT = """([id, day, row]) => {
  const element = document.getElementById(id);
  const chart = echarts.getInstanceByDom(element);
  const [x, y] = chart.convertToPixel({gridIndex: 0}, [Date.parse(day + 'T00:00:00Z'), row]);
  const band = chart.getModel().getComponent('yAxis', 0).axis.getBandWidth();
  const box = element.getBoundingClientRect();
  return [box.left + x, box.top + y + band * 0.17];
}"""


def sign_in_to_the_portfolio(walk: Walk) -> None:
    page = walk.page
    page.goto(walk.server + "/projects?as_of=2025-12-31")
    expect(page).to_have_url(re.compile(r"/login\?next=/projects%3Fas_of%3D2025-12-31$"))
    walk.submit_sign_in("ana", PASSWORD)
    expect(page).to_have_url(walk.server + "/projects?as_of=2025-12-31")
    expect(page.locator("h1")).to_have_text("重点项目进度")
    expect(page.locator("#gantt-chart canvas")).to_be_visible()
    expect(page.locator("#gantt-chart")).to_have_attribute("data-drawn", re.compile(r"^[1-9][0-9]*$"))
    assert page.evaluate(COUNT_COLOUR, ["gantt-chart", *LATE_RGB]) > 100, "no late bar was drawn"
    expect(page.locator("#project-table .badge.synthetic").first).to_be_visible()
    walk.shot("p01-projects-gantt")


def click_a_late_bar(walk: Walk) -> None:
    page = walk.page
    rows = page.evaluate("JSON.parse(document.getElementById('gantt-chart-data').textContent).rows")
    p07 = next(i for i, name in enumerate(rows) if name.startswith("P07"))
    x, y = page.evaluate(BAR_POINT, ["gantt-chart", "2024-01-01", p07])
    page.mouse.click(x, y)
    expect(page).to_have_url(walk.server + "/projects/P07?as_of=2025-12-31")
    expect(page.locator("#slip-days")).to_have_text("131")
    expect(page.locator("#milestone-chart canvas")).to_be_visible()
    assert page.evaluate(COUNT_COLOUR, ["milestone-chart", *LATE_RGB]) > 50, "the late milestone was not drawn late"
    walk.shot("p02-project-milestones")


def evaluate_and_acknowledge_in_english(walk: Walk) -> None:
    page = walk.page
    page.click("a.lang-switch")
    expect(page.locator("#gantt-h")).to_contain_text("Milestones: planned against actual")
    page.click("nav.topnav >> text=Alerts")
    expect(page.locator("h1")).to_have_text("Alerts")
    page.fill("#evaluate-form input[name=as_of]", "2026-11-25")
    page.click("#evaluate-form button[type=submit]")
    expect(page.locator("#evaluation-summary")).to_contain_text("Evaluated as of 25 Nov 2026")
    # alerts are worded now (no rule key on the page): P08's overdue milestone is the row of that rule linking to P08
    cause = page.locator("a[href='/projects/P08?as_of=2026-11-25']")
    row = page.locator("#alert-table tr", has=cause, has_text="Milestone overdue")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("148 days overdue (planned 2026-06-30)")  # Jul 31 + Aug 31 + Sep 30 + Oct 31 + Nov 25
    walk.shot("p03-alerts")
    row.locator("button", has_text="Acknowledge").click()
    expect(page.locator("#alert-table")).to_contain_text("acknowledged by ana")
    walk.shot("p04-alert-acknowledged")


def test_projects_and_alerts_in_the_browser(server: str) -> None:
    with walk_in_browser(server) as walk:
        sign_in_to_the_portfolio(walk)
        click_a_late_bar(walk)
        evaluate_and_acknowledge_in_english(walk)
    assert walk.errors == [], f"the browser reported errors: {walk.errors}"
