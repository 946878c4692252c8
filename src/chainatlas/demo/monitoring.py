"""Synthetic monitoring data of the demo: indicator series, targets, key projects, milestones, progress.

Real rows come from `facts`; the synthetic ones use metric names no real series uses, and the local
supporting rate (本地配套率) and the count of 规上 firms are computed from the generated registry.
"""

from __future__ import annotations

import datetime as dt
import random

from chainatlas.demo import facts
from chainatlas.demo.firms import LEAVES, NODES, Registry, chinese_word, fresh_word, under
from chainatlas.demo.supply import Link
from chainatlas.domain.common import SYNTHETIC

Row = dict[str, object]
YEARS = range(2018, 2026)
AS_OF = dt.date(2025, 12, 31)
BASE_YEAR = "2020"
"""Synthetic targets' baseline period: the base year of the 14th Five-Year Plan (2021–2025), as plans state them."""
RD_SPEND = (58.0, 1.11, 1.14, 1.12, 0.93, 1.06, 1.08, 1.07)
EXPORTS = (92.0, 1.18, 1.35, 1.42, 1.22, 1.30, 1.16, 1.12)
MONTH_WEIGHTS = (6, 5, 9, 9, 9, 8, 8, 8, 9, 9, 9, 11)
SYNTHETIC_PROJECTS = (
    (
        "P06",
        "",
        "关键零部件配套产业园",
        "key components supplier park",
        "components_park",
        60,
        "2021-03-18",
        "2026-12-31",
        0,
        "",
    ),
    (
        "P07",
        "U.HYD",
        "高端液压件研发中心",
        "high-end hydraulics R&D centre",
        "rd_centre",
        8,
        "2022-05-10",
        "2025-06-30",
        0,
        "",
    ),
    (
        "P08",
        "U.ELC.DRIVE",
        "电驱动系统生产基地",
        "electric drive plant",
        "manufacturing",
        25,
        "2023-02-15",
        "2026-06-30",
        100000,
        "台/年",
    ),
    (
        "P09",
        "D.AFT.REMAN",
        "工程机械再制造基地",
        "remanufacturing base",
        "manufacturing",
        12,
        "2020-10-01",
        "2023-12-31",
        3000,
        "台/年",
    ),
    (
        "P10",
        "S.TEST",
        "工程机械检测认证公共服务平台",
        "testing and certification platform",
        "infrastructure",
        5,
        "2021-07-01",
        "2024-06-30",
        0,
        "",
    ),
)
"""Synthetic projects: id, owner's node prefix, name, kind, 亿元, start, planned finish, capacity, unit."""
REAL_RAMPS = {
    "P01": (2019.05, 2027.0, 2027.0, 2027.0),
    "P02": (2019.67, 2021.0, 2020.9, 2027.0),
    "P03": (2019.74, 2026.0, 2021.0, 2035.0),
}
"""Synthetic ramps of the real projects (years): start, investment complete, capacity from, capacity full."""
STAGES = (("开工", 0.0), ("主体结构封顶", 0.35), ("设备安装调试", 0.7), ("竣工投产", 1.0))


def indicator(metric: str, scope: str, period: str, value: float, unit: str) -> Row:
    """Return one synthetic indicator row, the value rounded to one decimal."""
    return {
        "metric": metric,
        "scope": scope,
        "period": period,
        "value": f"{value:.1f}",
        "unit": unit,
        "source": SYNTHETIC,
    }


def local_supporting_rate(links: list[Link], prefix: str, year: int) -> float | None:
    """Return the share (%) by value of a node's purchases by cluster firms that cluster suppliers made."""
    active = [
        link
        for link in links
        if link.customer.in_cluster
        and under(link.node, prefix)
        and link.since <= year
        and (link.until is None or link.until >= year)
    ]
    total = sum(link.value for link in active)
    return 100 * sum(link.value for link in active if link.supplier.in_cluster) / total if total else None


def rate_scopes() -> list[tuple[str, str]]:
    """Return (scope, node prefix) pairs the local supporting rate is tracked for."""
    systems = [code for code in NODES if code.count(".") == 1 and code.startswith("U.")]
    key_leaves = [leaf for leaf in LEAVES if NODES[leaf].key_technology]
    return [("cluster", "U")] + [(f"node:{code}", code) for code in systems + key_leaves]


