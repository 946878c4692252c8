"""No stored XSS through the charts: hostile names and units in every chart's tooltips, in Chromium with the
Content-Security-Policy stripped (so only the escaping stands between the data and the page)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, Route, expect
from sqlalchemy.orm import Session
from tests.web.browser import Walk, walk_in_browser
from tests.web.conftest import PASSWORD, demo_rows

from chainatlas.cli.registry import demo_dir
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.imports import run_import
from chainatlas.store.engine import make_engine

pytestmark = [pytest.mark.browser, pytest.mark.slow]

HOSTILE = "</script><img src=x onerror=window.__xss=1>"
"""Breaks out of the JSON a page embeds if that is not escaped, and runs if a tooltip inserts it as HTML."""
CTX = WriteContext(actor="attacker", via=Via.IMPORT, at=dt.datetime(2026, 1, 2, tzinfo=dt.UTC))
POISONED = {
    "enterprises": ("name_zh", "name_en"),
    "chain_nodes": ("name_zh", "name_en"),
    "projects": ("name_zh", "name_en"),
    "milestones": ("name",),
    "indicators": ("unit",),
    "targets": ("unit",),
    "fair_participants": ("name_zh", "name_en"),
}
"""The text fields that reach a chart, each given the hostile text after its demo value."""
CHARTS = "[data-chart], [data-res-chart], [data-gantt], [data-scorecard-chart]"
DRIVE = """(element) => {
  const chart = echarts.getInstanceByDom(element), hostile = element.ownerDocument.defaultView.HOSTILE;
  const found = { series: 0, items: 0, shown: 0, hostile: 0, images: 0 };
  const tips = () => Array.from(element.children).slice(1);  // the first child holds the canvas
  chart.getModel().eachSeries((series) => {
    found.series += 1;
    for (let i = 0; i < series.getData().count(); i += 1) {
      chart.dispatchAction({ type: "showTip", seriesIndex: series.seriesIndex, dataIndex: i });
      found.items += 1;
      const shown = tips().filter((tip) => tip.style.display !== "none" && tip.style.visibility !== "hidden");
      const text = shown.map((tip) => tip.textContent).join(" ");
      found.shown += text.trim() ? 1 : 0;
      found.hostile += text.includes(hostile) ? 1 : 0;
      found.images += tips().reduce((n, tip) => n + tip.querySelectorAll("img, script, iframe, svg").length, 0);
      chart.dispatchAction({ type: "hideTip" });
    }
  });
  return found;
}"""


def poisoned_copy(folder: Path) -> Path:
    """Write the demo files whose names and units reach a chart, each such value followed by the hostile text."""
    folder.mkdir()
    for kind, fields in POISONED.items():
        with (demo_dir() / f"{kind}.csv").open(encoding="utf-8-sig", newline="") as source:
            rows = list(csv.DictReader(source))
        for row in rows:
            row.update({name: f"{row[name]} {HOSTILE}" for name in fields if row[name]})
        with (folder / f"{kind}.csv").open("w", encoding="utf-8-sig", newline="") as target:
            writer = csv.DictWriter(target, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    return folder


@pytest.fixture
def hostile_server(server: str, db_url: str, tmp_path: Path) -> str:
    """Return the demo server after an import has stored the hostile text in every charted name and unit."""
    engine = make_engine(db_url)
    with Session(engine) as session:
        report = run_import(session, [poisoned_copy(tmp_path / "hostile")], CTX)
        assert report.ok, report.problems[:5]
        session.commit()
    engine.dispose()
    return server


class CspStripper:
    """A route handler that removes the Content-Security-Policy header from every page, counting them."""

    def __init__(self) -> None:
        self.stripped = 0

    def __call__(self, route: Route) -> None:
        if route.request.resource_type != "document":
            route.continue_()
            return
        response = route.fetch(max_redirects=0)
        headers = {k: v for k, v in response.headers.items() if k.lower() != "content-security-policy"}
        self.stripped += len(response.headers) - len(headers)
        route.fulfill(response=response, headers=headers)


def sign_in(walk: Walk) -> None:
    page = walk.page
    page.goto(walk.server + "/login")
    walk.submit_sign_in("ana", PASSWORD)
    page.wait_for_url(lambda url: "/login" not in url)


def inline_handlers_run(page: Page) -> bool:
    """Return whether an injected inline handler would run on this page (it does once the CSP is gone)."""
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=window.__probe=1 hidden>')")
    for _ in range(50):
        if page.evaluate("window.__probe === 1"):
            return True
        page.wait_for_timeout(100)
    return False


def drive_tooltips(page: Page) -> list[dict[str, Any]]:
    """Show the tooltip of every data item of every series of every chart on the page; return what each held."""
    page.wait_for_load_state("networkidle")
    page.evaluate(f"window.HOSTILE = {HOSTILE!r}")
    charts = page.locator(CHARTS)
    expect(charts.first.locator("canvas")).to_be_visible()
    return [charts.nth(i).evaluate(DRIVE) for i in range(charts.count())]


def foreign_maker() -> str:
    """Return an enterprise outside the cluster that makes something (a firm to attract)."""
    outside = {r["id"] for r in demo_rows("enterprises") if r["in_cluster"] == "false"}
    return next(r["enterprise_id"] for r in demo_rows("enterprise_nodes") if r["enterprise_id"] in outside)


PAGES = (
    "/",
    "/scorecard?as_of=2025-12-31",
    "/chain",
    "/chain/gaps",
    "/enterprises/E0001",
    "/projects?as_of=2025-12-31",
    "/projects/P01?as_of=2025-12-31",
    "/resilience/nodes/E0001",
    "/resilience/what-if?by=country&country=DE",
)


def visit(walk: Walk, path: str) -> list[dict[str, Any]]:
    """Open a page with charts, drive their tooltips and return what they held."""
    page = walk.page
    if path == "scenarios":
        page.goto(f"{walk.server}/chain/scenarios?attract={foreign_maker()}")
        page.click("#evaluate")
    elif path == "/resilience":
        page.goto(walk.server + path)
        expect(page.locator("#ttr-chart canvas")).to_be_visible(timeout=120_000)  # reloads itself while analysing
    else:
        page.goto(walk.server + path)
    assert inline_handlers_run(page), f"{path}: the CSP still blocks inline handlers"
    found = drive_tooltips(page)
    if path == "/chain":  # the node panel is the one place a page script inserts HTML (rendered by the server)
        page.locator("#node-list a.node-link").first.click()
        expect(page.locator("#node-panel")).to_contain_text(HOSTILE)
    return found


def test_hostile_names_and_units_stay_text_in_every_chart_tooltip(hostile_server: str) -> None:
    stripper, seen = CspStripper(), {}
    with walk_in_browser(hostile_server) as walk:
        sign_in(walk)
        walk.page.route("**/*", stripper)
        for path in (*PAGES, "scenarios", "/resilience"):
            seen[path] = visit(walk, path)
            walk.page.wait_for_timeout(300)  # an injected <img src=x> fails to load and runs its handler by now
            assert walk.page.evaluate("window.__xss") is None, f"{path}: a hostile value ran as HTML"
        walk.shot("injection-last-page")
    charts = [chart for found in seen.values() for chart in found]
    for path, found in seen.items():
        print(
            path,
            len(found),
            "charts",
            sum(c["items"] for c in found),
            "tooltips",
            sum(c["hostile"] for c in found),
            "hostile",
        )
    print(
        f"{len(seen)} pages, {len(charts)} charts, {sum(c['series'] for c in charts)} series, "
        f"{sum(c['items'] for c in charts)} tooltips driven, {sum(c['shown'] for c in charts)} shown, "
        f"{sum(c['hostile'] for c in charts)} with the hostile text as text"
    )
    assert stripper.stripped >= len(seen)
    assert all(chart["images"] == 0 for chart in charts), seen
    for path, found in seen.items():
        assert all(chart["hostile"] > 0 for chart in found), (path, found)
