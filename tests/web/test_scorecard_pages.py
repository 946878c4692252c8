"""The scorecard page over the demo data: today's address, a card and a chart per target, both languages.

Expected figures are counted here from the demo CSV files with the csv module, not taken from the app.
"""

from __future__ import annotations

import re
from html import unescape

from tests.web.conftest import Pages, demo_rows
from tests.web.pages import chart_json


def top50_count(year: str) -> int:
    """Return how many brands of cluster firms the demo's global top-50 list of a year ranks (from the CSVs)."""
    inside = {row["id"] for row in demo_rows("enterprises") if row["in_cluster"] == "true"}
    owners = {row["id"]: row["owner_id"] for row in demo_rows("brands")}
    return sum(
        1
        for row in demo_rows("brand_rankings")
        if row["ranking"] == "global_top50" and row["year"] == year and owners[row["brand_id"]] in inside
    )


def test_the_page_goes_to_todays_date(pages: Pages) -> None:
    response = pages.client.get("/scorecard", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/scorecard?as_of=20")
    assert pages.client.get("/scorecard").status_code == 200


def test_a_card_and_a_chart_per_target(pages: Pages) -> None:
    html = pages.client.get("/scorecard?as_of=2025-12-31").text
    targets = [row for row in demo_rows("targets") if not row["scope"].startswith("cluster:")]  # other clusters'
    assert html.count('class="card sc-card') == len(targets)
    anchor = "t-global_top50_brands-cluster-2030"
    card = unescape(html.split(f'id="{anchor}"')[1].split("</section>")[0])
    count = top50_count("2023")
    assert count == 5
    # five in the 2023 list, seven wanted by 2030: (7 / 5)^(1/7) − 1 = 4.92 % a year
    assert "5个" in card and "4.9%" in card and ">合成</span>" in card
    chart = chart_json(html, f"{anchor}-data")
    assert chart["target"] == ["2030", 7.0]
    assert dict(zip(chart["x"], chart["actual"], strict=True))["2023"] == count  # type: ignore[call-overload]
    assert "完成进度 = (最新值 − 基期值) / (目标值 − 基期值)" in unescape(html)


def test_the_as_of_date_changes_what_is_known(pages: Pages) -> None:
    exports_2023 = next(
        r["value"] for r in demo_rows("indicators") if r["metric"] == "exports" and r["period"] == "2023"
    )
    html = unescape(pages.client.get("/scorecard?as_of=2024-06-30").text)
    card = html.split('id="t-exports-cluster-2030"')[1].split("</section>")[0]
    assert f"{float(exports_2023):,.1f}".rstrip("0").rstrip(".") + " 亿元" in card
    assert "2024年1–6月" in card and "2024年1–7月" not in card  # July's total is not known on 30 June
    later = unescape(pages.client.get("/scorecard?as_of=2025-12-31").text)
    assert "2025年1–11月" in later.split('id="t-exports-cluster-2030"')[1].split("</section>")[0]


def test_demo_targets_start_from_2020_so_progress_shows_the_way_come(pages: Pages) -> None:
    # Each synthetic target's baseline is its series' 2020 value (the 14th Five-Year Plan's base year), so the
    # card's progress (latest − baseline) / (target − baseline) is not the 0.0 % a 2025 baseline gave.
    values = {(r["metric"], r["scope"], r["period"]): float(r["value"]) for r in demo_rows("indicators")}
    html = unescape(pages.client.get("/scorecard?as_of=2025-12-31").text)
    targets = [row for row in demo_rows("targets") if not row["scope"].startswith("cluster:")]  # the default's
    synthetic = [row for row in targets if row["source"] == "synthetic"]
    assert len(synthetic) == 12
    for row in synthetic:
        metric, scope, base = row["metric"], row["scope"], float(row["baseline_value"])
        assert row["baseline_period"] == "2020" and base == values[(metric, scope, "2020")], row
        latest = top50_count("2023") if metric == "global_top50_brands" else values[(metric, scope, "2025")]
        progress = (latest - base) / (float(row["target_value"]) - base)
        anchor = f"t-{metric}-{scope}-{row['target_period']}".replace(":", "-").replace(".", "-")
        card = html.split(f'id="{anchor}"')[1].split("</section>")[0]
        shown = re.search(r"<dt>完成进度</dt><dd>([^<]*)</dd>", card)
        assert shown and shown.group(1) == f"{progress * 100:.1f}%" != "0.0%", (row, shown)
    # the one sourced target (the 12th Five-Year Plan's, 2015) keeps no baseline: its source gives none
    [sourced] = [row for row in demo_rows("targets") if row["source"] != "synthetic"]
    assert (sourced["metric"], sourced["baseline_period"], sourced["baseline_value"]) == ("cm_output", "", "")


def test_english_and_bad_dates(pages: Pages) -> None:
    pages.client.cookies.set("lang", "en")
    html = pages.client.get("/scorecard?as_of=2025-12-31").text
    assert "Targets scorecard" in html and "Definitions" in html and "Brands in the global top 50" in html
    assert "偏离目标" not in html and "Off track" in html
    bad = pages.client.get("/scorecard?as_of=2025-02-30")
    assert bad.status_code == 400 and "as_of" in bad.text


def test_every_status_reason_and_field_has_a_label_in_both_languages() -> None:
    from chainatlas.analytics.scorecard import REASONS, Status, TargetScore
    from chainatlas.web.i18n import MESSAGES

    assert {f"reason.{code}" for code in REASONS} <= MESSAGES.keys()
    assert {f"status.{s.value}" for s in Status} | {"status.unknown"} <= MESSAGES.keys()
    fields = {"progress", "required_cagr", "actual_cagr", "projected_value", "projection_low", "status"}
    assert fields <= set(TargetScore.__dataclass_fields__)
    assert {f"field_reason.{field}" for field in fields} <= MESSAGES.keys()


def test_an_as_of_date_out_of_range_or_not_yyyy_mm_dd_is_a_400_naming_as_of(pages: Pages) -> None:
    # Before the shared rule, /scorecard?as_of=0999-01-01 was a 500.
    pages.login("ana")
    token = pages.csrf("/alerts")
    for day in ("0001-01-01", "0999-01-01", "2101-01-01", "20250101"):
        for path in ("/scorecard", "/projects", "/projects/P07"):  # /alerts takes no date: it lists stored alerts
            bad = pages.client.get(f"{path}?as_of={day}")
            assert bad.status_code == 400 and "as_of" in bad.text, path
            assert "YYYY-MM-DD from 1800-01-01 to 2100-12-31" in unescape(bad.text), path
        posted = pages.client.post("/alerts/evaluate", data={"as_of": day, "csrf_token": token}, follow_redirects=False)
        assert posted.status_code == 400 and "as_of" in posted.text
        assert "YYYY-MM-DD from 1800-01-01 to 2100-12-31" in unescape(posted.text)