def rate_series(links: list[Link]) -> list[Row]:
    """Return the yearly local supporting rate of the cluster and of each tracked node."""
    rows = []
    for scope, prefix in rate_scopes():
        for year in YEARS:
            rate = local_supporting_rate(links, prefix, year)
            if rate is not None:
                rows.append(indicator("local_supporting_rate", scope, str(year), rate, "%"))
    return rows


def growth(first: float, factors: tuple[float, ...]) -> list[float]:
    """Return a yearly series from its first value and the year-on-year factors."""
    values = [first]
    for factor in factors:
        values.append(values[-1] * factor)
    return values


def above_scale_count(enterprises: list[Row], year: int) -> int:
    """Return how many cluster firms tagged 规上 had been founded by a year."""
    count = 0
    for firm in enterprises:
        tags, founded = firm.get("tags"), firm.get("founded")
        if firm.get("in_cluster") and isinstance(tags, tuple) and "规上" in tags and isinstance(founded, int):
            count += founded <= year
    return count


def cluster_series(enterprises: list[Row]) -> list[Row]:
    """Return the synthetic R&D spend, exports (yearly and 2025 cumulative months) and 规上 counts."""
    rd_spend, exports = growth(RD_SPEND[0], RD_SPEND[1:]), growth(EXPORTS[0], EXPORTS[1:])
    rows = [indicator("rd_spend", "cluster", str(y), v, "亿元") for y, v in zip(YEARS, rd_spend, strict=True)]
    rows += [indicator("exports", "cluster", str(y), v, "亿元") for y, v in zip(YEARS, exports, strict=True)]
    done = 0
    for month, weight in enumerate(MONTH_WEIGHTS, start=1):
        done += weight
        rows.append(indicator("exports", "cluster", f"2025-{month:02d}", exports[-1] * done / 100, "亿元"))
    for year in YEARS:
        count = above_scale_count(enterprises, year)
        rows.append({**indicator("enterprises_above_scale", "cluster", str(year), count, "家"), "value": str(count)})
    return rows


def indicator_rows(links: list[Link], enterprises: list[Row]) -> list[Row]:
    """Return every indicator: the sourced ones and the synthetic series."""
    return facts.real_indicators() + rate_series(links) + cluster_series(enterprises)


def target(metric: str, scope: str, period: str, value: float, baseline: Row, unit: str) -> Row:
    """Return one synthetic target row with its baseline taken from a synthetic indicator row."""
    shown = f"{value:.0f}" if unit == "家" else f"{value:.1f}"
    return {
        "metric": metric,
        "scope": scope,
        "target_period": period,
        "target_value": shown,
        "unit": unit,
        "baseline_period": baseline["period"],
        "baseline_value": baseline["value"],
        "source": SYNTHETIC,
    }


def synthetic_rows_of(indicators: list[Row], period: str) -> dict[tuple[object, object], Row]:
    """Return the synthetic indicator rows of a period by (metric, scope)."""
    return {(r["metric"], r["scope"]): r for r in indicators if r["source"] == SYNTHETIC and r["period"] == period}


def target_rows(indicators: list[Row]) -> list[Row]:
    """Return the sourced 2015 target and synthetic 2027/2030 targets: the 2025 value plus a step, from the
    BASE_YEAR value as baseline (so progress shows how far the series has come since the plan began)."""
    latest, base_year = synthetic_rows_of(indicators, "2025"), synthetic_rows_of(indicators, BASE_YEAR)
    plans = (
        ("local_supporting_rate", "cluster", "2027", 5.0, "%"),
        ("local_supporting_rate", "cluster", "2030", 12.0, "%"),
        ("local_supporting_rate", "node:U.HYD.PUMP.PISTON", "2030", 15.0, "%"),
        ("local_supporting_rate", "node:U.ELC.CTRL.CHIP", "2030", 10.0, "%"),
        ("rd_spend", "cluster", "2027", 25.0, "亿元"),
        ("exports", "cluster", "2030", 260.0, "亿元"),
        ("enterprises_above_scale", "cluster", "2027", 30.0, "家"),
    )
    rows = facts.real_targets()
    for metric, scope, period, step, unit in plans:
        value = float(str(latest[(metric, scope)]["value"])) + step
        rows.append(target(metric, scope, period, value, base_year[(metric, scope)], unit))
    return rows


def owner_of(reg: Registry, prefix: str) -> str | None:
    """Return the biggest synthetic cluster firm making something under the prefix, if any."""
    pool = [f for f in reg.firms if f.in_cluster and not f.real and any(under(n, prefix) for n in f.nodes)]
    if not prefix or not pool:
        return None
    return max(pool, key=lambda f: sum(f.output.values())).id


def project_rows(reg: Registry) -> list[Row]:
    """Return the sourced projects and five synthetic ones, named with their owners' made-up words."""
    rows = facts.real_projects()
    by_id = {f.id: f for f in reg.firms}
    for pid, prefix, name_zh, name_en, kind, yi, start, finish, capacity, unit in SYNTHETIC_PROJECTS:
        owner = owner_of(reg, prefix)
        word = by_id[owner].word if owner else fresh_word(reg, chinese_word)
        rows.append(
            {
                "id": pid,
                "name_zh": word[0] + name_zh,
                "name_en": f"{word[1]} {name_en}",
                "owner_id": owner,
                "kind": kind,
                "planned_investment_cny": f"{yi * 1e8:.2f}",
                "start": start,
                "planned_finish": finish,
                "planned_capacity": str(capacity) if capacity else None,
                "capacity_unit": unit or None,
                "source": SYNTHETIC,
            }
        )
    return rows


def stage_rows(rng: random.Random, project: Row) -> list[Row]:
    """Return a synthetic project's staged milestones: done ones (mostly late), then open ones."""
    start, finish = (dt.date.fromisoformat(str(project[k])) for k in ("start", "planned_finish"))
    stages = [(name, start + dt.timedelta(days=round((finish - start).days * f))) for name, f in STAGES]
    stages.append(("全面达产", finish + dt.timedelta(days=365)))
    rows, done = [], True
    for name, planned in stages:
        actual = start if planned == start else planned + dt.timedelta(days=rng.randint(-10, 150))
        done = done and actual <= AS_OF
        rows.append(
            {
                "project_id": project["id"],
                "name": name,
                "planned_date": planned.isoformat(),
                "actual_date": actual.isoformat() if done else None,
                "source": SYNTHETIC,
            }
        )
    return rows


def milestone_rows(rng: random.Random, projects: list[Row]) -> list[Row]:
    """Return the sourced milestones and the synthetic projects' staged ones."""
    rows = facts.real_milestones()
    for project in projects:
        rows += stage_rows(rng, project) if project["source"] == SYNTHETIC else []
    return rows


def ramp(t: float, begin: float, end: float) -> float:
    """Return a smooth 0→1 ramp between two times (years)."""
    x = min(1.0, max(0.0, (t - begin) / (end - begin)))
    return x * x * (3 - 2 * x)


def year_of(date: object) -> float:
    """Return an ISO date as a fractional year."""
    day = dt.date.fromisoformat(str(date))
    return day.year + (day.timetuple().tm_yday - 1) / 366


def project_ramp(rng: random.Random, project: Row) -> tuple[float, float, float, float] | None:
    """Return when a project starts, completes its investment, starts and completes its capacity ramp."""
    if project["source"] != SYNTHETIC:
        return REAL_RAMPS.get(str(project["id"]))
    slip = rng.uniform(0.0, 0.4)
    finish = year_of(project["planned_finish"]) + slip
    return year_of(project["start"]), finish, finish - 0.5, finish + 1.0


def progress_row(project: Row, period: str, t: float, times: tuple[float, float, float, float]) -> Row:
    """Return a project's cumulative investment (to the 万元) and capacity reached at time t."""
    begin, done, ramp_from, full = times
    invest, capacity = project.get("planned_investment_cny"), project.get("planned_capacity")
    invested = round(float(str(invest)) * ramp(t, begin, done) / 1e4) * 1e4 if invest else None
    reached = round(float(str(capacity)) * ramp(t, ramp_from, full)) if capacity else None
    return {
        "project_id": project["id"],
        "period": period,
        "investment_completed_cny": None if invested is None else f"{invested:.2f}",
        "capacity_reached": None if reached is None else str(reached),
        "source": SYNTHETIC,
    }


def progress_rows(rng: random.Random, projects: list[Row]) -> list[Row]:
    """Return cumulative investment and capacity per project, yearly to 2024 and quarterly in 2025."""
    rows: list[Row] = []
    for project in projects:
        times = project_ramp(rng, project)
        if times is None:
            continue
        periods = [(str(y), y + 1.0) for y in range(int(times[0]), 2025)]
        periods += [(f"2025-Q{q}", 2025 + q / 4) for q in range(1, 5)]
        rows += [progress_row(project, period, t, times) for period, t in periods]
    return rows
